import { fileURLToPath } from 'node:url';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { describe, expect, it } from 'vitest';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import type { ResolvedPlan } from '../../host/plans/resolved-plan.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { TestRecord } from '../../host/runner/test-record.js';
import { productionQcLike, pull } from './fixtures/plans.js';
import { FACTORY_CAL_DATE } from '../../rigs/uno-pull/sim/simulator.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

// The runner, the Uno driver and the real firmware in the simulator, with hand-built plans.
const scenarios = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));

async function runOnSim(port: string, plan: ResolvedPlan): Promise<TestRecord> {
  const { driver, transport } = await openUnoPullDriver(port, { createSimulator: createUnoPullSimulator });
  try {
    return await runPlan(plan, driver, autoConfirmOperator, { serial: 'SIM-T', clock: transport.clock });
  } finally {
    await driver.close();
  }
}

const verdicts = (record: TestRecord) => record.poles.map((p) => p.steps.map((s) => `${s.stepId}:${s.outcome}`).join(' '));

describe('runs through the real firmware in the simulator', () => {
  it('passes a good unit on every pole and step, with the rig identity and the pull curves in the record', async () => {
    const record = await runOnSim('sim', productionQcLike());
    expect(record.outcome).toBe('PASS');
    expect(record.unitSteps.map((s) => `${s.stepId}:${s.outcome}`)).toEqual(['mount:PASS', 'isolation:PASS']);
    expect(verdicts(record)).toEqual(Array(4).fill('insert:PASS vdrop:PASS pull:PASS'));
    expect(record.rig).toMatchObject({ id: 'CB-UNO-0001', protocol: `${PROTOCOL.major}.${PROTOCOL.minor}`, calDate: FACTORY_CAL_DATE });
    expect(record.rig.where).toMatch(/^simulator \(good 831-1104/);
    // Truth of the default scenario: pole 1 has 0.300 mΩ.
    const resistance = record.poles[0]?.steps[1]?.attempts[0]?.measurements.find((m) => m.name === 'resistance')?.value ?? 0;
    expect(Math.abs(resistance - 0.3) / 0.3).toBeLessThan(0.01);
    for (const pole of record.poles) {
      const attempt = pole.steps[2]?.attempts[0];
      expect(attempt?.pullResult).toBe('held');
      expect(attempt?.samplesLost).toBe(0);
      expect(attempt?.samples?.length).toBeGreaterThan(100);
      expect(Math.max(...(attempt?.samples ?? []).map((s) => s.forceN))).toBeGreaterThanOrEqual(90);
    }
  });

  it('fails a unit with conductors 1 and 2 swapped, on poles 1 and 2 only, saying why', async () => {
    const record = await runOnSim(`sim:${scenarios}swap-1-2.yaml`, productionQcLike({ poleSteps: [productionQcLike().poleSteps[1]!] }));
    expect(record.outcome).toBe('FAIL');
    const iso = record.unitSteps[1];
    expect(iso?.cause).toBe('pole 1 reaches terminal 2 (miswired); pole 2 reaches terminal 1 (miswired)');
    expect(iso?.attempts[0]?.poleVerdicts?.map((v) => v.verdict)).toEqual(['FAIL', 'FAIL', 'PASS', 'PASS']);
    expect(record.poles.map((p) => `${p.outcome} ${p.steps[0]?.cause ?? ''}`.trim())).toEqual([
      'FAIL open circuit: test current not reached',
      'FAIL open circuit: test current not reached',
      'PASS',
      'PASS',
    ]);
  });

  it('fails pole 3 of a unit whose pole 3 lets go at 40 N under a 90 N pull, and passes the others', async () => {
    const record = await runOnSim(`sim:${scenarios}pullout-pole-3.yaml`, productionQcLike({ unitSteps: [], poleSteps: [pull(1000, 90)] }));
    expect(record.outcome).toBe('FAIL');
    expect(record.poles.map((p) => p.outcome)).toEqual(['PASS', 'PASS', 'FAIL', 'PASS']);
    const step = record.poles[2]?.steps[0];
    expect(step?.attempts[0]?.pullResult).toBe('pullout');
    expect(step?.cause).toMatch(/^pull-out at (39|40|41)\.\d N \(< 90 N, IEC 60999-1\)$/);
    expect(record.cause).toBe(`pole 3 pull-out: ${step?.cause}`);
  });

  it('ends ABORTED when the E-stop is pressed during a pull, and leaves the rig safe', async () => {
    const { driver, transport } = await openUnoPullDriver('sim', { createSimulator: createUnoPullSimulator });
    const sim = transport.sim!;
    try {
      const plan = productionQcLike({ unitSteps: [], poleSteps: [pull(5000, 90)], poles: [1, 2] });
      const record = await runPlan(plan, driver, autoConfirmOperator, {
        serial: 'SIM-E',
        clock: transport.clock,
        onEvent: (e) => {
          if (e.kind === 'pull-sample' && e.forceN > 50) sim.setEstop(true);
        },
      });
      expect(record.outcome).toBe('ABORTED');
      expect(record.poles[0]?.steps[0]).toMatchObject({ outcome: 'ABORTED', cause: 'E-stop pressed (ALARM:1 ESTOP)' });
      expect(record.poles[1]?.steps[0]?.outcome).toBe('SKIPPED');
      expect(sim.world.currentEnabled).toBe(false);
    } finally {
      await driver.close();
    }
  });
});
