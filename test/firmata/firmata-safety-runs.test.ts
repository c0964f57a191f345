import { describe, expect, it } from 'vitest';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { openFirmataDriver } from '../../host/rig/open-firmata-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { PlanRefusedError } from '../../host/runner/plan-refusal.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { FirmataSimulator } from '../../rigs/firmata-continuity/sim/firmata-simulator.js';
import { loadFirmataRigDefinition } from '../../rigs/firmata-continuity/rig-definition.js';
import { CONDUCTOR, DUT, step } from '../runner/fixtures/builtin-plan-runs.js';
import { scenarioFile, standardFirmataAvailable } from './support/firmata-sim-board.js';
import { firmataSimulatorFor } from '../../rigs/firmata-continuity/sim/create-simulator.js';

// What the Firmata rig does for the operator's safety and attention, through the runner on
// StandardFirmata in the simulator: the E-stop (its NC contact also breaks the current source's
// supply in hardware, rig.yaml), and the result lamp and buzzer (signals: beeps of 150 ms).

const available = await standardFirmataAvailable();
const rig = loadFirmataRigDefinition();

async function withRig<T>(scenario: string, body: (opened: Awaited<ReturnType<typeof openFirmataDriver>>, sim: FirmataSimulator) => Promise<T>): Promise<T> {
  const opened = await openFirmataDriver(`sim:${scenarioFile(scenario)}`, { simulator: firmataSimulatorFor });
  try {
    return await body(opened, opened.transport.sim!);
  } finally {
    await opened.driver.close();
  }
}

const electrical = (driver: Parameters<typeof resolvePlan>[0]['rig']) => resolvePlan({ plan: 'production-qc-electrical', dut: DUT, conductor: CONDUCTOR, rig: driver });

describe.runIf(available)('the Firmata rig: E-stop, lamp and buzzer (simulated)', () => {
  it('an E-stop pressed during a voltage drop ends the run ABORTED; no current flows and every relay is open', async () => {
    await withRig('good-831-1104-10mm2', async ({ driver, transport }, sim) => {
      let pressedAtMs = -1;
      // Press it 100 ms into pole 2's measurement: its Kelvin relay closed and the current on.
      const onRelay = (): void => {
        if (pressedAtMs < 0 && sim.relays.kelvin[1] && sim.currentA > 1) {
          pressedAtMs = sim.timeMs + 100;
          sim.after(100, () => sim.setEstop(true));
        }
      };
      const poll = setInterval(onRelay, 1);
      const record = await runPlan(electrical(driver), driver, autoConfirmOperator, { serial: 'FMT-estop', clock: transport.clock }).finally(() => clearInterval(poll));
      expect(pressedAtMs).toBeGreaterThan(0);
      expect(record.outcome).toBe('ABORTED');
      const cut = step(record, 'continuity', 2);
      expect(cut.outcome).toBe('ABORTED');
      expect(cut.cause).toBe('E-stop pressed (ALARM:1 ESTOP)');
      expect(step(record, 'continuity', 1).outcome).toBe('PASS');
      expect(sim.currentA).toBe(0);
      expect([...sim.relays.kelvin, ...sim.relays.iso]).toEqual(Array(8).fill(false));
      expect(await driver.readSafetyState()).toEqual({ latchedAlarms: [1], estopPressed: true, guardOpen: false });
    });
  });

  it('a run is refused while the E-stop is latched, and runs after release and reset', async () => {
    await withRig('good-831-1104-10mm2', async ({ driver, transport }, sim) => {
      sim.setEstop(true);
      await new Promise<void>((resolve) => sim.after(50, resolve));
      const plan = electrical(driver);
      const eventsBefore = sim.events.length;
      await expect(runPlan(plan, driver, autoConfirmOperator, { serial: 'FMT-latched', clock: transport.clock })).rejects.toBeInstanceOf(PlanRefusedError);
      expect(sim.events.slice(eventsBefore).filter((e) => e.kind === 'relay')).toEqual([]);
      sim.setEstop(false);
      await new Promise<void>((resolve) => sim.after(50, resolve));
      await driver.resetAlarms();
      const record = await runPlan(plan, driver, autoConfirmOperator, { serial: 'FMT-after-reset', clock: transport.clock });
      expect(record.outcome).toBe('PASS');
    });
  });

  it('PASS lights the lamp and beeps once; FAIL leaves it dark and beeps three times', async () => {
    await withRig('good-831-1104-10mm2', async ({ driver, transport }, sim) => {
      const record = await runPlan(electrical(driver), driver, autoConfirmOperator, { serial: 'FMT-pass', clock: transport.clock });
      expect(record.outcome).toBe('PASS');
      expect(sim.lampOn).toBe(true);
      await new Promise<void>((resolve) => sim.after(50, resolve));
      expect(sim.buzzer.edges).toBe(2 * rig.signals.passBeeps);
      expect(sim.buzzer.onMs).toBeCloseTo(rig.signals.passBeeps * rig.signals.beepMs, -1);
    });
    await withRig('swap-1-2', async ({ driver, transport }, sim) => {
      const record = await runPlan(electrical(driver), driver, autoConfirmOperator, { serial: 'FMT-fail', clock: transport.clock });
      expect(record.outcome).toBe('FAIL');
      await new Promise<void>((resolve) => sim.after(50, resolve));
      expect(sim.lampOn).toBe(false);
      expect(sim.buzzer.edges).toBe(2 * rig.signals.failBeeps);
      expect(sim.buzzer.onMs).toBeCloseTo(rig.signals.failBeeps * rig.signals.beepMs, -1);
    });
  });
});
