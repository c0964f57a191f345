import type { MeasurementRow } from '../export-rows.js';

/** How statistics are grouped beyond the measurement itself. */
export type StatsBy = 'plan' | 'rig';

/** Count, location, spread and process capability of one measurement against one pair of limits. */
export interface MeasurementStats {
  plan: string;
  /** Set when grouped by rig. */
  rig: string | null;
  stepId: string;
  name: string;
  unit: string;
  low: number | null;
  high: number | null;
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1); null below two values. */
  sd: number | null;
  min: number;
  max: number;
  /** (high − low) / 6 sd: needs both limits and a spread. */
  cp: number | null;
  /** min(high − mean, mean − low) / 3 sd over the limits there are (one-sided: that side alone). */
  cpk: number | null;
}

interface Accumulator {
  stats: MeasurementStats;
  /** Welford's running mean and sum of squared deviations: stable where sum-of-squares is not. */
  m2: number;
}

/**
 * Statistics per measurement (plan, step, name, unit and limits; and rig when asked) over every
 * attempt's value. A measurement whose limits changed (another conductor) is a separate group:
 * capability only means something against one pair of limits.
 */
export function measurementStats(rows: Iterable<MeasurementRow>, by: StatsBy = 'plan'): MeasurementStats[] {
  const groups = new Map<string, Accumulator>();
  for (const row of rows) {
    if (row.value === null || !Number.isFinite(row.value)) continue;
    const rig = by === 'rig' ? row.rigId : null;
    const key = JSON.stringify([row.plan, rig, row.stepId, row.name, row.unit, row.low, row.high]);
    let acc = groups.get(key);
    if (!acc) {
      acc = { stats: { plan: row.plan, rig, stepId: row.stepId, name: row.name, unit: row.unit, low: row.low, high: row.high, count: 0, mean: 0, sd: null, min: Infinity, max: -Infinity, cp: null, cpk: null }, m2: 0 };
      groups.set(key, acc);
    }
    const s = acc.stats;
    s.count++;
    const delta = row.value - s.mean;
    s.mean += delta / s.count;
    acc.m2 += delta * (row.value - s.mean);
    s.min = Math.min(s.min, row.value);
    s.max = Math.max(s.max, row.value);
  }
  return [...groups.values()].map(({ stats, m2 }) => {
    const sd = stats.count >= 2 ? Math.sqrt(m2 / (stats.count - 1)) : null;
    const spread = sd !== null && sd > 0 ? sd : null;
    const sides = [stats.high === null ? null : stats.high - stats.mean, stats.low === null ? null : stats.mean - stats.low].filter((d): d is number => d !== null);
    return {
      ...stats,
      sd,
      cp: spread !== null && stats.low !== null && stats.high !== null ? (stats.high - stats.low) / (6 * spread) : null,
      cpk: spread !== null && sides.length > 0 ? Math.min(...sides) / (3 * spread) : null,
    };
  });
}
