import { describe, expect, it } from 'vitest';
import { PULL_SKIPPED_OPEN_CAUSE } from '../../host/runner/steps/earlier-steps.js';
import { measurement, measurements, outcomes, poleOutcomes, runBuiltinPlan, step } from './fixtures/builtin-plan-runs.js';

// The built-in type-test plan on empty-pole-2 (nobody inserted pole 2's conductor): the voltage drop
// before the pull finds pole 2 open, so pole 2 is not pulled (its pull SKIPPED, saying why) and is FAIL
// by that open circuit; poles 1, 3 and 4 get every step. Before, the pull ran the whole 60 mm travel
// (121 s) into ALARM:11 and the run stopped there, poles 3 and 4 untested. ~190 s of simulated time.

const GOOD_POLE = 'insert-conductor:PASS vdrop-before:PASS pull-out:PASS vdrop-after:PASS temperature-rise:SKIPPED';

describe('built-in type-test on empty-pole-2', () => {
  it('FAILs pole 2 on its open circuit without pulling it, and tests poles 1, 3 and 4 fully', { timeout: 400_000 }, async () => {
    const record = await runBuiltinPlan('type-test', 'empty-pole-2', { skipOptional: true });
    expect(record.outcome).toBe('FAIL');
    expect(record.poles.map((p) => p.outcome)).toEqual(['PASS', 'FAIL', 'PASS', 'PASS']);
    expect(poleOutcomes(record)).toEqual([
      GOOD_POLE,
      'insert-conductor:PASS vdrop-before:FAIL pull-out:SKIPPED vdrop-after:FAIL temperature-rise:SKIPPED',
      GOOD_POLE,
      GOOD_POLE,
    ]);
    const before = step(record, 'vdrop-before', 2);
    expect(before.cause).toBe('open circuit: test current not reached');
    expect(measurement(before, 'drop')).toMatchObject({ value: null, verdict: 'FAIL' });
    expect(step(record, 'pull-out', 2)).toMatchObject({ outcome: 'SKIPPED', cause: PULL_SKIPPED_OPEN_CAUSE, attempts: [] });
    expect(record.cause).toBe(`pole 2 Voltage drop before the pull: ${before.cause}`);

    // Pole 2 costs its two voltage drops: nothing moved (in the simulator's time; durationMs is wall time).
    const pole2Ms = record.poles[1]!.steps.flatMap((s) => s.attempts).reduce((sum, a) => sum + (a.simDurationMs ?? Number.NaN), 0);
    expect(pole2Ms).toBeLessThan(1000);

    for (const pole of [1, 3, 4]) expect(step(record, 'pull-out', pole).attempts[0]?.pullResult).toBe('held');
    expect(outcomes(record.unitStepsAfter)).toEqual(['isolation:FAIL']);
    expect(step(record, 'isolation').cause).toBe('pole 2 reaches no terminal (open)');
    expect(measurements(step(record, 'isolation'), 'far-end-terminal').map((m) => m.value)).toEqual([1, 0, 3, 4]);
  });
});
