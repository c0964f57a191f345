import { afterEach, describe, expect, it } from 'vitest';
import { AlarmCode } from '../../firmware-protocol/generated/codes.js';
import { RigResetRefusedError } from '../../host/rig/rig-errors.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { PlanRefusedError } from '../../host/runner/plan-refusal.js';
import { runPlan } from '../../host/runner/run-plan.js';
import { FakeDriver } from '../runner/fixtures/fake-driver.js';
import { productionQcLike, pull } from '../runner/fixtures/plans.js';
import { ScriptedOperator } from '../runner/fixtures/scripted-operator.js';
import { openSimRig, type SimRig } from './support/fault-run.js';

// Issue 6 item 6, "no step runs until an explicit reset": after an E-stop the runner refuses
// every run before anything moves, RESET is refused while the E-stop is pressed, and releasing
// the E-stop alone clears nothing.
const plan = productionQcLike({ unitSteps: [], poleSteps: [pull(5000, 90)], poles: [1, 2] });
const SIM_WHERE = 'simulator (good 831-1104/322-004, 10 mm² fine-stranded, fast)';
const refusal = (then: string): string =>
  `plan "production-qc-like" cannot run on rig CB-UNO-0001: ALARM:1 ESTOP (E-stop pressed) latched on ${SIM_WHERE}: nothing runs until an explicit reset; ${then}`;

describe('a latched alarm holds every run until an explicit reset (real firmware)', () => {
  let rig: SimRig;
  afterEach(() => rig.close());

  it('refuses runs while ALARM:1 is latched, refuses RESET while the E-stop is pressed, runs again after release and reset', async () => {
    rig = await openSimRig();
    const { sim, driver } = rig;
    const aborted = await rig.run(plan, (event, s) => event.kind === 'pull-sample' && event.forceN > 30 && (s.setEstop(true), true));
    expect(aborted.record.outcome).toBe('ABORTED');

    // Still pressed: STATUS shows the alarm, the run is refused before its first event, nothing is switched.
    expect(await driver.readSafetyState()).toEqual({ latchedAlarms: [AlarmCode.ESTOP], estopPressed: true, guardOpen: false });
    const refusedAtMs = sim.timeMs;
    const stepsBefore = sim.world.stepCount;
    const events: string[] = [];
    const attempt = runPlan(plan, driver, autoConfirmOperator, { serial: 'AFTER-ESTOP', onEvent: (e) => events.push(e.kind) });
    await expect(attempt).rejects.toThrow(PlanRefusedError);
    await expect(attempt).rejects.toThrow(refusal('release the E-stop, then clear it with "clampbench reset --port <port>"'));
    expect(events).toEqual([]);
    expect(sim.world.stepCount).toBe(stepsBefore);
    expect(sim.events.filter((e) => e.timeMs >= refusedAtMs && ['relays', 'currentEnable', 'motorEnable', 'dac'].includes(e.kind))).toEqual([]);

    // RESET while pressed: refused, and said so.
    const reset = driver.resetAlarms();
    await expect(reset).rejects.toThrow(RigResetRefusedError);
    await expect(reset).rejects.toThrow('reset refused: the E-stop is still pressed (error:15 ESTOP_ACTIVE); still latched: ALARM:1 ESTOP (E-stop pressed). Release the E-stop, then reset again');

    // Released: the alarm stays latched until the reset.
    sim.setEstop(false);
    expect(await driver.readSafetyState()).toEqual({ latchedAlarms: [AlarmCode.ESTOP], estopPressed: false, guardOpen: false });
    await expect(runPlan(plan, driver, autoConfirmOperator, { serial: 'RELEASED' })).rejects.toThrow(refusal('clear it with "clampbench reset --port <port>"'));
    expect(sim.world.stepCount).toBe(stepsBefore);

    await driver.resetAlarms();
    expect(await driver.readSafetyState()).toEqual({ latchedAlarms: [], estopPressed: false, guardOpen: false });
    const again = await rig.run(productionQcLike({ unitSteps: [], poleSteps: [pull(500, 90)], poles: [1] }));
    expect(again.record.outcome).toBe('PASS');
    expect(again.record.poles[0]?.steps[0]?.attempts[0]?.pullResult).toBe('held');
  });
});

describe('the refusal on any rig (scripted driver)', () => {
  it('names a latched force cap and how to clear it, before any rig command', async () => {
    const driver = new FakeDriver();
    driver.safety = { latchedAlarms: [AlarmCode.FORCE_CAP], estopPressed: false, guardOpen: false };
    const attempt = runPlan(plan, driver, new ScriptedOperator(driver), { serial: 'CAP' });
    await expect(attempt).rejects.toThrow(
      `plan "production-qc-like" cannot run on rig FAKE-1: ALARM:4 FORCE_CAP (Force reached the rig's force cap) latched on fake: nothing runs until an explicit reset; clear it with "clampbench reset --port <port>"`,
    );
    expect(driver.calls).toEqual([]);
  });
});
