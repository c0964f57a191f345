import { describe, expect, it } from 'vitest';
import { runPlan } from '../../host/runner/run-plan.js';
import { HEATING_SKIPPED_OPEN_CAUSE, PULL_SKIPPED_OPEN_CAUSE } from '../../host/runner/steps/earlier-steps.js';
import type { TestRecord } from '../../host/runner/test-record.js';
import { FakeDriver, noLoad } from './fixtures/fake-driver.js';
import { productionQcLike, pull, temperatureRise, vdrop } from './fixtures/plans.js';
import { ScriptedOperator } from './fixtures/scripted-operator.js';

// A pole without a conductor, from scripted readings: the pull that finds nothing in the grip, and
// the pull left out after the voltage drop found the pole open. (On the simulator: no-conductor-runs.test.ts.)
const outcomes = (record: TestRecord) => record.poles.map((p) => p.steps.map((s) => `${s.stepId}:${s.outcome}`).join(' '));
const GOOD_POLE = 'insert:PASS vdrop:PASS pull:PASS';

describe('runner: a pole with no conductor', () => {
  it('a pull that finds no load is ERROR naming the slack travel, and every other pole is still tested', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(2, [noLoad(0.14)]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-NL' });
    const cause = 'no load within 5 mm of travel (peak 0.1 N, preload 2 N): no conductor in the grip';
    expect(outcomes(record)).toEqual([GOOD_POLE, 'insert:PASS vdrop:PASS pull:ERROR', GOOD_POLE, GOOD_POLE]);
    expect(record.poles.map((p) => p.outcome)).toEqual(['PASS', 'ERROR', 'PASS', 'PASS']);
    const step = record.poles[1]?.steps[2];
    expect(step).toMatchObject({ outcome: 'ERROR', cause, rigReady: true, attempts: [{ outcome: 'ERROR', cause, error: cause, rigReady: true, pullResult: 'noload', measurements: [] }] });
    expect(step?.attempts[0]?.samples).toEqual([{ tMs: 12, posMm: 0.01, forceN: 0 }, { tMs: 24, posMm: 0.02, forceN: 0.14 }]);
    // The run went on as after a passing pull: no skip, no making safe until the teardown.
    expect(driver.rigCommands.filter((c) => c.startsWith('pull '))).toEqual(['pull 1 90', 'pull 2 90', 'pull 3 90', 'pull 4 90']);
    expect(driver.calls.filter((c) => c === 'makeSafe')).toEqual(['makeSafe']);
    expect(driver.calls.at(-1)).toBe('makeSafe');
    expect(record.outcome).toBe('ERROR');
    expect(record.cause).toBe(`pole 2 pull-out: ${cause}`);
  });

  it('says so without a figure when the rig does not report its slack (protocol 2.0)', async () => {
    const driver = new FakeDriver();
    Object.assign(driver, { limits: { forceCapN: 250, capacityN: 500, maxCurrentA: 50 } });
    driver.pulls.set(1, [noLoad(1.04)]);
    const record = await runPlan(productionQcLike({ poles: [1] }), driver, new ScriptedOperator(driver), { serial: 'U-NL2' });
    expect(record.poles[0]?.steps[2]?.cause).toBe("no load within the rig's slack travel (peak 1.0 N, preload 2 N): no conductor in the grip");
  });

  it('a pole whose voltage drop found it open is not pulled: the pull SKIPPED saying why, the pole FAIL, the others tested', async () => {
    const driver = new FakeDriver();
    driver.drops.set(3, [{ open: true }]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-OPEN' });
    expect(outcomes(record)).toEqual([GOOD_POLE, GOOD_POLE, 'insert:PASS vdrop:FAIL pull:SKIPPED', GOOD_POLE]);
    expect(record.poles.map((p) => p.outcome)).toEqual(['PASS', 'PASS', 'FAIL', 'PASS']);
    expect(record.poles[2]?.steps[2]).toMatchObject({ outcome: 'SKIPPED', cause: PULL_SKIPPED_OPEN_CAUSE, attempts: [] });
    expect(PULL_SKIPPED_OPEN_CAUSE).toBe('not pulled: continuity open (no conductor?)');
    expect(driver.rigCommands.filter((c) => c.startsWith('pull '))).toEqual(['pull 1 90', 'pull 2 90', 'pull 4 90']);
    expect(record.outcome).toBe('FAIL');
    expect(record.cause).toBe('pole 3 voltage drop: open circuit: test current not reached');
  });

  it('a pole whose voltage drop found it open is not heated either: the temperature rise SKIPPED saying why', async () => {
    const driver = new FakeDriver();
    driver.drops.set(2, [{ open: true }]);
    const plan = productionQcLike({ unitSteps: [], poleSteps: [vdrop, { ...temperatureRise, optional: false, maxDurationS: 1 }], poles: [2] });
    const record = await runPlan(plan, driver, new ScriptedOperator(driver), { serial: 'U-OPEN-HEAT' });
    expect(record.poles[0]?.steps[1]).toMatchObject({ outcome: 'SKIPPED', cause: HEATING_SKIPPED_OPEN_CAUSE, attempts: [] });
    expect(HEATING_SKIPPED_OPEN_CAUSE).toBe('not heated: continuity open (no conductor?)');
    expect(driver.rigCommands.filter((c) => c.startsWith('heatOn'))).toEqual([]);
    expect(record.poles[0]?.outcome).toBe('FAIL');
  });

  it('pulls when a retest of the voltage drop found the current path after all (the last attempt decides)', async () => {
    const driver = new FakeDriver();
    driver.drops.set(1, [{ open: true }, { open: false, dropMv: 1.7, currentA: 5.7, resistanceMilliohm: 0.3 }]);
    const record = await runPlan(productionQcLike({ poles: [1], options: { stopOnFirstFail: false, retest: 1 } }), driver, new ScriptedOperator(driver), { serial: 'U-RT' });
    expect(outcomes(record)).toEqual([GOOD_POLE]);
    expect(driver.rigCommands).toContain('pull 1 90');
  });

  it('a drop above its limit is no reason to leave the pull out: only an open circuit is', async () => {
    const driver = new FakeDriver();
    driver.drops.set(1, [{ open: false, dropMv: 5.71, currentA: 5.7, resistanceMilliohm: 1.0 }]);
    const record = await runPlan(productionQcLike({ poles: [1], poleSteps: [vdrop, pull()] }), driver, new ScriptedOperator(driver), { serial: 'U-HI' });
    expect(outcomes(record)).toEqual(['vdrop:FAIL pull:PASS']);
  });
});
