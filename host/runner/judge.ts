import type { DecisionRule, Limits } from '../plans/resolved-plan.js';
import { MIN_TOLERANCE_TO_UNCERTAINTY, decisionStatement, toleranceOf } from './decision-rule.js';
import type { UncertaintyRecord } from './uncertainty/budget.js';
import type { MeasurementRecord, MeasurementVerdict, Outcome } from './test-record.js';

/**
 * What a step hands the runner: a value with its unit and limits, and how to word a failure. The step
 * only measures; `judgeMeasurement` decides the verdict (OpenHTF: the framework decides).
 */
export interface DeclaredMeasurement {
  name: string;
  /** The person's word for it in causes: `voltage drop`, `slip during hold`. */
  label: string;
  value: number | null;
  limits: Limits;
  pole?: number;
  /** The pole pair a pair-scoped value (insulation resistance) belongs to, a < b; a pair failure fails both poles. */
  pair?: [number, number];
  /**
   * The true value lies beyond the rig's range and `value` is the bound: above (more than `value`) or
   * below (less). Judged against a limit on the conclusive side only; the step makes sure it is.
   */
  beyondRange?: 'above' | 'below';
  /** Why `value` is null (open circuit …); a null value always fails. */
  notMeasuredCause?: string;
  /** Decimals in causes; default 2. */
  decimals?: number;
  /** Custom wording of a violated limit, e.g. `pull-out at 38.2 N (< 90 N, IEC 60999-1)`. */
  explain?: (value: number, bound: 'low' | 'high', limit: number) => string;
  /**
   * A test condition (the current that flowed, the rate of a ramp), not a property of the DUT: its limits are
   * the tolerance around `nominal`, and outside them the step is ERROR "condition not met", never FAIL.
   */
  condition?: { nominal: number };
  /** Expanded uncertainty (k = 2) from the quantity's budget (runner/uncertainty/), copied into the record. */
  uncertainty?: UncertaintyRecord;
}

/** The rule a limit's source names ("IEC 60947-7-1"), for causes; the full source stays in the record's limits. */
export function ruleOf(source: string | undefined): string {
  return source ? (source.split(/[:;(]/)[0]?.trim() ?? '') : '';
}

/**
 * The verdict on one measurement under the plan's decision rule (runner/decision-rule.ts). A value beyond a
 * limit FAILs under either rule; under guarded acceptance a value within U inside a limit FAILs too, as a
 * conditional pass. A value with an uncertainty and a limit also gets its ILAC-G8 statement (`decision`)
 * and, when the limit's tolerance is less than 4 U, a warning. Test conditions are outside the decision
 * rule: met or not met (ERROR), judged against their tolerance as measured.
 */
export function judgeMeasurement(m: DeclaredMeasurement, decisionRule: DecisionRule = 'simple'): MeasurementRecord {
  const { unit, ...limits } = m.limits;
  const judged = m.value !== null && !m.condition && (m.limits.low !== undefined || m.limits.high !== undefined);
  const expandedU = m.uncertainty?.expanded ?? 0;
  const decision = judged && m.value !== null ? decisionStatement(m.value, m.limits, expandedU) : undefined;
  const warning = judged && m.uncertainty ? turWarning(m, expandedU) : undefined;
  const base = {
    name: m.name,
    value: m.value,
    unit,
    limits,
    ...(m.pole === undefined ? {} : { pole: m.pole }),
    ...(m.pair === undefined ? {} : { pair: m.pair }),
    ...(m.beyondRange === undefined ? {} : { beyondRange: m.beyondRange }),
    ...(m.condition ? { condition: { nominal: m.condition.nominal } } : {}),
    ...(m.uncertainty ? { uncertainty: m.uncertainty } : {}),
    ...(decision === undefined ? {} : { decision }),
    ...(warning === undefined ? {} : { warning }),
  };
  if (m.value === null) return { ...base, verdict: 'FAIL', cause: m.notMeasuredCause ?? `${m.label}: not measured` };
  const value = m.value;
  const { low, high } = m.limits;
  const fmt = (n: number): string => `${n.toFixed(m.decimals ?? 2)} ${unit}`.trim();
  const rule = ruleOf(m.limits.source);
  const source = rule ? ` (${rule})` : '';
  const fail = (bound: 'low' | 'high', limit: number, sign: string): MeasurementRecord => ({
    ...base,
    verdict: 'FAIL',
    cause: m.explain?.(value, bound, limit) ?? `${m.label} ${fmt(value)} ${sign} ${limit} ${unit}${source}`.replace(/ +/g, ' '),
  });
  if (low !== undefined && value < low) return fail('low', low, '<');
  if (high !== undefined && value > high) return fail('high', high, '>');
  // A value beyond the range lies farther from any limit it passes than the bound itself: never marginal. The
  // cause names the bound, so every export (which has one value cell) shows the value is not `value` itself.
  if (m.beyondRange !== undefined) return { ...base, verdict: 'PASS', cause: `${m.label} ${m.beyondRange === 'above' ? '>' : '<'} ${fmt(value)} (beyond the rig's range)` };
  if (decisionRule === 'guarded' && decision === 'conditional-pass') {
    const nearest = nearestLimit(value, m.limits);
    const fmtU = `${expandedU.toFixed(Math.max(m.decimals ?? 2, 3))} ${unit}`.trim();
    return {
      ...base,
      verdict: 'FAIL',
      cause: `conditional pass: ${m.label} ${fmt(value)} within U = ${fmtU} of the limit ${nearest} ${unit}${source} (guarded acceptance, w = U)`.replace(/ +/g, ' '),
    };
  }
  const verdict = marginalVerdict(value, m.limits);
  if (verdict === 'PASS') return { ...base, verdict };
  return { ...base, verdict, cause: `${m.label} ${fmt(value)} within ${((m.limits.marginalFraction ?? 0) * 100).toFixed(0)} % of its limit` };
}

/** The limit closer to the value. */
function nearestLimit(value: number, limits: Limits): number {
  const { low, high } = limits;
  if (low === undefined) return high ?? 0;
  if (high === undefined) return low;
  return Math.abs(value - low) < Math.abs(high - value) ? low : high;
}

/**
 * `voltage drop: tolerance 3.2 mV is less than 4 × U (U = 0.9 mV, k = 2; 3.6 : 1): ...` when the limit leaves
 * the value less than four times its uncertainty (metrology.md: the common minimum test uncertainty ratio).
 */
function turWarning(m: DeclaredMeasurement, expandedU: number): string | undefined {
  const tolerance = toleranceOf(m.limits);
  if (tolerance === null || expandedU <= 0 || tolerance >= MIN_TOLERANCE_TO_UNCERTAINTY * expandedU) return undefined;
  const unit = m.limits.unit;
  const digits = (n: number): string => n.toPrecision(3);
  return (
    `${m.label}: tolerance ${digits(tolerance)} ${unit} is less than ${MIN_TOLERANCE_TO_UNCERTAINTY} × U ` +
    `(U = ${digits(expandedU)} ${unit}, k = 2; ratio ${(tolerance / expandedU).toFixed(1)} : 1): a verdict near the limit carries a false-accept risk (ILAC-G8)`
  ).replace(/ +/g, ' ');
}

/**
 * MARGINAL: inside the limits but within `marginalFraction` of the span from a limit. The span is
 * high − low with both limits, else the one limit's size (a one-sided limit has no range).
 */
function marginalVerdict(value: number, limits: Limits): MeasurementVerdict {
  const fraction = limits.marginalFraction;
  if (!fraction) return 'PASS';
  const { low, high } = limits;
  const span = low !== undefined && high !== undefined ? high - low : Math.abs(low ?? high ?? 0);
  const margin = fraction * span;
  if (low !== undefined && value - low < margin) return 'MARGINAL';
  if (high !== undefined && high - value < margin) return 'MARGINAL';
  return 'PASS';
}

// SKIPPED ranks with PASS: an optional step left out does not make a unit fail.
const SEVERITY: Record<Outcome, number> = { PASS: 0, SKIPPED: 0, FAIL: 1, ERROR: 2, ABORTED: 3 };

/** The worst of several outcomes; PASS for none, SKIPPED only when everything was skipped. */
export function worstOutcome(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.length > 0 && outcomes.every((o) => o === 'SKIPPED')) return 'SKIPPED';
  return outcomes.reduce<Outcome>((worst, o) => (SEVERITY[o] > SEVERITY[worst] ? o : worst), 'PASS');
}
