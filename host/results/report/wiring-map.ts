import type { AttemptRecord, MeasurementRecord, PoleVerdictRecord, StepRecord } from '../../runner/test-record.js';
import { outcomeBadge, verdictBadge } from './badges.js';
import { describeLimits, formatMeasuredValue } from './format-values.js';
import { html, type Markup } from './html.js';
import { limitSourceRef, type LimitSources } from './limit-basis.js';

/**
 * A unit step's per-pole results as one row per pole (isolation: the far-end terminal each pole
 * reaches and its shorts, against what is expected), with the step's own verdict for each pole.
 */

const perPoleMeasurements = (attempt: AttemptRecord): MeasurementRecord[] => attempt.measurements.filter((m) => m.pole !== undefined);

/** Whether a unit step has per-pole results to draw as a map. */
export function hasWiringMap(step: StepRecord): boolean {
  return step.attempts.some((a) => perPoleMeasurements(a).length > 0 || (a.poleVerdicts?.length ?? 0) > 0);
}

/** The poleVerdict the step recorded, or one made from the pole's measurements when it recorded none. */
function poleVerdict(attempt: AttemptRecord, pole: number, measured: MeasurementRecord[]): PoleVerdictRecord {
  const recorded = attempt.poleVerdicts?.find((v) => v.pole === pole);
  if (recorded) return recorded;
  const failed = measured.filter((m) => m.verdict === 'FAIL');
  return { pole, verdict: failed.length > 0 ? 'FAIL' : 'PASS', causes: failed.flatMap((m) => (m.cause ? [m.cause] : [])) };
}

function attemptMap(step: StepRecord, attempt: AttemptRecord, sources: LimitSources): Markup {
  const measured = perPoleMeasurements(attempt);
  const names = [...new Set(measured.map((m) => m.name))];
  const poles = [...new Set([...measured.map((m) => m.pole!), ...(attempt.poleVerdicts ?? []).map((v) => v.pole)])].sort((a, b) => a - b);
  const firstOf = (name: string): MeasurementRecord | undefined => measured.find((m) => m.name === name);
  const caption = step.attempts.length > 1 ? ` — attempt ${attempt.attempt} of ${step.attempts.length}` : '';
  const rows = poles.map((pole) => {
    const ofPole = measured.filter((m) => m.pole === pole);
    const verdict = poleVerdict(attempt, pole, ofPole);
    const cells = names.map((name) => {
      const m = ofPole.find((x) => x.name === name);
      if (!m) return html`<td class="num">—</td>`;
      return html`<td class="num map-cell verdict-cell-${m.verdict.toLowerCase()}">${formatMeasuredValue(m.value)}${m.unit ? ` ${m.unit}` : ''} <span class="expected">${describeLimits(m.limits, m.unit)}</span>${m.verdict !== 'PASS' && html` ${verdictBadge(m.verdict)}`}</td>`;
    });
    return html`<tr><th scope="row" class="num">${pole}</th>${cells}<td class="verdict">${outcomeBadge(verdict.verdict)}</td><td class="cause${verdict.verdict === 'FAIL' ? ' cause-flagged' : ''}">${verdict.causes.join('; ')}</td></tr>`;
  });
  return html`<table class="wiring-map">
<caption>${step.title} — per pole${caption}</caption>
<thead><tr><th scope="col" class="num">Pole</th>${names.map((name) => html`<th scope="col" class="num">${name}${limitSourceRef(sources, firstOf(name)?.limits.source)}</th>`)}<th scope="col">Verdict</th><th scope="col">Cause</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

/** One map per attempt of a unit step that measured per pole. */
export function renderWiringMaps(step: StepRecord, sources: LimitSources): Markup {
  return html`${step.attempts.filter((a) => perPoleMeasurements(a).length > 0 || (a.poleVerdicts?.length ?? 0) > 0).map((a) => attemptMap(step, a, sources))}`;
}

/** What a unit step said about one pole in its deciding attempt; undefined when it said nothing about it. */
export function unitStepVerdictForPole(step: StepRecord, pole: number): PoleVerdictRecord | undefined {
  const last = step.attempts.at(-1);
  if (!last) return undefined;
  const measured = perPoleMeasurements(last).filter((m) => m.pole === pole);
  if (measured.length === 0 && !last.poleVerdicts?.some((v) => v.pole === pole)) return undefined;
  return poleVerdict(last, pole, measured);
}
