import { afterEach, describe, expect, it } from 'vitest';
import { AlarmCode } from '../../firmware-protocol/generated/codes.js';
import { productionQcLike, pull } from '../runner/fixtures/plans.js';
import { journalEnd, journaledStep, openSimRig, type FaultRun, type SimRig } from './support/fault-run.js';
import { CONTROL_PERIOD_MS, firstEventAt, nextConversionMs } from './support/world-timing.js';

// Issue 6 item 7, the load cell: its reading jumps to the end of its range, or past the rig's
// force cap, while the puller is on the ramp. The rig protects itself: by the runner's convention
// (host/runner/steps/alarm-interruption.ts) that is an ERROR of the rig, not ABORTED and not a
// FAIL of the unit, and the rest of the run is not run.
const plan = productionQcLike({ unitSteps: [], poleSteps: [pull(5000, 90)], poles: [1, 2] });

/** ms from the first load-cell reading that carries the fault to the last step pulse and to the motor being disabled. */
function stopFigures(rig: SimRig, run: FaultRun): { readingAtMs: number; lastPulseAfterMs: number; disabledAfterMs: number } {
  const readingAtMs = nextConversionMs(run.trigger?.atMs ?? Number.NaN);
  return {
    readingAtMs,
    lastPulseAfterMs: (rig.sim.world.lastStepPulseMs ?? Infinity) - readingAtMs,
    disabledAfterMs: (firstEventAt(rig.sim.events, 'motorEnable', 'disabled', readingAtMs) ?? Infinity) - readingAtMs,
  };
}

function expectRigErrorRun(run: FaultRun, cause: string, code: number): void {
  const { record } = run;
  expect(record.outcome).toBe('ERROR');
  expect(record.poles[0]?.steps[0]).toMatchObject({ outcome: 'ERROR', cause });
  expect(record.poles[0]?.steps[0]?.attempts[0]).toMatchObject({ pullResult: 'alarm', error: cause, alarms: [{ code }] });
  expect(record.poles[1]?.steps[0]).toMatchObject({ outcome: 'SKIPPED', cause: 'not run after a rig error' });
  expect(record.cause).toBe(`pole 1 pull-out: ${cause}`);
  expect(record.teardownErrors).toEqual([]);
  expect(journaledStep(run.journal, 1, 'pull')?.record).toMatchObject({ outcome: 'ERROR', cause, attempts: [{ alarms: [{ code }] }] });
  expect(journalEnd(run.journal)).toMatchObject({ outcome: 'ERROR', cause: `pole 1 pull-out: ${cause}` });
}

describe('load-cell alarms during a pull', () => {
  let rig: SimRig;
  afterEach(() => rig.close());

  it('saturation: the reading at the end of its range latches ALARM:5 and stops the motor within one control period of that reading', async () => {
    rig = await openSimRig();
    // +2000 N on a 500 N cell: the HX711 output sits on its rail (counts 0x7FFFFF).
    const run = await rig.run(plan, (event, sim) => event.kind === 'pull-sample' && event.forceN > 30 && (sim.setLoadCellFault(2000), true));
    const figures = stopFigures(rig, run);
    expect(figures.readingAtMs - (run.trigger?.atMs ?? Number.NaN)).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    expect(run.trigger?.before.motorEnabled).toBe(true);
    expect(figures.lastPulseAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    expect(figures.disabledAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    console.info(`load-cell saturation: last step pulse ${figures.lastPulseAfterMs.toFixed(3)} ms, motor disabled ${figures.disabledAfterMs.toFixed(3)} ms after the first saturated reading (${(figures.readingAtMs - (run.trigger?.atMs ?? 0)).toFixed(3)} ms after the fault); ${rig.alarms[0]?.line}`);

    expect(rig.alarms.map((a) => a.code)).toEqual([AlarmCode.LOADCELL_SATURATED]);
    expect(rig.alarms[0]?.line).toMatch(/^ALARM:5 counts=8388607\*[0-9A-F]{4}$/);
    expect(rig.sim.world).toMatchObject({ motorEnabled: false, currentEnabled: false, kelvinMask: 0, isoDriveMask: 0, muxByte: 0 });
    // The true force stayed where the ramp was: the conductor was never overloaded.
    expect(rig.sim.world.forceN).toBeLessThan(40);
    expectRigErrorRun(run, 'Load-cell reading at the end of its range (ALARM:5 LOADCELL_SATURATED)', AlarmCode.LOADCELL_SATURATED);
  });

  it('force cap: a reading at or above 250 N latches ALARM:4 and stops the motor within one control period of that reading', async () => {
    rig = await openSimRig();
    // +200 N once the true force passes 60 N: the reading crosses the 250 N cap, the conductor holds 60 N.
    const run = await rig.run(plan, (event, sim) => event.kind === 'pull-sample' && event.forceN > 60 && (sim.setLoadCellFault(200), true));
    const figures = stopFigures(rig, run);
    expect(run.trigger?.before.motorEnabled).toBe(true);
    expect(figures.lastPulseAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    expect(figures.disabledAfterMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    console.info(`force cap: last step pulse ${figures.lastPulseAfterMs.toFixed(3)} ms, motor disabled ${figures.disabledAfterMs.toFixed(3)} ms after the first reading at the cap (${(figures.readingAtMs - (run.trigger?.atMs ?? 0)).toFixed(3)} ms after the fault); ${rig.alarms[0]?.line}`);

    expect(rig.alarms.map((a) => a.code)).toEqual([AlarmCode.FORCE_CAP]);
    // The reading the firmware acted on: 200 N + the true force, within the ramp's step and the noise.
    const alarmForceN = Number(/forceN=([\d.]+)/.exec(rig.alarms[0]?.line ?? '')?.[1]);
    expect(alarmForceN).toBeGreaterThanOrEqual(250);
    expect(alarmForceN).toBeLessThan(275);
    expect(rig.sim.world).toMatchObject({ motorEnabled: false, currentEnabled: false, kelvinMask: 0, isoDriveMask: 0, muxByte: 0 });
    expect(rig.sim.world.forceN).toBeLessThan(75);
    expectRigErrorRun(run, "Force reached the rig's force cap (ALARM:4 FORCE_CAP)", AlarmCode.FORCE_CAP);
  });
});
