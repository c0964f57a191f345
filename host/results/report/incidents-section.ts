import type { StepRecord, TestRecord } from '../../runner/test-record.js';
import { html, type Markup } from './html.js';

/**
 * Everything that went wrong besides a measurement out of its limits: alarms the firmware raised,
 * rig or link errors, lost pull samples, and problems making the rig safe in teardown.
 */

interface Located {
  where: string;
  step: StepRecord;
}

function locatedSteps(record: TestRecord): Located[] {
  return [
    ...record.unitSteps.map((step) => ({ where: 'unit', step })),
    ...record.poles.flatMap((p) => p.steps.map((step) => ({ where: `pole ${p.pole}`, step }))),
    ...record.unitStepsAfter.map((step) => ({ where: 'unit, after the poles', step })),
  ];
}

export function renderIncidents(record: TestRecord): Markup {
  const items: Markup[] = [];
  for (const { where, step } of locatedSteps(record)) {
    for (const attempt of step.attempts) {
      const at = html`<span class="where">${where} · ${step.title} <code>${step.stepId}</code> · attempt ${attempt.attempt}</span>`;
      for (const alarm of attempt.alarms ?? []) items.push(html`<li class="incident-alarm">${at} <strong>ALARM ${alarm.code} ${alarm.name}</strong>: ${alarm.text}</li>`);
      if (attempt.error !== undefined) items.push(html`<li class="incident-error">${at} <strong>rig or link error</strong>: ${attempt.error}</li>`);
      if (attempt.samplesLost) items.push(html`<li class="incident-data">${at} <strong>${attempt.samplesLost} pull samples lost</strong> (the curve has gaps there)</li>`);
    }
  }
  for (const error of record.teardownErrors) items.push(html`<li class="incident-teardown"><span class="where">teardown</span> <strong>rig not made safe cleanly</strong>: ${error}</li>`);
  return html`<section class="incidents">
<h2>Alarms, errors and teardown</h2>
${items.length === 0 ? html`<p class="none">No alarm, rig or link error, lost sample or teardown problem was recorded.</p>` : html`<ul>${items}</ul>`}
</section>`;
}
