import { describe, expect, it } from 'vitest';
import { PlanRefusedError } from '../../host/runner/plan-refusal.js';
import { runPlan } from '../../host/runner/run-plan.js';
import { RigAlarmError } from '../../host/rig/rig-errors.js';
import { FakeDriver, alarmed, held, pulledOut } from './fixtures/fake-driver.js';
import { insertPrompt, isolation, productionQcLike, pull, temperatureRise, vdrop } from './fixtures/plans.js';
import type { RunEvent } from '../../host/runner/run-events.js';
import { ScriptedOperator } from './fixtures/scripted-operator.js';

describe('runner control flow', () => {
  it('retests a FAILed step up to N times, keeps every attempt, and takes the last one', async () => {
    const driver = new FakeDriver();
    driver.drops.set(1, [{ open: true }, { open: false, dropMv: 1.8, currentA: 5.7, resistanceMilliohm: 0.32 }]);
    driver.drops.set(2, [{ open: true }]);
    const plan = productionQcLike({ poles: [1, 2], options: { stopOnFirstFail: false, retest: 2 } });
    const record = await runPlan(plan, driver, new ScriptedOperator(driver), { serial: 'R' });
    const [pole1, pole2] = record.poles.map((p) => p.steps[1]);
    expect(pole1?.attempts.map((a) => a.outcome)).toEqual(['FAIL', 'PASS']);
    expect(pole1?.outcome).toBe('PASS');
    expect(pole2?.attempts.map((a) => a.outcome)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(pole2?.outcome).toBe('FAIL');
    expect(driver.calls.filter((c) => c.startsWith('measureDrop'))).toEqual(['measureDrop 1 5.7', 'measureDrop 1 5.7', 'measureDrop 2 5.7', 'measureDrop 2 5.7', 'measureDrop 2 5.7']);
  });

  it('skips every remaining step after the first FAIL when the plan says stopOnFirstFail', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(2, [pulledOut(40)]);
    const record = await runPlan(productionQcLike({ options: { stopOnFirstFail: true, retest: 0 } }), driver, new ScriptedOperator(driver), { serial: 'S' });
    expect(record.poles.map((p) => p.steps.map((s) => s.outcome).join(','))).toEqual(['PASS,PASS,PASS', 'PASS,PASS,FAIL', 'SKIPPED,SKIPPED,SKIPPED', 'SKIPPED,SKIPPED,SKIPPED']);
    expect(record.poles[2]?.steps[0]?.cause).toBe('not run: stopped on the first FAIL');
    expect(record.outcome).toBe('FAIL');
    expect(driver.rigCommands.at(-1)).toBe('pull 2 90');
  });

  it('skips optional steps with skipOptional, and when the operator answers skip to an optional prompt', async () => {
    const driver = new FakeDriver();
    const optionalInsert = { ...insertPrompt, optional: true };
    const plan = productionQcLike({ unitSteps: [], poleSteps: [optionalInsert, vdrop, temperatureRise], poles: [1, 2] });
    const operator = new ScriptedOperator(driver, { 'insert@2': 'skip' });
    const record = await runPlan(plan, driver, operator, { serial: 'O', skipOptional: true });
    expect(record.poles.map((p) => p.steps.map((s) => s.outcome).join(','))).toEqual(['SKIPPED,PASS,SKIPPED', 'SKIPPED,PASS,SKIPPED']);
    expect(record.outcome).toBe('PASS');
    expect(operator.prompts).toEqual([]);

    const again = new FakeDriver();
    const record2 = await runPlan({ ...plan, poleSteps: [optionalInsert, vdrop] }, again, new ScriptedOperator(again, { 'insert@2': 'skip' }), { serial: 'O2' });
    expect(record2.poles.map((p) => p.steps.map((s) => `${s.outcome}${s.cause ? `(${s.cause})` : ''}`).join(','))).toEqual(['PASS,PASS', 'SKIPPED(skipped by the operator),PASS']);
  });

  it('refuses a plan whose step needs a capability the rig lacks, before any rig call', async () => {
    const driver = new FakeDriver(['vdrop', 'iso']);
    const attempt = runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'C' });
    await expect(attempt).rejects.toThrow(PlanRefusedError);
    await expect(attempt).rejects.toThrow('plan "production-qc-like" cannot run on rig FAKE-1: step "pull" (pull) needs capability "pull", the rig has vdrop, iso');
    expect(driver.calls).toEqual([]);
  });

  it('refuses figures beyond the rig: a pull above the force cap, poles it cannot switch', async () => {
    const driver = new FakeDriver();
    const plan = productionQcLike({ poleSteps: [pull(1000, 300)], poles: [1, 9] });
    await expect(runPlan(plan, driver, new ScriptedOperator(driver), { serial: 'C2' })).rejects.toThrow(
      'step "pull" pulls 300 N, above the rig\'s force cap of 250 N; poles 9 are outside the rig\'s 1..8',
    );
    expect(driver.calls).toEqual([]);
  });

  it('records a rig failure as ERROR with its message, skips the rest and still makes the rig safe', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(1, [new Error('PULL 90 90 500 2: no reply within 2000 ms (3 attempts)')]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'E' });
    const step = record.poles[0]?.steps[2];
    expect(step?.outcome).toBe('ERROR');
    expect(step?.attempts[0]?.error).toBe('PULL 90 90 500 2: no reply within 2000 ms (3 attempts)');
    // Every step of pole 2 (the plan gives each pole the same steps as pole 1) is skipped, saying why.
    expect(record.poles[1]?.steps.map((s) => [s.outcome, s.cause])).toEqual(record.poles[0]!.steps.map(() => ['SKIPPED', 'not run after a rig error']));
    expect(record.outcome).toBe('ERROR');
    expect(driver.calls.at(-1)).toBe('makeSafe');
  });

  it('makes the rig safe even when the operator interface throws', async () => {
    const driver = new FakeDriver();
    const operator = { confirm: async () => Promise.reject(new Error('stdin closed')) };
    const record = await runPlan(productionQcLike(), driver, operator, { serial: 'T' });
    expect(record.unitSteps[0]).toMatchObject({ outcome: 'ERROR', cause: 'stdin closed' });
    expect(driver.calls).toEqual(['heatOff', 'makeSafe']);
  });

  it('ends ABORTED when the operator aborts at a prompt: nothing more runs, teardown does', async () => {
    const driver = new FakeDriver();
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver, { 'insert@2': 'abort' }), { serial: 'A' });
    expect(record.outcome).toBe('ABORTED');
    expect(record.cause).toBe('pole 2 insert conductor: aborted by the operator');
    expect(record.poles[1]?.steps.map((s) => s.outcome)).toEqual(['ABORTED', 'SKIPPED', 'SKIPPED']);
    expect(driver.rigCommands.at(-1)).toBe('confirm insert 2');
    expect(driver.calls.at(-1)).toBe('makeSafe');
  });

  it('ends ABORTED with the alarm as cause when an E-stop stops a pull or a later request', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(1, [alarmed(1)]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'X' });
    expect(record.outcome).toBe('ABORTED');
    expect(record.poles[0]?.steps[2]).toMatchObject({ outcome: 'ABORTED', cause: 'E-stop pressed (ALARM:1 ESTOP)' });
    expect(record.poles[0]?.steps[2]?.attempts[0]?.alarms).toEqual([{ code: 1, name: 'ESTOP', text: 'E-stop pressed' }]);

    const latched = new FakeDriver();
    latched.drops.set(1, [new RigAlarmError(1, 'VDROP 1 5.7 256')]);
    const record2 = await runPlan(productionQcLike(), latched, new ScriptedOperator(latched), { serial: 'X2' });
    expect(record2.poles[0]?.steps[1]).toMatchObject({ outcome: 'ABORTED', cause: 'E-stop pressed (ALARM:1 ESTOP)' });
  });

  it('treats the rig protecting itself (force cap) as ERROR, not ABORTED', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(1, [alarmed(4)]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'F' });
    expect(record.poles[0]?.steps[2]).toMatchObject({ outcome: 'ERROR', cause: "Force reached the rig's force cap (ALARM:4 FORCE_CAP)" });
  });

  it('prompts with the pole in the text, and with the test current off', async () => {
    const driver = new FakeDriver();
    const operator = new ScriptedOperator(driver);
    await runPlan(productionQcLike({ poles: [3] }), driver, operator, { serial: 'P' });
    expect(operator.prompts).toEqual([
      { text: 'Mount the unit in the rig', stepId: 'mount', optional: false, currentOn: false },
      { text: 'Insert a 10 mm² fine-stranded conductor, stripped 11-13 mm, into pole 3', stepId: 'insert', pole: 3, optional: false, currentOn: false },
    ]);
    // heatOff right before every prompt, whatever ran before it.
    expect(driver.calls.filter((c, i) => c.startsWith('confirm') && driver.calls[i - 1] !== 'heatOff')).toEqual([]);
  });

  it('leaves the current alone at prompts when the DUT may be handled live, unless the prompt asks for it off', async () => {
    const driver = new FakeDriver();
    const plan = productionQcLike({ poles: [1], dut: { partNumber: 'X', poles: 4, description: 'x', mustNotConnectLive: false } });
    await runPlan({ ...plan, unitSteps: [{ ...plan.unitSteps[0]!, kind: 'prompt', text: 'mount', requireCurrentOff: true }] }, driver, new ScriptedOperator(driver), { serial: 'L' });
    expect(driver.calls.slice(0, 5)).toEqual(['heatOff', 'confirm mount', 'confirm insert 1', 'readTemperatureC', 'measureDrop 1 5.7']);
  });

  it('runs unitStepsAfter once after every pole, and counts them in the progress', async () => {
    const driver = new FakeDriver();
    const events: RunEvent[] = [];
    const plan = productionQcLike({ unitSteps: [], poleSteps: [vdrop], poles: [1, 2], unitStepsAfter: [isolation] });
    const record = await runPlan(plan, driver, new ScriptedOperator(driver), { serial: 'AFT', onEvent: (e) => events.push(e) });
    // One TEMP before each voltage drop: its temperature condition.
    expect(driver.rigCommands).toEqual(['readTemperatureC', 'measureDrop 1 5.7', 'readTemperatureC', 'measureDrop 2 5.7', 'checkIsolation 4']);
    expect(record.unitStepsAfter.map((s) => s.outcome)).toEqual(['PASS']);
    expect(events.filter((e) => e.kind === 'step-finished').map((e) => `${e.index}/${e.total}`)).toEqual(['1/3', '2/3', '3/3']);
  });

  it('aborts a running step on the signal: the rig is made safe at once and the rest is skipped', async () => {
    const driver = new FakeDriver();
    const controller = new AbortController();
    driver.pulls.set(1, [held(90)]);
    const operator = new ScriptedOperator(driver);
    const original = driver.pull.bind(driver);
    driver.pull = async (pole, profile, onSample) => {
      controller.abort();
      expect(driver.calls.at(-1)).toBe('makeSafe');
      return { ...(await original(pole, profile, onSample)), result: 'aborted' };
    };
    const record = await runPlan(productionQcLike(), driver, operator, { serial: 'Z', signal: controller.signal });
    expect(record.poles[0]?.steps[2]).toMatchObject({ outcome: 'ABORTED', cause: 'pull aborted by the operator' });
    expect(record.poles[1]?.steps.map((s) => s.outcome)).toEqual(record.poles[0]!.steps.map(() => 'SKIPPED'));
    expect(record.outcome).toBe('ABORTED');
  });
});
