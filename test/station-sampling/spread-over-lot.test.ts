import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpreadPick, nextSpreadPick, spreadPicks } from '../../host/station/sampling/spread-over-lot.js';

function picksByScan(sampleSize: number, lotSize: number): number[] {
  return Array.from({ length: lotSize }, (_, index) => index + 1).filter((unit) => isSpreadPick(unit, sampleSize, lotSize));
}

describe('a sample spread evenly over a lot', () => {
  it('50 of 500: units 1, 11, 21, … 491, ten apart', () => {
    const picks = picksByScan(50, 500);
    expect(picks).toHaveLength(50);
    expect(picks.slice(0, 3)).toEqual([1, 11, 21]);
    expect(picks.at(-1)).toBe(491);
    expect(new Set(picks.slice(1).map((unit, index) => unit - (picks[index] ?? 0)))).toEqual(new Set([10]));
  });

  it('13 of 90: gaps of 6 or 7 units', () => {
    const picks = picksByScan(13, 90);
    expect(picks).toEqual([1, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84]);
  });

  it('n = N takes every unit', () => {
    expect(picksByScan(8, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('the next pick after a unit, and none after the last pick of the lot', () => {
    expect(nextSpreadPick(1, 50, 500)).toBe(11);
    expect(nextSpreadPick(7, 50, 500)).toBe(11);
    expect(nextSpreadPick(11, 50, 500)).toBe(21);
    expect(nextSpreadPick(491, 50, 500)).toBeUndefined();
    expect(nextSpreadPick(500, 50, 500)).toBeUndefined();
  });

  it('for any lot and sample: exactly n picks, unit 1 first, gaps within one unit of each other, the three functions agree', () => {
    const lotAndSample = fc.integer({ min: 2, max: 3000 }).chain((lotSize) => fc.tuple(fc.constant(lotSize), fc.integer({ min: 1, max: lotSize })));
    fc.assert(
      fc.property(lotAndSample, ([lotSize, sampleSize]) => {
        const picks = picksByScan(sampleSize, lotSize);
        expect(picks).toHaveLength(sampleSize);
        expect(picks[0]).toBe(1);
        expect(spreadPicks(sampleSize, lotSize)).toEqual(picks);
        const gaps = picks.slice(1).map((unit, index) => unit - (picks[index] ?? 0));
        expect(gaps).toHaveLength(sampleSize - 1);
        // Each gap is N/n rounded down or up, so no two differ by more than one unit (a sample of one has no gap).
        expect(gaps.filter((gap) => gap !== Math.floor(lotSize / sampleSize) && gap !== Math.ceil(lotSize / sampleSize))).toEqual([]);
        const unit = 1 + Math.floor(lotSize / 3);
        expect(nextSpreadPick(unit, sampleSize, lotSize)).toBe(picks.find((pick) => pick > unit));
      }),
      { numRuns: 300 },
    );
  });
});
