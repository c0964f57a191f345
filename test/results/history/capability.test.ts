import { describe, expect, it } from 'vitest';
import type { MeasurementRow } from '../../../host/results/export-rows.js';
import { measurementStats } from '../../../host/results/history/capability.js';

function rows(values: ReadonlyArray<number | null>, limits: { low: number | null; high: number | null }, extra: Partial<MeasurementRow> = {}): MeasurementRow[] {
  return values.map((value, i) => ({
    runId: `run-${i}`,
    serial: `SN-${i}`,
    plan: 'production-qc',
    rigId: i % 2 === 0 ? 'RIG-A' : 'RIG-B',
    pole: 1,
    stepId: 'continuity',
    attempt: 1,
    name: 'drop',
    value,
    unit: 'mV',
    ...limits,
    verdict: 'PASS',
    cause: null,
    measuredAt: '2026-11-25T10:00:00.000+01:00',
    uncertainty: null,
    decision: null,
    attemptDurationMs: 80,
    attemptSimDurationMs: null,
    ...extra,
  }));
}

// Fixture: 9, 10, 11, 10, 10 → mean 10, sample sd √(2/4) = 0.70711.
const VALUES = [9, 10, 11, 10, 10];
const SD = Math.sqrt(0.5);

describe('measurement statistics against known figures', () => {
  it('count, mean, sd (n − 1), min, max, Cp and Cpk of a centred two-sided measurement', () => {
    const [s] = measurementStats(rows(VALUES, { low: 7, high: 13 }));
    expect(s).toMatchObject({ count: 5, mean: 10, min: 9, max: 11 });
    expect(s?.sd).toBeCloseTo(SD, 12);
    expect(s?.cp).toBeCloseTo(6 / (6 * SD), 12); // 1.41421
    expect(s?.cpk).toBeCloseTo(3 / (3 * SD), 12);
  });

  it('an off-centre process: Cpk from the nearer limit, Cp unchanged', () => {
    const [s] = measurementStats(rows(VALUES, { low: 8, high: 14 }));
    expect(s?.cp).toBeCloseTo(1.41421, 5);
    expect(s?.cpk).toBeCloseTo(2 / (3 * SD), 12); // 0.94281
  });

  it('one-sided limits: Cpk from that side alone, no Cp', () => {
    const [high] = measurementStats(rows(VALUES, { low: null, high: 12 }));
    expect(high?.cp).toBeNull();
    expect(high?.cpk).toBeCloseTo(2 / (3 * SD), 12);
    const [low] = measurementStats(rows(VALUES, { low: 4, high: null }));
    expect(low?.cpk).toBeCloseTo(6 / (3 * SD), 12);
  });

  it('no spread, one value, no limits or no value: the figures that cannot exist are null; nulls are not counted', () => {
    const [flat] = measurementStats(rows([5, 5, 5], { low: 0, high: 10 }));
    expect(flat).toMatchObject({ count: 3, mean: 5, sd: 0, cp: null, cpk: null });
    const [single] = measurementStats(rows([5, null], { low: 0, high: 10 }));
    expect(single).toMatchObject({ count: 1, sd: null, cpk: null });
    const [free] = measurementStats(rows(VALUES, { low: null, high: null }));
    expect(free).toMatchObject({ count: 5, cp: null, cpk: null });
  });

  it('groups by limits (another conductor, other limits) and, when asked, by rig', () => {
    const mixed = [...rows([1, 2, 3], { low: 0, high: 4 }), ...rows([1, 2], { low: 0, high: 5 })];
    expect(measurementStats(mixed).map((s) => [s.high, s.count])).toEqual([[4, 3], [5, 2]]);
    const byRig = measurementStats(rows(VALUES, { low: 7, high: 13 }), 'rig');
    expect(byRig.map((s) => [s.rig, s.count, s.mean])).toEqual([['RIG-A', 3, 10], ['RIG-B', 2, 10]]);
  });

  it('stays exact on large offsets where a sum of squares would not (Welford)', () => {
    const [s] = measurementStats(rows(VALUES.map((v) => v + 1e9), { low: 1e9 + 7, high: 1e9 + 13 }));
    expect(s?.sd).toBeCloseTo(SD, 6);
  });
});
