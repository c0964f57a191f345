import { afterEach, describe, expect, it } from 'vitest';
import { AlarmCode } from '../../firmware-protocol/generated/codes.js';
import { productionQcLike, pull, temperatureRise } from '../runner/fixtures/plans.js';
import { journalEnd, journaledStep, openSimRig, type SimRig } from './support/fault-run.js';
import { CONTROL_PERIOD_MS, firstEventAt } from './support/world-timing.js';

// Issue 6 item 6 through the runner, the Uno driver and the real firmware in the simulator: the
// E-stop pressed while the puller moves and while the test current flows.
const ESTOP_CAUSE = 'E-stop pressed (ALARM:1 ESTOP)';
// The host sees an alarm during a temperature rise at its next temperature reading.
const POLL = { pollEveryS: 0.5, windowS: 60 };

describe('E-stop pressed during a run', () => {
  let rig: SimRig;
  afterEach(() => rig.close());

  it('mid-pull: the last step pulse comes within one control period, ALARM:1 latches, the run is ABORTED with the cause and journaled', async () => {
    rig = await openSimRig();
    const plan = productionQcLike({ unitSteps: [], poleSteps: [pull(5000, 90)], poles: [1, 2] });
    // 30 N is on the ramp (90 N/s to 90 N): the motor is stepping.
    const run = await rig.run(plan, (event, sim) => event.kind === 'pull-sample' && event.forceN > 30 && (sim.setEstop(true), true));
    const { sim, alarms } = rig;
    const pressedAtMs = run.trigger?.atMs ?? Number.NaN;
    const world = sim.world;

    // Motion was running: a step pulse within the control period before the press.
    expect(pressedAtMs - (run.trigger?.before.lastStepPulseMs ?? -Infinity)).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    const lastPulseAfterMs = (world.lastStepPulseMs ?? Infinity) - pressedAtMs;
    expect(lastPulseAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    const disabledAfterMs = (firstEventAt(sim.events, 'motorEnable', 'disabled', pressedAtMs) ?? Infinity) - pressedAtMs;
    expect(disabledAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    console.info(`E-stop mid-pull: last step pulse ${lastPulseAfterMs.toFixed(3)} ms, motor disabled ${disabledAfterMs.toFixed(3)} ms after the press`);

    expect(alarms.map((a) => a.code)).toEqual([AlarmCode.ESTOP]);
    expect(world).toMatchObject({ motorEnabled: false, currentEnabled: false, actualCurrentA: 0, kelvinMask: 0, isoDriveMask: 0, muxByte: 0 });

    const { record } = run;
    expect(record.outcome).toBe('ABORTED');
    const step = record.poles[0]?.steps[0];
    expect(step).toMatchObject({ outcome: 'ABORTED', cause: ESTOP_CAUSE });
    expect(step?.attempts[0]?.alarms).toEqual([{ code: 1, name: 'ESTOP', text: 'E-stop pressed' }]);
    expect(step?.attempts[0]?.pullResult).toBe('alarm');
    expect(record.cause).toBe(`pole 1 pull-out: ${ESTOP_CAUSE}`);
    expect(record.poles[1]?.steps[0]).toMatchObject({ outcome: 'SKIPPED', cause: 'not run: the run was aborted' });
    expect(record.teardownErrors).toEqual([]);

    expect(journaledStep(run.journal, 1, 'pull')?.record).toMatchObject({ outcome: 'ABORTED', cause: ESTOP_CAUSE, attempts: [{ alarms: [{ code: 1, name: 'ESTOP' }] }] });
    expect(journalEnd(run.journal)).toMatchObject({ outcome: 'ABORTED', cause: `pole 1 pull-out: ${ESTOP_CAUSE}` });
  });

  it('mid-current (temperature rise): the current goes off within one control period, the step and run end ABORTED, journaled', async () => {
    rig = await openSimRig();
    const plan = productionQcLike({ unitSteps: [], poleSteps: [{ ...temperatureRise, optional: false }], poles: [1, 2] });
    // The first reading with the current on (41 A through pole 1).
    const run = await rig.run(plan, (event, sim) => event.kind === 'temperature' && (sim.setEstop(true), true), POLL);
    const { sim, alarms } = rig;
    const pressedAtMs = run.trigger?.atMs ?? Number.NaN;

    expect(run.trigger?.before.currentEnabled).toBe(true);
    expect(run.trigger?.before.actualCurrentA).toBeCloseTo(41, 0);
    const offAfterMs = (firstEventAt(sim.events, 'currentEnable', 'off', pressedAtMs) ?? Infinity) - pressedAtMs;
    expect(offAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    expect(alarms.map((a) => a.code)).toEqual([AlarmCode.ESTOP]);
    expect(sim.world).toMatchObject({ currentEnabled: false, actualCurrentA: 0, motorEnabled: false, kelvinMask: 0, isoDriveMask: 0, muxByte: 0 });
    // Nothing moved at all during a temperature rise.
    expect(sim.world.stepCount).toBe(0);

    const { record } = run;
    expect(record.outcome).toBe('ABORTED');
    expect(record.poles[0]?.steps[0]).toMatchObject({ outcome: 'ABORTED', cause: ESTOP_CAUSE });
    expect(record.poles[0]?.steps[0]?.attempts[0]?.alarms).toEqual([{ code: 1, name: 'ESTOP', text: 'E-stop pressed' }]);
    expect(record.poles[1]?.steps[0]).toMatchObject({ outcome: 'SKIPPED', cause: 'not run: the run was aborted' });
    expect(record.teardownErrors).toEqual([]);
    // The host records it at its next temperature reading: within one poll (plus the reply) of the press.
    const recordedAfterMs = (run.finishedAtMs.get('1:temp-rise') ?? Infinity) - pressedAtMs;
    expect(recordedAfterMs).toBeLessThanOrEqual(POLL.pollEveryS * 1000 + 50);
    console.info(`E-stop mid-current: current off ${offAfterMs.toFixed(3)} ms after the press; step recorded ABORTED ${recordedAfterMs.toFixed(1)} ms after it (poll ${POLL.pollEveryS * 1000} ms)`);

    expect(journaledStep(run.journal, 1, 'temp-rise')?.record).toMatchObject({ outcome: 'ABORTED', cause: ESTOP_CAUSE, attempts: [{ alarms: [{ code: 1 }] }] });
    expect(journalEnd(run.journal)).toMatchObject({ outcome: 'ABORTED', cause: `pole 1 temperature rise: ${ESTOP_CAUSE}` });
  });
});
