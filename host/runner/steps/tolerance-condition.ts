import type { ConditionTolerance } from '../../plans/resolved-plan.js';
import type { DeclaredMeasurement } from '../judge.js';

export interface ToleranceConditionSpec {
  name: string;
  label: string;
  /** null: the condition could not be measured (`notMeasuredCause` says why); the step is then ERROR too. */
  value: number | null;
  notMeasuredCause?: string;
  unit: string;
  decimals: number;
  nominal: number;
  tolerance: ConditionTolerance;
  /** The condition in words for its cause: `test current`, `force during the hold`. */
  what: string;
  /** The nominal value with where it comes from: `nominal 5.7 A (0.1 × IEC 60947-7-1 …)`, `target 90 N`. */
  nominalText: string;
}

/**
 * A test condition declared as a measurement: limits `nominal` ± the tolerance, and a cause such as
 * `test current 5.130 A, outside 5.7 A ± 5 %` when it is not met (the runner then makes the step ERROR).
 */
export function toleranceCondition(spec: ToleranceConditionSpec): DeclaredMeasurement {
  const { fraction, source } = spec.tolerance;
  const pct = (fraction * 100).toFixed(fraction * 100 < 1 ? 1 : 0);
  return {
    name: spec.name,
    label: spec.label,
    value: spec.value,
    ...(spec.notMeasuredCause === undefined ? {} : { notMeasuredCause: spec.notMeasuredCause }),
    decimals: spec.decimals,
    condition: { nominal: spec.nominal },
    explain: (value) => `${spec.what} ${value.toFixed(spec.decimals)} ${spec.unit}, outside ${spec.nominal} ${spec.unit} ± ${pct} %`,
    limits: { unit: spec.unit, low: tidy(spec.nominal * (1 - fraction)), high: tidy(spec.nominal * (1 + fraction)), source: `${spec.nominalText} ± ${pct} % (${source})` },
  };
}

/** 103.5, not 103.49999999999999: the limits are printed and exported as figures a person reads. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}
