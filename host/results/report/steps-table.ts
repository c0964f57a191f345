import type { AttemptRecord, MeasurementRecord, StepRecord } from '../../runner/test-record.js';
import { outcomeBadge, outcomeClass, verdictBadge } from './badges.js';
import { formatDurationMs, formatTimeOfDay } from './format-times.js';
import { formatLimit, formatMeasuredValue, formatUncertainty } from './format-values.js';
import { html, type Markup } from './html.js';
import { limitSourceRef, type LimitSources } from './limit-basis.js';

/**
 * Steps with every attempt and every measurement: value, unit, limits, verdict and cause. Retests
 * keep every attempt; the last one decides the step, the earlier ones are shown as superseded.
 * Per-pole measurements of a unit step (isolation) go to the wiring map instead (`perPoleInMap`).
 */

const COLUMNS = 7;

function measurementRow(m: MeasurementRecord, sources: LimitSources): Markup {
  const failed = m.verdict !== 'PASS';
  return html`<tr class="measurement verdict-row-${m.verdict.toLowerCase()}">
<td class="name">${m.name}${limitSourceRef(sources, m.limits.source)}</td>
<td class="num value">${formatMeasuredValue(m.value)}${uncertaintyMarkup(m)}</td>
<td class="unit">${m.unit}</td>
<td class="num">${formatLimit(m.limits.low)}</td>
<td class="num">${formatLimit(m.limits.high)}</td>
<td class="verdict">${verdictBadge(m.verdict)}${statementMarkup(m)}</td>
<td class="cause${failed ? ' cause-flagged' : ''}">${m.cause ?? ''}</td>
</tr>`;
}

/** ` ± U` (k = 2), its budget line by line in the tooltip. */
function uncertaintyMarkup(m: MeasurementRecord): Markup {
  if (!m.uncertainty) return html``;
  const budget = m.uncertainty.budget.map((c) => `${c.source}: u = ${formatUncertainty(c.standard)} (${c.kind === 'A' ? 'Type A' : 'Type B'})`).join('\n');
  return html`<span class="uncertainty" title="U (k = 2) from:\n${budget}"> ± ${formatUncertainty(m.uncertainty.expanded)}</span>`;
}

/** The ILAC-G8 statement under the badge when the value lies within U of a limit. */
function statementMarkup(m: MeasurementRecord): Markup {
  if (m.decision !== 'conditional-pass' && m.decision !== 'conditional-fail') return html``;
  return html`<span class="statement"> ${m.decision.replace('-', ' ')}</span>`;
}

/** What an attempt left besides measurements: the pull's end, its samples, temperatures, alarms, a rig error, what it could not measure. */
function evidenceRow(attempt: AttemptRecord): Markup {
  const facts: Markup[] = [];
  if (attempt.pullResult !== undefined) facts.push(html`pull result: <strong>${attempt.pullResult}</strong>`);
  if (attempt.samples !== undefined) facts.push(html`${attempt.samples.length} force samples`);
  if (attempt.samplesLost) facts.push(html`<span class="flag">${attempt.samplesLost} samples lost</span>`);
  if (attempt.temperatures?.length) {
    const last = attempt.temperatures.at(-1)!;
    facts.push(html`${attempt.temperatures.length} temperature readings, last ${formatMeasuredValue(last.tempC)} °C at ${formatMeasuredValue(last.tS)} s`);
  }
  for (const alarm of attempt.alarms ?? []) facts.push(html`<span class="flag">ALARM ${alarm.code} ${alarm.name}: ${alarm.text}</span>`);
  if (attempt.error !== undefined) facts.push(html`<span class="flag">rig or link error: ${attempt.error}</span>`);
  for (const note of attempt.notes ?? []) facts.push(html`${note}`);
  if (facts.length === 0) return html``;
  return html`<tr class="evidence"><td colspan="${COLUMNS}">${facts.map((f, i) => html`${i > 0 && ' · '}${f}`)}</td></tr>`;
}

function attemptRows(step: StepRecord, attempt: AttemptRecord, sources: LimitSources, perPoleInMap: boolean): Markup {
  const several = step.attempts.length > 1;
  const deciding = attempt === step.attempts.at(-1);
  const shown = perPoleInMap ? attempt.measurements.filter((m) => m.pole === undefined) : attempt.measurements;
  const inMap = attempt.measurements.length - shown.length;
  const header =
    several &&
    html`<tr class="attempt${deciding ? '' : ' superseded'}">
<td colspan="${COLUMNS - 2}">Attempt ${attempt.attempt} of ${step.attempts.length} · started ${formatTimeOfDay(attempt.startedAt)} · ${formatDurationMs(attempt.durationMs)} · ${deciding ? 'decides the step' : 'superseded by the retest'}</td>
<td class="verdict">${outcomeBadge(attempt.outcome)}</td>
<td class="cause">${attempt.cause ?? ''}</td>
</tr>`;
  const mapNote = inMap > 0 && html`<tr class="evidence"><td colspan="${COLUMNS}">${inMap} per-pole measurements: see the wiring map below</td></tr>`;
  return html`${header}${shown.map((m) => measurementRow(m, sources))}${mapNote}${evidenceRow(attempt)}`;
}

function stepRows(step: StepRecord, sources: LimitSources, perPoleInMap: boolean): Markup {
  const only = step.attempts.length === 1 ? step.attempts[0] : undefined;
  const timing = only
    ? `started ${formatTimeOfDay(only.startedAt)} · ${formatDurationMs(only.durationMs)}`
    : step.attempts.length === 0
      ? 'not run'
      : `${step.attempts.length} attempts`;
  return html`<tbody class="step step-${outcomeClass(step.outcome)}">
<tr class="step-head">
<th colspan="${COLUMNS - 2}" scope="rowgroup">${step.title} <span class="step-id">${step.stepId} · ${step.kind}${step.optional ? ' · optional' : ''}</span> <span class="timing">${timing}</span></th>
<td class="verdict">${outcomeBadge(step.outcome, step.marginal)}</td>
<td class="cause${step.outcome === 'PASS' || step.outcome === 'SKIPPED' ? '' : ' cause-flagged'}">${step.cause ?? ''}</td>
</tr>
${(step.warnings ?? []).map((w) => html`<tr class="evidence"><td colspan="${COLUMNS}"><span class="flag">warning: ${w}</span></td></tr>`)}
${step.attempts.map((a) => attemptRows(step, a, sources, perPoleInMap))}
</tbody>`;
}

/** A table of steps; `perPoleInMap` for unit steps whose per-pole measurements the wiring map shows. */
export function renderStepsTable(steps: readonly StepRecord[], sources: LimitSources, options: { perPoleInMap?: boolean; caption?: string } = {}): Markup {
  if (steps.length === 0) return html`<p class="none">No steps.</p>`;
  return html`<table class="steps">
${options.caption !== undefined && html`<caption>${options.caption}</caption>`}
<colgroup><col class="c-name"><col class="c-value"><col class="c-unit"><col class="c-low"><col class="c-high"><col class="c-verdict"><col class="c-cause"></colgroup>
<thead><tr><th scope="col">Measurement</th><th scope="col" class="num">Value</th><th scope="col">Unit</th><th scope="col" class="num">Low</th><th scope="col" class="num">High</th><th scope="col">Verdict</th><th scope="col">Cause</th></tr></thead>
${steps.map((s) => stepRows(s, sources, options.perPoleInMap ?? false))}
</table>`;
}
