import { decisionRuleText } from '../runner/decision-rule.js';
import type { MeasurementRecord, StepRecord, TestRecord } from '../runner/test-record.js';

/** The headline figure of a step for a table cell: the first judged measurement (drop, peak force …). */
function cellFor(step: StepRecord | undefined, pole: number): string {
  if (!step) return '';
  const attempt = step.attempts.at(-1);
  const verdict = step.marginal ? 'MARGINAL' : step.outcome;
  // Unit-scope steps (isolation) carry a verdict per pole.
  const poleVerdict = attempt?.poleVerdicts?.find((v) => v.pole === pole);
  if (poleVerdict) return poleVerdict.verdict;
  const main = attempt?.measurements.find((m) => m.name !== 'conductor-held') ?? attempt?.measurements[0];
  const retests = step.attempts.length > 1 ? ` (${step.attempts.length} tries)` : '';
  return main ? `${formatValue(main)} ${verdict}${retests}` : `${verdict}${retests}`;
}

function formatValue(m: MeasurementRecord): string {
  if (m.value === null) return 'open';
  const decimals = m.unit === 'mV' ? 3 : m.unit === 'N' || m.unit === '°C' || m.unit === 'K' ? 1 : 2;
  // U (k = 2) beside the value: a technician sees how close to a limit a value may really be.
  const plusMinus = m.uncertainty ? ` ± ${m.uncertainty.expanded.toFixed(decimals)}` : '';
  return `${m.value.toFixed(decimals)}${plusMinus} ${m.unit}`.trim();
}

/** Pole × step table (value + verdict), unit-scope steps with a per-pole verdict included, then the outcome. */
export function resultTable(record: TestRecord): string {
  const unitScoped = [...record.unitSteps, ...record.unitStepsAfter].filter((s) => s.kind !== 'prompt');
  const poleScoped = (record.poles[0]?.steps ?? []).filter((s) => s.kind !== 'prompt');
  const header = ['pole', ...unitScoped.map((s) => s.stepId), ...poleScoped.map((s) => s.stepId), 'pole outcome'];
  const rows = record.poles.map((p) => [
    String(p.pole),
    ...unitScoped.map((s) => cellFor(s, p.pole)),
    ...poleScoped.map((s) => cellFor(p.steps.find((x) => x.stepId === s.stepId), p.pole)),
    p.outcome,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  out.push('', `unit ${record.serial}: ${record.outcome}${record.cause ? ` — ${record.cause}` : ''}`);
  if (record.decisionRule) out.push(`decision rule: ${decisionRuleText(record.decisionRule.rule)}; values ± U (k = 2)`);
  for (const warning of warningsOf(record)) out.push(`warning: ${warning}`);
  if (record.calibration) out.push(`calibration of rig ${record.rig.id}: ${record.calibration.status}, ${record.calibration.date ?? 'never'}, due ${record.calibration.dueDate ?? '-'}`);
  if (record.release && !record.release.forRelease) out.push(`NOT FOR RELEASE: ${record.release.reason ?? 'the rig was not validly calibrated'}`);
  return `${out.join('\n')}\n`;
}

/** Every step's warnings (tolerance < 4 U), each text once: one per step and limit, not one per pole. */
function warningsOf(record: TestRecord): string[] {
  const steps = [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter];
  const byStep = new Map<string, string>();
  for (const step of steps) for (const warning of step.warnings ?? []) byStep.set(`${step.stepId}: ${warning.split(':')[0]}`, `${step.stepId}: ${warning}`);
  return [...byStep.values()];
}
