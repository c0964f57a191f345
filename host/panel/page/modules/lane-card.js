// A rig's card drawn from the server's view of its lane (host/panel/panel-view.ts): the head with the
// rig's state and its buttons, the unit's banner and progress, the pole lamps and the values.
import { clearChart, liveText } from './force-chart.js';
import { laneFor } from './lanes.js';
import { renderPoleLamps } from './pole-lamps.js';
import { renderValuesTable } from './values-table.js';

const STATE_WORDS = { free: 'ready', busy: 'testing', down: 'not available', 'given-up': 'given up' };

/** Draw a lane's view on its card, adding the card for a rig not seen before. */
export function renderLane(view) {
  const lane = laneFor(view.rig);
  lane.view = view;
  const { card } = lane;
  renderLaneHead(card, view);
  const unit = view.unit;
  // A new unit starts with an empty chart, not the last unit's curve.
  const unitKey = unit ? `${unit.serial}#${unit.attempt}:` : null;
  if (lane.curve && (!unitKey || !lane.curve.id.startsWith(unitKey))) clearChart(lane);
  renderBanner(card.querySelector('.banner'), unit);
  renderProgress(card, unit);
  card.querySelector('.live').textContent = liveText(lane);
  renderPoleLamps(card.querySelector('.lamps'), unit);
  renderValuesTable(card.querySelector('.values'), unit);
}

function renderLaneHead(card, view) {
  card.querySelector('.rig-name').textContent = view.rig;
  card.querySelector('.rig-id').textContent = view.rigId ? `${view.rigId}${view.where ? ` on ${view.where}` : ''}` : '';
  const state = card.querySelector('.rig-state');
  state.dataset.state = view.state;
  state.textContent = STATE_WORDS[view.state] + (view.fault ? `: ${view.fault}` : '');
  card.querySelector('.abort').disabled = view.state !== 'busy';
  // A reset asked of a rig with nothing latched does nothing; one whose E-stop is still pressed is refused (and the fault says so).
  card.querySelector('.reset').hidden = view.state !== 'down';
}

function renderBanner(banner, unit) {
  banner.dataset.outcome = unit ? (unit.outcome ?? 'RUNNING') : '';
  banner.querySelector('.banner-word').textContent = unit
    ? unit.outcome
      ? `${unit.outcome}  ${unit.serial}`
      : `testing ${unit.serial}${unit.attempt > 1 ? ` (attempt ${unit.attempt})` : ''}`
    : 'no unit';
  banner.querySelector('.banner-cause').textContent = unit ? (unit.cause ?? '') : 'scan a serial number and press Start';
}

function renderProgress(card, unit) {
  const done = unit ? (unit.outcome ? unit.totalSteps : Math.max(0, unit.stepIndex - 1)) : 0;
  card.querySelector('.progress-bar').style.width = unit && unit.totalSteps ? `${(100 * done) / unit.totalSteps}%` : '0';
  const step = unit && unit.step;
  card.querySelector('.progress-text').textContent = step
    ? `step ${unit.stepIndex}/${unit.totalSteps}: ${step.pole ? `pole ${step.pole} ` : ''}${step.title}${step.attempt > 1 ? ` (retest ${step.attempt - 1})` : ''}`
    : unit && unit.totalSteps
      ? `${unit.totalSteps} steps`
      : '';
}
