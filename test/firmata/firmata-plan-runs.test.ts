import { afterAll, describe, expect, it } from 'vitest';
import { PlanError } from '../../host/shared/plan-error.js';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { openFirmataDriver } from '../../host/rig/open-firmata-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { TestRecord } from '../../host/runner/test-record.js';
import { firmataResolution, loadFirmataRigDefinition } from '../../rigs/firmata-continuity/rig-definition.js';
import { CONDUCTOR, DUT, measurement, outcomes, poleOutcomes, step } from '../runner/fixtures/builtin-plan-runs.js';
import { scenarioFile, standardFirmataAvailable } from './support/firmata-sim-board.js';
import { FACTORY_CAL_DATE } from '../../rigs/uno-pull/sim/factory-settings.js';
import { firmataSimulatorFor } from '../../rigs/firmata-continuity/sim/create-simulator.js';

// The electrical steps of production-qc (built-in plan production-qc-electrical) on the Firmata rig:
// StandardFirmata itself in the simulator, johnny-five over serialport's stream, the same DUT twin
// and scenario files as the Uno pull rig. Voltage drop ≤ 3.2 mV at 5.7 A asked (PWM duty 145 of 255
// gives 5.686 A); one ADC count is 0.0244 mV of drop (rig.yaml: 5 V / 1024 / gain 200).

const available = await standardFirmataAvailable();
const rig = loadFirmataRigDefinition();
const countMv = firmataResolution(rig).dropMv;
const wallTimes: string[] = [];

async function runElectrical(scenario: string, plan = 'production-qc-electrical'): Promise<{ record: TestRecord; truthMilliohm: number[] }> {
  const opened = await openFirmataDriver(`sim:${scenarioFile(scenario)}`, { simulator: firmataSimulatorFor });
  const wall0 = performance.now();
  try {
    const truthMilliohm = opened.transport.sim!.dutTruth.poles.map((p) => p.params.contactResistanceMilliohm);
    const resolved = resolvePlan({ plan, dut: DUT, conductor: CONDUCTOR, rig: opened.driver });
    const record = await runPlan(resolved, opened.driver, autoConfirmOperator, { serial: `FMT-${scenario}`, clock: opened.transport.clock });
    wallTimes.push(`${scenario}: ${((performance.now() - wall0) / 1000).toFixed(1)} s wall, ${((record.simDurationMs ?? 0) / 1000).toFixed(1)} s simulated`);
    return { record, truthMilliohm };
  } finally {
    await opened.driver.close();
  }
}

const isolationValues = (record: TestRecord, name: string): Array<number | null> =>
  (step(record, 'isolation').attempts.at(-1)?.measurements ?? []).filter((m) => m.name === name).map((m) => m.value);

describe.runIf(available)('production-qc-electrical on the StandardFirmata rig (simulated)', () => {
  afterAll(() => process.stderr.write(`Firmata plan runs: ${wallTimes.join('; ')}\n`));

  it('good unit: PASS; each drop is the pole\'s true resistance × the measured current, within 2 ADC counts', async () => {
    const { record, truthMilliohm } = await runElectrical('good-831-1104-10mm2');
    expect(record.outcome).toBe('PASS');
    // The simulated Firmata rig carries the simulated factory calibration, not the real rig's date in its rig file.
    expect(record.rig).toMatchObject({ id: 'CB-FMT-0001', calDate: FACTORY_CAL_DATE });
    expect(record.calibration).toMatchObject({ status: 'valid', intervalDays: 365, checksum: null });
    expect(record.rig.firmwareVersion).toMatch(/^StandardFirmata \d+\.\d+$/);
    expect(isolationValues(record, 'far-end-terminal')).toEqual([1, 2, 3, 4]);
    expect(isolationValues(record, 'shorted-poles')).toEqual([0, 0, 0, 0]);
    // No insulation meter on this rig: no value recorded, and the attempt says why.
    const isolationAttempt = step(record, 'isolation').attempts.at(-1);
    expect(isolationAttempt?.measurements.filter((m) => m.pair !== undefined)).toEqual([]);
    expect(isolationAttempt?.notes).toEqual(['insulation resistance not measured: rig CB-FMT-0001 has no insulation meter (capabilities: vdrop, iso)']);
    expect(record.poles.map((p) => p.pole)).toEqual([1, 2, 3, 4]);
    expect(truthMilliohm).toHaveLength(4);
    for (const [index, pole] of record.poles.entries()) {
      const continuity = step(record, 'continuity', pole.pole);
      const currentA = measurement(continuity, 'current').value!;
      // Asked 5.7 A; the 8-bit setpoint gives 5.686 A, read back through the 12.2 mA-per-count shunt channel.
      expect(currentA).toBeGreaterThan(5.686 - 0.03);
      expect(currentA).toBeLessThan(5.686 + 0.03);
      expect(Math.abs(measurement(continuity, 'drop').value! - truthMilliohm[index]! * currentA)).toBeLessThan(2 * countMv);
    }
  });

  it('open-pole-2: isolation FAILs pole 2 (reaches no terminal); the pole steps are SKIPPED', async () => {
    const { record } = await runElectrical('open-pole-2');
    expect(record.outcome).toBe('FAIL');
    expect(record.cause).toBe('Isolation and wiring map: pole 2 reaches no terminal (open)');
    expect(isolationValues(record, 'far-end-terminal')).toEqual([1, 0, 3, 4]);
    expect(poleOutcomes(record)).toEqual(Array(4).fill('continuity:SKIPPED'));
  });

  it('swap-1-2: isolation FAILs poles 1 and 2 (miswired to each other)', async () => {
    const { record } = await runElectrical('swap-1-2');
    expect(record.cause).toBe('Isolation and wiring map: pole 1 reaches terminal 2 (miswired); pole 2 reaches terminal 1 (miswired)');
    expect(isolationValues(record, 'far-end-terminal')).toEqual([2, 1, 3, 4]);
    expect(isolationValues(record, 'shorted-poles')).toEqual([0, 0, 0, 0]);
  });

  it('short-2-3: isolation FAILs poles 2 and 3 (short), the wiring map still straight', async () => {
    const { record } = await runElectrical('short-2-3');
    expect(record.cause).toBe('Isolation and wiring map: short between poles 2 and 3');
    expect(isolationValues(record, 'far-end-terminal')).toEqual([1, 2, 3, 4]);
    expect(isolationValues(record, 'shorted-poles')).toEqual([0, 1, 1, 0]);
  });

  it('high-resistance-pole-3: poles 1-2 PASS, pole 3 FAILs at 0.90 mΩ × 5.69 A = 5.12 mV > 3.2 mV, pole 4 SKIPPED', async () => {
    const { record, truthMilliohm } = await runElectrical('high-resistance-pole-3');
    expect(outcomes(record.unitSteps)).toEqual(['load-unit:PASS', 'isolation:PASS']);
    expect(record.poles.map((p) => p.outcome)).toEqual(['PASS', 'PASS', 'FAIL', 'SKIPPED']);
    const continuity = step(record, 'continuity', 3);
    const currentA = measurement(continuity, 'current').value!;
    expect(truthMilliohm[2]).toBe(0.9);
    expect(Math.abs(measurement(continuity, 'drop').value! - 0.9 * currentA)).toBeLessThan(2 * countMv);
    expect(continuity.cause).toMatch(/^voltage drop 5\.1\d mV > 3\.2 mV \(IEC 60947-7-1\)$/);
  });

  it('production-qc itself is refused before anything switches: the rig cannot pull', async () => {
    const opened = await openFirmataDriver(`sim:${scenarioFile('good-831-1104-10mm2')}`, { simulator: firmataSimulatorFor });
    try {
      const resolve = (): unknown => resolvePlan({ plan: 'production-qc', dut: DUT, conductor: CONDUCTOR, rig: opened.driver });
      expect(resolve).toThrow(PlanError);
      expect(resolve).toThrow('poleSteps[1].kind: value "pull" is not allowed; the rig offers vdrop, iso; step pull-check needs "pull"');
      const sim = opened.transport.sim!;
      expect(sim.relays.kelvin.concat(sim.relays.iso)).toEqual(Array(8).fill(false));
      expect(sim.currentA).toBe(0);
    } finally {
      await opened.driver.close();
    }
  });
});
