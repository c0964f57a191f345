import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResolvedPlan } from '../../host/plans/resolved-plan.js';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { StepRecord, TestRecord } from '../../host/runner/test-record.js';
import { productionQcLike, pull, vdrop } from './fixtures/plans.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

// A pull that finds nothing in the grip, through the runner, the Uno driver and the real firmware in
// the simulator: the pull is ERROR "no load …" after the rig's 5 mm of slack at the approach speed
// (0.5 mm/s: about 11 s with the way back), the rig stays ready, and every other pole is tested. The
// type-test, whose voltage drop finds the empty pole open first, is in builtin-type-test-empty-pole-2.test.ts.
const scenarios = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));

interface SimRun {
  record: TestRecord;
  latchedAlarms: number[];
}

async function runOnSim(scenario: string, plan: ResolvedPlan): Promise<SimRun> {
  const { driver, transport } = await openUnoPullDriver(`sim:${scenarios}${scenario}.yaml`, { createSimulator: createUnoPullSimulator });
  try {
    const record = await runPlan(plan, driver, autoConfirmOperator, { serial: `SIM-${scenario}`, clock: transport.clock });
    return { record, latchedAlarms: (await driver.readSafetyState()).latchedAlarms };
  } finally {
    await driver.close();
  }
}

const verdicts = (record: TestRecord) => record.poles.map((p) => p.steps.map((s) => `${s.stepId}:${s.outcome}`).join(' '));
const pullOf = (record: TestRecord, pole: number): StepRecord | undefined => record.poles[pole - 1]?.steps.find((s) => s.kind === 'pull');
const NO_LOAD_CAUSE = /^no load within 5 mm of travel \(peak [01]\.\d N, preload 2 N\): no conductor in the grip$/;
/** 5 mm at 0.5 mm/s and back at 5 mm/s is 11 s nominal; the simulated stepper runs a few % slow. */
const NO_LOAD_MAX_MS = 12_500;

describe('a pull with nothing in the grip, on the simulator', () => {
  it('empty pole, plan without a continuity step: pole 2 pull ERROR "no load" in 11 s, poles 1, 3, 4 pulled and held', { timeout: 120_000 }, async () => {
    const { record, latchedAlarms } = await runOnSim('empty-pole-2', productionQcLike({ unitSteps: [], poleSteps: [pull(500, 45)] }));
    expect(verdicts(record)).toEqual(['pull:PASS', 'pull:ERROR', 'pull:PASS', 'pull:PASS']);
    const empty = pullOf(record, 2);
    expect(empty).toMatchObject({ outcome: 'ERROR', rigReady: true, attempts: [{ pullResult: 'noload', measurements: [] }] });
    expect(empty?.cause).toMatch(NO_LOAD_CAUSE);
    // In the simulator's time (an attempt's durationMs is wall time, whatever the machine's load).
    expect(empty?.attempts[0]?.simDurationMs).toBeGreaterThan(11_000);
    expect(empty?.attempts[0]?.simDurationMs).toBeLessThan(NO_LOAD_MAX_MS);
    // The samples show the approach: no force, out to just past the slack, and back.
    const samples = empty?.attempts[0]?.samples ?? [];
    expect(Math.max(...samples.map((s) => s.forceN))).toBeLessThan(0.5);
    expect(Math.max(...samples.map((s) => s.posMm))).toBeCloseTo(5, 1);
    for (const pole of [1, 3, 4]) expect(pullOf(record, pole)?.attempts[0]?.pullResult).toBe('held');
    expect(record.outcome).toBe('ERROR');
    expect(record.cause).toBe(`pole 2 pull-out: ${empty?.cause}`);
    expect(latchedAlarms).toEqual([]);
  });

  it('conductor that conducts but is not held: voltage drop PASS, pull ERROR "no load" (it slid out at 1 N), the others tested', { timeout: 120_000 }, async () => {
    const { record, latchedAlarms } = await runOnSim('loose-conductor-pole-2', productionQcLike({ unitSteps: [], poleSteps: [vdrop, pull(500, 45)] }));
    expect(verdicts(record)).toEqual(['vdrop:PASS pull:PASS', 'vdrop:PASS pull:ERROR', 'vdrop:PASS pull:PASS', 'vdrop:PASS pull:PASS']);
    const loose = pullOf(record, 2);
    expect(loose?.cause).toMatch(NO_LOAD_CAUSE);
    // Truth: the conductor creeps from its 0.5 N slip onset and the clamp lets go at 1 N. The approach reads the
    // force once per 12.5 ms control period, so the highest reading lies between the two, where depends on the
    // sampling phase (the firmware's timing before the pull moves it): 0.5 to 1.0 N, and the highest of the noisy
    // readings within three noise sigmas (0.05 N) of that (one sigma was too tight: a reading of 1.1 N is a 2-sigma draw).
    const peakN = Number(/\(peak (\d+\.\d) N/.exec(loose?.cause ?? '')?.[1]);
    expect(peakN).toBeGreaterThanOrEqual(0.35);
    expect(peakN).toBeLessThanOrEqual(1.15);
    expect(loose?.attempts[0]?.simDurationMs).toBeLessThan(NO_LOAD_MAX_MS);
    expect(latchedAlarms).toEqual([]);
  });
});
