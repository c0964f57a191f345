import { describe, expect, it } from 'vitest';
import type { DecisionRule } from '../../host/plans/resolved-plan.js';
import { decisionStatement, toleranceOf } from '../../host/runner/decision-rule.js';
import { judgeMeasurement, type DeclaredMeasurement } from '../../host/runner/judge.js';
import type { UncertaintyRecord } from '../../host/runner/uncertainty/budget.js';

// ILAC-G8:09/2019 decision rules on the judge: simple acceptance (w = 0) and guarded acceptance (w = U).
// A drop limit of 3.2 mV with U = 0.04 mV: the guarded acceptance limit is 3.16 mV.
const withU = (expanded: number): UncertaintyRecord => ({ expanded, k: 2, budget: [{ source: 'test', kind: 'B', standard: expanded / 2 }] });

const drop = (value: number, rule: DecisionRule, expandedU = 0.04): ReturnType<typeof judgeMeasurement> =>
  judgeMeasurement({ name: 'drop', label: 'voltage drop', value, limits: { unit: 'mV', high: 3.2, marginalFraction: 0.1, source: 'IEC 60947-7-1' }, uncertainty: withU(expandedU) }, rule);

describe('ILAC-G8 statements', () => {
  it('place a value against an upper limit: pass below TL − U, conditional pass up to TL, conditional fail up to TL + U, fail beyond', () => {
    const limits = { high: 3.2 };
    // Values clear of the boundaries TL ± U by more than float rounding (3.2 − 3.16 is not exactly 0.04).
    expect([3.1, 3.155, 3.17, 3.2, 3.21, 3.235, 3.25].map((v) => decisionStatement(v, limits, 0.04))).toEqual([
      'pass',
      'pass',
      'conditional-pass',
      'conditional-pass', // on TL: inside it
      'conditional-fail',
      'conditional-fail',
      'fail',
    ]);
    expect(decisionStatement(3.0, { high: 3.5 }, 0.5)).toBe('pass'); // exactly on the acceptance limit TL − U (figures exact in binary)
  });

  it('mirror it for a lower limit, take the worse of two limits, and say only pass or fail without an uncertainty', () => {
    expect([44, 44.5, 45.5, 46].map((v) => decisionStatement(v, { low: 45 }, 0.83))).toEqual(['fail', 'conditional-fail', 'conditional-pass', 'pass']);
    expect(decisionStatement(19.9, { low: 10, high: 20 }, 0.5)).toBe('conditional-pass');
    expect([3.19, 3.2, 3.21].map((v) => decisionStatement(v, { high: 3.2 }, 0))).toEqual(['pass', 'pass', 'fail']);
  });

  it('take the tolerance as half the range with two limits and the distance from zero with one', () => {
    expect(toleranceOf({ low: 10, high: 20 })).toBe(5);
    expect(toleranceOf({ high: 3.2 })).toBe(3.2);
    expect(toleranceOf({ low: 45 })).toBe(45);
    expect(toleranceOf({})).toBeNull();
  });
});

describe('judging under a decision rule', () => {
  it('simple acceptance: a value within U under the limit PASSes (MARGINAL band aside) with its conditional statement recorded', () => {
    expect(drop(3.19, 'simple')).toMatchObject({ verdict: 'MARGINAL', decision: 'conditional-pass' });
    expect(drop(3.21, 'simple')).toMatchObject({ verdict: 'FAIL', decision: 'conditional-fail', cause: 'voltage drop 3.21 mV > 3.2 mV (IEC 60947-7-1)' });
  });

  it('guarded acceptance: a conditional pass FAILs and says why; a value beyond the guard band passes as under simple', () => {
    expect(drop(3.19, 'guarded')).toMatchObject({
      verdict: 'FAIL',
      decision: 'conditional-pass',
      cause: 'conditional pass: voltage drop 3.19 mV within U = 0.040 mV of the limit 3.2 mV (IEC 60947-7-1) (guarded acceptance, w = U)',
    });
    expect(drop(1.71, 'guarded')).toMatchObject({ verdict: 'PASS', decision: 'pass' });
    expect(drop(1.71, 'guarded').cause).toBeUndefined();
    // MARGINAL still works under guarded acceptance: 3.0 mV is beyond the guard band but within 10 % of 3.2 mV.
    expect(drop(3.0, 'guarded')).toMatchObject({ verdict: 'MARGINAL', decision: 'pass' });
    expect(drop(3.3, 'guarded')).toMatchObject({ verdict: 'FAIL', decision: 'fail' });
  });

  it('leaves test conditions out of the decision rule: met or not met, no statement, even under guarded acceptance', () => {
    const current: DeclaredMeasurement = {
      name: 'current',
      label: 'test current',
      value: 5.42,
      condition: { nominal: 5.7 },
      limits: { unit: 'A', low: 5.415, high: 5.985, source: 'nominal ± 5 %' },
      uncertainty: withU(0.03),
    };
    const judged = judgeMeasurement(current, 'guarded');
    expect(judged.verdict).toBe('PASS');
    expect(judged.decision).toBeUndefined();
    expect(judged.warning).toBeUndefined();
    expect(judged.uncertainty?.expanded).toBe(0.03);
  });

  it('warns when the tolerance is less than 4 U, without changing the verdict', () => {
    // 3.2 mV / 0.9 mV = 3.6 : 1.
    const tight = drop(1.0, 'simple', 0.9);
    expect(tight.verdict).toBe('PASS');
    expect(tight.warning).toBe('voltage drop: tolerance 3.20 mV is less than 4 × U (U = 0.900 mV, k = 2; ratio 3.6 : 1): a verdict near the limit carries a false-accept risk (ILAC-G8)');
    expect(drop(1.0, 'simple', 0.8).warning).toBeUndefined(); // exactly 4 : 1
    expect(drop(1.0, 'simple', 0.04).warning).toBeUndefined();
  });
});
