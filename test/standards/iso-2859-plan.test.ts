import { describe, expect, it } from 'vitest';
import { printedAql, samplingPlan } from '../../host/standards/iso-2859-plan.js';
import { planError } from '../plans/helpers.js';

/** The plan in the short form the standard's tables are read in: letter, n, Ac/Re. */
function plan(lotSize: number, level: string, aqlPercent: number): string {
  const found = samplingPlan({ lotSize, level, aqlPercent });
  const letters = found.planLetter === found.codeLetter ? found.codeLetter : `${found.codeLetter}→${found.planLetter}`;
  return `${letters} n=${found.planSampleSize} ${found.acceptance}/${found.rejection}${found.inspectAll ? ' 100%' : ''}`;
}


describe('ISO 2859-1 Table 1: code letters', () => {
  it.each([
    [5, 'S-1', 'A'],
    [5, 'III', 'B'],
    [12, 'II', 'B'],
    [400, 'II', 'H'],
    [2000, 'II', 'K'],
    [1000, 'I', 'G'],
    [1000, 'S-4', 'F'],
    [5000, 'III', 'M'],
    [100_000, 'S-3', 'G'],
    [200_000, 'I', 'M'],
    [600_000, 'S-1', 'D'],
    [600_000, 'S-4', 'K'],
    [600_000, 'III', 'R'],
  ])('lot %i at level %s → %s', (lotSize, level, letter) => {
    expect(samplingPlan({ lotSize, level, aqlPercent: 1.0 }).codeLetter).toBe(letter);
  });

  it('changes letter exactly at the range boundaries (level II)', () => {
    const letters = [8, 9, 500, 501, 1200, 1201, 3200, 3201, 500_000, 500_001, 50_000_000].map((lotSize) => samplingPlan({ lotSize, level: 'II', aqlPercent: 1.0 }).codeLetter);
    expect(letters).toEqual(['A', 'B', 'H', 'J', 'J', 'K', 'K', 'L', 'P', 'Q', 'Q']);
  });
});

describe('ISO 2859-1 Table 2-A: normal inspection, single sampling', () => {
  it.each([
    // Plans read straight from the letter's row.
    [400, 'II', 1.0, 'H n=50 1/2'],
    [2000, 'II', 0.65, 'K n=125 2/3'],
    [1000, 'II', 2.5, 'J n=80 5/6'],
    [1000, 'II', 4.0, 'J n=80 7/8'],
    [2000, 'II', 10, 'K n=125 21/22'],
    [20_000, 'II', 0.04, 'M n=315 0/1'],
    [600_000, 'III', 0.65, 'R n=2000 21/22'],
    [5, 'I', 6.5, 'A n=2 0/1'],
    // ↑: the plan above, with its sample size.
    [200, 'II', 0.65, 'G→F n=20 0/1'],
    [1000, 'II', 0.25, 'J→H n=50 0/1'],
    [40, 'II', 2.5, 'D→C n=5 0/1'],
    [5000, 'II', 10, 'L→K n=125 21/22'],
    [600_000, 'III', 1.0, 'R→Q n=1250 21/22'],
    [600_000, 'III', 0.01, 'R→Q n=1250 0/1'],
    // R at 0.015 points up past Q's arrow to P.
    [600_000, 'III', 0.015, 'R→P n=800 0/1'],
    // ↓: the plan below, with its sample size.
    [1000, 'II', 0.4, 'J→K n=125 1/2'],
    [60, 'II', 2.5, 'E→F n=20 1/2'],
    [600_000, 'II', 0.025, 'Q→R n=2000 1/2'],
    // The top row: A at 10 points down past B's arrow to C.
    [5, 'I', 10, 'A→C n=5 1/2 100%'],
  ])('lot %i, level %s, AQL %s → %s', (lotSize, level, aqlPercent, expected) => {
    expect(plan(lotSize, level, aqlPercent)).toBe(expected);
  });

  it('an arrow may pass many rows: D at AQL 0.010 points down to Q, n=1250', () => {
    expect(plan(100_000, 'S-1', 0.01)).toBe('D→Q n=1250 0/1');
  });

  it('says where the plan comes from, arrow included', () => {
    expect(samplingPlan({ lotSize: 200, level: 'II', aqlPercent: 0.65 }).source).toBe(
      'ISO 2859-1 Table 1, lot 151–280 at level II: code letter G; Table 2-A (normal inspection), G at AQL 0.65: ↑ to F: n=20, Ac 0, Re 1 ' +
        "(ISO 2859-1:1999 Table 1; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table I); " +
        "ISO 2859-1:1999 Table 2-A; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table II-A))",
    );
  });

  it('finds an AQL however it is written: 0.1 is the column 0.10, 1 the column 1.0', () => {
    expect(printedAql(0.1)).toBe('0.10');
    expect(printedAql(1)).toBe('1.0');
    expect(printedAql(0.5)).toBeUndefined();
    expect(plan(400, 'II', 1)).toBe('H n=50 1/2');
  });
});

describe('100 % inspection when the sample size reaches the lot size', () => {
  it('a lot of 8 at level II, AQL 0.65: the arrow leads to n=20, so all 8 units', () => {
    expect(samplingPlan({ lotSize: 8, level: 'II', aqlPercent: 0.65 })).toMatchObject({
      codeLetter: 'A',
      planLetter: 'F',
      planSampleSize: 20,
      sampleSize: 8,
      acceptance: 0,
      rejection: 1,
      inspectAll: true,
    });
    expect(samplingPlan({ lotSize: 8, level: 'II', aqlPercent: 0.65 }).source).toContain('A at AQL 0.65: ↓ to F: n=20, Ac 0, Re 1; n ≥ lot 8: 100 % inspection');
  });

  it('a sample size equal to the lot size is 100 % inspection too (lot 2, n=2)', () => {
    expect(samplingPlan({ lotSize: 2, level: 'II', aqlPercent: 6.5 })).toMatchObject({ sampleSize: 2, inspectAll: true });
    expect(samplingPlan({ lotSize: 3, level: 'II', aqlPercent: 6.5 })).toMatchObject({ sampleSize: 2, inspectAll: false });
  });

  it('a lot just above the sample size is sampled (lot 51 at II, AQL 2.5: n=20)', () => {
    expect(samplingPlan({ lotSize: 51, level: 'II', aqlPercent: 2.5 })).toMatchObject({ codeLetter: 'E', planLetter: 'F', sampleSize: 20, inspectAll: false });
    expect(samplingPlan({ lotSize: 20, level: 'III', aqlPercent: 2.5 })).toMatchObject({ codeLetter: 'D', planLetter: 'C', sampleSize: 5, inspectAll: false });
  });
});

describe('bad input names the field, the value and what is allowed', () => {
  it('an AQL not in the table lists the tabled ones', () => {
    expect(planError(() => samplingPlan({ lotSize: 500, level: 'II', aqlPercent: 0.5 })).message).toBe(
      'aqlPercent: value 0.5 is not allowed; ISO 2859-1 Table 2-A has the AQLs (percent nonconforming) 0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10',
    );
  });

  it('an AQL above 10 (nonconformities per 100 units) is not tabled here', () => {
    expect(planError(() => samplingPlan({ lotSize: 500, level: 'II', aqlPercent: 15 })).field).toBe('aqlPercent');
  });

  it('an unknown level lists the levels', () => {
    expect(planError(() => samplingPlan({ lotSize: 500, level: 'G-2', aqlPercent: 1 })).message).toBe(
      'level: value "G-2" is not allowed; ISO 2859-1 inspection levels are S-1, S-2, S-3, S-4, I, II, III',
    );
  });

  it('a lot of fewer than 2 units or a fraction of a unit, with the caller\'s field prefix', () => {
    const expected = 'a whole number of units, 2 or more (ISO 2859-1 Table 1 starts at lots of 2–8)';
    expect(planError(() => samplingPlan({ lotSize: 1, level: 'II', aqlPercent: 1 })).message).toBe(`lotSize: value 1 is not allowed; ${expected}`);
    expect(planError(() => samplingPlan({ lotSize: 99.5, level: 'II', aqlPercent: 1 }, 'sampling.iso2859.')).message).toBe(`sampling.iso2859.lotSize: value 99.5 is not allowed; ${expected}`);
  });
});
