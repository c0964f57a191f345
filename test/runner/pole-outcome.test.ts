import { describe, expect, it } from 'vitest';
import { poleOutcome, polesWithOutcomes } from '../../host/runner/pole-outcome.js';
import type { Outcome, PoleVerdictRecord, StepRecord } from '../../host/runner/test-record.js';

const step = (stepId: string, outcome: Outcome, poleVerdicts?: PoleVerdictRecord[][]): StepRecord => ({
  stepId,
  kind: poleVerdicts ? 'isolation' : 'vdrop',
  title: stepId,
  optional: false,
  outcome,
  marginal: false,
  attempts: (poleVerdicts ?? [[]]).map((verdicts, i) => ({ attempt: i + 1, startedAt: '2026-12-01T10:00:00.000+01:00', durationMs: 10, outcome, measurements: [], ...(poleVerdicts ? { poleVerdicts: verdicts } : {}) })),
});
const verdict = (pole: number, v: 'PASS' | 'FAIL'): PoleVerdictRecord => ({ pole, verdict: v, causes: v === 'FAIL' ? [`short on pole ${pole}`] : [] });
const isolation = (failing: number[], after = false): StepRecord =>
  step(after ? 'isolation-after' : 'isolation', failing.length > 0 ? 'FAIL' : 'PASS', [[1, 2, 3, 4].map((p) => verdict(p, failing.includes(p) ? 'FAIL' : 'PASS'))]);
const skipped = step('continuity', 'SKIPPED');

describe('pole outcome: own steps and what unit-scope steps found on the pole', () => {
  it('is the worst of the own steps when no unit-scope step says anything', () => {
    expect(poleOutcome(1, [step('continuity', 'PASS'), step('pull', 'FAIL')], [])).toBe('FAIL');
    expect(poleOutcome(1, [step('continuity', 'PASS'), step('pull', 'ERROR')], [isolation([])])).toBe('ERROR');
    expect(poleOutcome(1, [step('continuity', 'PASS')], [isolation([])])).toBe('PASS');
  });

  it('is FAIL for a pole isolation found shorted, although its own steps passed or never ran', () => {
    expect(poleOutcome(1, [step('continuity', 'PASS')], [isolation([1, 3])])).toBe('FAIL');
    expect(poleOutcome(3, [skipped], [isolation([1, 3])])).toBe('FAIL');
  });

  it('stays SKIPPED for a pole none of whose steps ran and isolation found nothing on', () => {
    expect(poleOutcome(2, [skipped], [isolation([1, 3])])).toBe('SKIPPED');
  });

  it('keeps an ERROR or ABORTED of its own over an isolation FAIL', () => {
    expect(poleOutcome(1, [step('continuity', 'ABORTED')], [isolation([1])])).toBe('ABORTED');
  });

  it('counts the unit steps after the poles too, and only the deciding (last) attempt of a unit step', () => {
    expect(poleOutcome(4, [step('continuity', 'PASS')], [isolation([]), isolation([4], true)])).toBe('FAIL');
    const retested = step('isolation', 'PASS', [[verdict(2, 'FAIL')], [verdict(2, 'PASS')]]);
    expect(poleOutcome(2, [step('continuity', 'PASS')], [retested])).toBe('PASS');
  });

  it('derives every pole of a record at once', () => {
    const poles = [1, 2, 3, 4].map((pole) => ({ pole, steps: [pole === 1 ? step('continuity', 'PASS') : skipped] }));
    expect(polesWithOutcomes(poles, [isolation([1, 3])]).map((p) => `${p.pole}:${p.outcome}`)).toEqual(['1:FAIL', '2:SKIPPED', '3:FAIL', '4:SKIPPED']);
  });
});
