import { describe, expect, it } from 'vitest';
import type { ResolvedPlan } from '../../host/plans/resolved-plan.js';
import type { SimTruthLine } from '../../host/session/mount-serial-unit.js';
import type { StationEventOf } from '../../host/station/station-events.js';
import { scoreBatch } from './batch-score.js';

// The batch bench's scoring on made-up verdicts: which unit counts as caught, caught for another
// cause, missed or falsely failed. Only the step ids and kinds of the plan matter to it.
const plan = {
  unitSteps: [{ id: 'load-unit', kind: 'prompt' }, { id: 'isolation', kind: 'isolation' }],
  poleSteps: [{ id: 'continuity', kind: 'vdrop' }, { id: 'pull-check', kind: 'pull' }],
} as unknown as ResolvedPlan;

const truth = (serial: string, defect: SimTruthLine['defect']): SimTruthLine => ({ serial, populationSeed: 1, unitSeed: 1, defect, mountedAt: '', rigId: 'R', where: 'sim' });
const verdict = (serial: string, outcome: 'PASS' | 'FAIL' | 'ERROR', failingSteps: string[], failingPoles: number[], firstAttempt = true): StationEventOf<'unit-finished'> => ({
  event: 'unit-finished', at: '', serial, attempt: firstAttempt ? 1 : 2, firstAttempt, rig: 'A', outcome, failingPoles, failingSteps, runDir: '', durationMs: 0, alreadyPassed: false, retest: false,
});

describe('scoreBatch', () => {
  const scores = scoreBatch(
    plan,
    [
      truth('G1', null),
      truth('G2', null),
      truth('H1', { kind: 'highResistance', poles: [3] }),
      truth('H2', { kind: 'highResistance', poles: [3] }),
      truth('H3', { kind: 'highResistance', poles: [2] }),
      truth('S1', { kind: 'short', poles: [1, 3] }),
      truth('S2', { kind: 'short', poles: [2, 4] }),
    ],
    [
      verdict('G1', 'PASS', [], []),
      verdict('G2', 'FAIL', ['pole 1 pull-check'], [1]),
      verdict('G2', 'PASS', [], [], false), // a retest never changes the first attempt's score
      verdict('H1', 'FAIL', ['pole 3 continuity'], [3]),
      verdict('H2', 'FAIL', ['pole 3 pull-check'], [3]), // the right pole, another step
      verdict('H3', 'PASS', [], []),
      verdict('S1', 'FAIL', ['isolation'], [1, 3]),
      verdict('S2', 'FAIL', ['isolation'], [2]), // only one of the two poles
    ],
  );
  const row = (kind: string) => scores.find((s) => s.kind === kind)!;

  it('counts a FAIL on a step that finds the kind, naming every defect pole, as caught; anything else as wrong cause or missed', () => {
    expect(row('highResistance')).toMatchObject({ units: 3, caught: 1, wrongCause: 1, missed: 1, falseFails: 0 });
    expect(row('short')).toMatchObject({ units: 2, caught: 1, wrongCause: 1, missed: 0 });
    expect(row('none')).toMatchObject({ units: 2, falseFails: 1 });
    expect(row('openPole')).toMatchObject({ units: 0, caught: 0 });
  });

  it('names each unit that was not as expected', () => {
    expect(scores.flatMap((s) => s.notes.map((n) => n.split(':')[0]))).toEqual(['G2', 'H2', 'H3', 'S2']);
  });

  it('refuses a verdict with no truth logged for its serial', () => {
    expect(() => scoreBatch(plan, [], [verdict('X1', 'PASS', [], [])])).toThrow('no truth logged for serial X1');
  });
});
