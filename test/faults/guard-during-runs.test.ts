import { afterEach, describe, expect, it } from 'vitest';
import { AlarmCode } from '../../firmware-protocol/generated/codes.js';
import { productionQcLike, pull, temperatureRise } from '../runner/fixtures/plans.js';
import { journalEnd, journaledStep, openSimRig, type SimRig } from './support/fault-run.js';
import { CONTROL_PERIOD_MS, firstEventAt } from './support/world-timing.js';

// Issue 6 item 7, the guard: opened while the puller moves and while the test current flows. A
// person opened it, so the run is ABORTED (like the E-stop), not an ERROR of the rig.
const GUARD_CAUSE = 'Guard opened during motion or test current (ALARM:2 GUARD_OPENED)';
const POLL = { pollEveryS: 0.5, windowS: 60 };

describe('guard opened during a run', () => {
  let rig: SimRig;
  afterEach(() => rig.close());

  it('mid-pull: motion stops within one control period, ALARM:2 latches, the run is ABORTED with the cause and journaled', async () => {
    rig = await openSimRig();
    const plan = productionQcLike({ unitSteps: [], poleSteps: [pull(5000, 90)], poles: [1, 2] });
    const run = await rig.run(plan, (event, sim) => event.kind === 'pull-sample' && event.forceN > 30 && (sim.setGuardOpen(true), true));
    const { sim, alarms } = rig;
    const openedAtMs = run.trigger?.atMs ?? Number.NaN;

    expect(openedAtMs - (run.trigger?.before.lastStepPulseMs ?? -Infinity)).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    const lastPulseAfterMs = (sim.world.lastStepPulseMs ?? Infinity) - openedAtMs;
    expect(lastPulseAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    const disabledAfterMs = (firstEventAt(sim.events, 'motorEnable', 'disabled', openedAtMs) ?? Infinity) - openedAtMs;
    expect(disabledAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    console.info(`guard mid-pull: last step pulse ${lastPulseAfterMs.toFixed(3)} ms, motor disabled ${disabledAfterMs.toFixed(3)} ms after opening`);

    expect(alarms.map((a) => a.code)).toEqual([AlarmCode.GUARD_OPENED]);
    expect(sim.world).toMatchObject({ motorEnabled: false, currentEnabled: false, actualCurrentA: 0, kelvinMask: 0, isoDriveMask: 0, muxByte: 0 });

    const { record } = run;
    expect(record.outcome).toBe('ABORTED');
    expect(record.poles[0]?.steps[0]).toMatchObject({ outcome: 'ABORTED', cause: GUARD_CAUSE });
    expect(record.poles[0]?.steps[0]?.attempts[0]?.alarms).toEqual([{ code: 2, name: 'GUARD_OPENED', text: 'Guard opened during motion or test current' }]);
    expect(record.poles[1]?.steps[0]).toMatchObject({ outcome: 'SKIPPED', cause: 'not run: the run was aborted' });
    expect(record.teardownErrors).toEqual([]);
    expect(journaledStep(run.journal, 1, 'pull')?.record).toMatchObject({ outcome: 'ABORTED', cause: GUARD_CAUSE, attempts: [{ alarms: [{ code: 2 }] }] });
    expect(journalEnd(run.journal)).toMatchObject({ outcome: 'ABORTED', cause: `pole 1 pull-out: ${GUARD_CAUSE}` });
  });

  it('mid-current (temperature rise): the current goes off within one control period, ALARM:2, ABORTED and journaled', async () => {
    rig = await openSimRig();
    const plan = productionQcLike({ unitSteps: [], poleSteps: [{ ...temperatureRise, optional: false }], poles: [1, 2] });
    const run = await rig.run(plan, (event, sim) => event.kind === 'temperature' && (sim.setGuardOpen(true), true), POLL);
    const { sim, alarms } = rig;
    const openedAtMs = run.trigger?.atMs ?? Number.NaN;

    expect(run.trigger?.before.currentEnabled).toBe(true);
    const offAfterMs = (firstEventAt(sim.events, 'currentEnable', 'off', openedAtMs) ?? Infinity) - openedAtMs;
    expect(offAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    console.info(`guard mid-current: current off ${offAfterMs.toFixed(3)} ms after opening`);
    expect(alarms.map((a) => a.code)).toEqual([AlarmCode.GUARD_OPENED]);
    expect(sim.world).toMatchObject({ currentEnabled: false, actualCurrentA: 0, motorEnabled: false, kelvinMask: 0, isoDriveMask: 0, muxByte: 0 });

    const { record } = run;
    expect(record.outcome).toBe('ABORTED');
    expect(record.poles[0]?.steps[0]).toMatchObject({ outcome: 'ABORTED', cause: GUARD_CAUSE });
    expect(record.poles[1]?.steps[0]).toMatchObject({ outcome: 'SKIPPED', cause: 'not run: the run was aborted' });
    expect(record.teardownErrors).toEqual([]);
    expect(journaledStep(run.journal, 1, 'temp-rise')?.record).toMatchObject({ outcome: 'ABORTED', cause: GUARD_CAUSE, attempts: [{ alarms: [{ code: 2 }] }] });
    expect(journalEnd(run.journal)).toMatchObject({ outcome: 'ABORTED', cause: `pole 1 temperature rise: ${GUARD_CAUSE}` });
  });
});
