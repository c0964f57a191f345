import { describe, expect, it } from 'vitest';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { defaultScenarioFile, loadScenario, poleParams } from '../../rigs/uno-pull/sim/scenario.js';
import { openFirmwareSession } from '../support/firmware-session.js';

// Temperature through the MAX31855 model while HEAT drives the rated current through pole 1.
// Truth: the first-order thermal model, dT = P·Rth·(1 − e^(−t/τ)), P = I²·R. The time constant
// is shortened to 5 s so the test sees most of the rise in a few simulated seconds.
const RATED_CURRENT_A = 41; // datasheet, IEC rating of the 831-1104/322-004
const TIME_CONSTANT_S = 5;
const THERMOCOUPLE_STEP_C = 0.25;

describe('temperature rise (HEAT, TEMP)', () => {
  it('reads the heated pole within the converter resolution of the thermal truth', async () => {
    const base = loadScenario(defaultScenarioFile, loadRigDefinition());
    const scenario = { ...base, name: 'fast thermal', poleDefaults: { ...base.poleDefaults, timeConstantS: TIME_CONSTANT_S } };
    const session = await openFirmwareSession({ scenario });
    const { client, sim } = session;
    try {
      const ambient = Number((await client.request('TEMP')).fields.tempC);
      expect(Math.abs(ambient - scenario.ambientC)).toBeLessThanOrEqual(THERMOCOUPLE_STEP_C);

      await client.request('POLE', [1]);
      const stopKeepAlive = session.keepAlive();
      await client.request('HEAT', [RATED_CURRENT_A]);
      const onAtMs = sim.timeMs;
      await session.sleep(10_000);
      const reading = Number((await client.request('TEMP')).fields.tempC);
      const heatedS = (sim.timeMs - onAtMs) / 1000;
      await client.request('HEAT', [0]);
      stopKeepAlive();

      const pole = poleParams(scenario, 1);
      const powerW = RATED_CURRENT_A ** 2 * (pole.contactResistanceMilliohm / 1000);
      const analyticRiseK = powerW * pole.thermalResistanceKPerW * (1 - Math.exp(-heatedS / TIME_CONSTANT_S));
      const truth = sim.world.poles[0]?.temperatureC ?? NaN;
      expect(reading - scenario.ambientC).toBeGreaterThan(15);
      expect(Math.abs(truth - (scenario.ambientC + analyticRiseK))).toBeLessThan(0.3);
      // The MAX31855 converts about every 100 ms and reports in 0.25 °C steps.
      expect(Math.abs(reading - truth)).toBeLessThanOrEqual(0.5);
      expect(sim.world.currentEnabled).toBe(false);
    } finally {
      session.close();
    }
  });
});
