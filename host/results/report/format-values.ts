import type { MeasurementRecord } from '../../runner/test-record.js';

/** How a measured number reads in the report: as the runner recorded it, float noise trimmed (0.30000000000000004 → 0.3). */
export function formatMeasuredValue(value: number | null): string {
  if (value === null) return 'not measured';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** An uncertainty to two significant digits (0.0213 → 0.021, 1.304 → 1.3): more would claim a precision it lacks. */
export function formatUncertainty(u: number): string {
  return String(Number(u.toPrecision(2)));
}

/** A limit cell: the number, or an em dash where the measurement has no such limit. */
export function formatLimit(limit: number | undefined): string {
  return limit === undefined ? '—' : formatMeasuredValue(limit);
}

/** A limit in words for a compact cell: `= 3`, `≤ 0`, `≥ 45 N`, `1 … 4 mm`. */
export function describeLimits(limits: MeasurementRecord['limits'], unit: string): string {
  const { low, high } = limits;
  const withUnit = (text: string): string => (unit ? `${text} ${unit}` : text);
  if (low !== undefined && high !== undefined) return withUnit(low === high ? `= ${formatLimit(low)}` : `${formatLimit(low)} … ${formatLimit(high)}`);
  if (low !== undefined) return withUnit(`≥ ${formatLimit(low)}`);
  if (high !== undefined) return withUnit(`≤ ${formatLimit(high)}`);
  return 'recorded only';
}

/** The first `length` hex digits of a plan hash, as `git` shortens commits. */
export function shortHash(hash: string, length = 12): string {
  return hash.slice(0, length);
}
