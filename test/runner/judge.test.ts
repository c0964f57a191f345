import { describe, expect, it } from 'vitest';
import { judgeMeasurement, worstOutcome } from '../../host/runner/judge.js';

const drop = (value: number | null) =>
  judgeMeasurement({ name: 'drop', label: 'voltage drop', value, limits: { unit: 'mV', high: 3.2, marginalFraction: 0.1, source: 'IEC 60947-7-1' }, notMeasuredCause: 'open circuit: test current not reached' });

describe('judging a measurement against its limits', () => {
  it('passes a value well inside, with the limits kept in the record', () => {
    expect(drop(1.7)).toEqual({ name: 'drop', value: 1.7, unit: 'mV', limits: { high: 3.2, marginalFraction: 0.1, source: 'IEC 60947-7-1' }, verdict: 'PASS', decision: 'pass' });
  });

  it('fails a value above the high limit and says so with the source', () => {
    expect(drop(5.71)).toMatchObject({ verdict: 'FAIL', cause: 'voltage drop 5.71 mV > 3.2 mV (IEC 60947-7-1)' });
  });

  it('is MARGINAL (a pass) within the marginal fraction of a one-sided limit', () => {
    // 10 % of 3.2 mV = 0.32 mV: 2.9 is inside it, 2.85 is not.
    expect(drop(2.9)).toMatchObject({ verdict: 'MARGINAL', cause: 'voltage drop 2.90 mV within 10 % of its limit' });
    expect(drop(2.85).verdict).toBe('PASS');
  });

  it('takes the marginal band from the span when both limits are given', () => {
    const judge = (value: number) => judgeMeasurement({ name: 't', label: 't', value, limits: { unit: 'V', low: 10, high: 20, marginalFraction: 0.1, source: 's' } }).verdict;
    expect([judge(10.5), judge(11.5), judge(19.5), judge(9.9)]).toEqual(['MARGINAL', 'PASS', 'MARGINAL', 'FAIL']);
  });

  it('fails a value that could not be measured with the reason given by the step', () => {
    expect(drop(null)).toMatchObject({ value: null, verdict: 'FAIL', cause: 'open circuit: test current not reached' });
  });

  it('judges a value beyond the range by its bound: above passes a lower limit and is never MARGINAL, below fails', () => {
    const insulation = (value: number, beyondRange: 'above' | 'below') =>
      judgeMeasurement({ name: 'insulation-resistance-1-2', label: 'insulation resistance 1-2', pair: [1, 2], value, beyondRange, decimals: 3, limits: { unit: 'MΩ', low: 10, marginalFraction: 0.1, source: 'plan default 10 MΩ: x' } });
    expect(insulation(50, 'above')).toEqual({
      name: 'insulation-resistance-1-2', value: 50, unit: 'MΩ', limits: { low: 10, marginalFraction: 0.1, source: 'plan default 10 MΩ: x' },
      pair: [1, 2], beyondRange: 'above', verdict: 'PASS', decision: 'pass', cause: "insulation resistance 1-2 > 50.000 MΩ (beyond the rig's range)",
    });
    expect(insulation(0.01, 'below')).toMatchObject({ verdict: 'FAIL', beyondRange: 'below', cause: 'insulation resistance 1-2 0.010 MΩ < 10 MΩ (plan default 10 MΩ)' });
  });

  it('ranks outcomes: ABORTED over ERROR over FAIL over PASS; a skipped step does not fail a unit', () => {
    expect(worstOutcome(['PASS', 'SKIPPED'])).toBe('PASS');
    expect(worstOutcome(['SKIPPED', 'SKIPPED'])).toBe('SKIPPED');
    expect(worstOutcome(['PASS', 'FAIL', 'SKIPPED'])).toBe('FAIL');
    expect(worstOutcome(['FAIL', 'ERROR'])).toBe('ERROR');
    expect(worstOutcome(['ERROR', 'ABORTED', 'FAIL'])).toBe('ABORTED');
  });
});
