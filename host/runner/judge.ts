import type { Limits } from '../plans/resolved-plan.js';
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

export function judgeMeasurement(m: DeclaredMeasurement): MeasurementRecord {
  const { unit, ...limits } = m.limits;
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
  const verdict = marginalVerdict(value, m.limits);
  if (verdict === 'PASS') return { ...base, verdict };
  return { ...base, verdict, cause: `${m.label} ${fmt(value)} within ${((m.limits.marginalFraction ?? 0) * 100).toFixed(0)} % of its limit` };
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
