import { describe, expect, it } from 'vitest';
import { runPlan } from '../../host/runner/run-plan.js';
import type { RunEvent } from '../../host/runner/run-events.js';
import { NO_THERMOMETER_NOTE } from '../../host/runner/steps/ambient-condition.js';
import { slopeKPerHour } from '../../host/runner/steps/equilibrium.js';
import { ManualClock } from '../link/manual-clock.js';
import { FakeDriver } from './fixtures/fake-driver.js';
import { insertPrompt, productionQcLike, temperatureRise } from './fixtures/plans.js';
import { ScriptedOperator } from './fixtures/scripted-operator.js';

// A pole that heats like the first-order model of the simulator: 20 K rise, time constant 300 s,
// read in the thermocouple converter's 0.25 °C steps.
const AMBIENT_C = 23;
const RISE_K = 20;
const TAU_S = 300;

function heatingDriver(clock: ManualClock): FakeDriver {
  const driver = new FakeDriver();
  let onAtMs: number | null = null;
  const heatOn = driver.heatOn.bind(driver);
  driver.heatOn = async (pole, currentA) => {
    onAtMs = clock.now();
    return heatOn(pole, currentA);
  };
  driver.readTemperatureC = async () => {
    driver.calls.push(`readTemperatureC ${driver.currentOn ? 'on' : 'off'}`);
    const t = onAtMs === null ? 0 : (clock.now() - onAtMs) / 1000;
    return Math.round((AMBIENT_C + RISE_K * (1 - Math.exp(-t / TAU_S))) * 4) / 4;
  };
  return driver;
}

async function runWithClock(clock: ManualClock, run: Promise<unknown>): Promise<void> {
  let finished = false;
  void run.finally(() => (finished = true));
  while (!finished) await clock.advance(5000);
}

describe('temperature rise', () => {
  it('heats until the slope falls below the equilibrium figure, switches the current off, and judges temperature and rise', async () => {
    const clock = new ManualClock();
    const driver = heatingDriver(clock);
    const events: RunEvent[] = [];
    const plan = productionQcLike({ unitSteps: [], poleSteps: [insertPrompt, { ...temperatureRise, optional: false }], poles: [2] });
    const run = runPlan(plan, driver, new ScriptedOperator(driver), { serial: 'H', clock, onEvent: (e) => events.push(e) });
    await runWithClock(clock, run);
    const record = await run;
    const step = record.poles[0]?.steps[1];
    const attempt = step?.attempts[0];
    const temps = attempt?.temperatures ?? [];
    // Slope of the model: RISE_K/TAU_S · e^(−t/τ) · 3600 K/h falls below 1 K/h after τ·ln(240) ≈ 1644 s; the
    // fit over a 600 s window lags that by about half a window.
    const lastS = temps.at(-1)?.tS ?? 0;
    expect(lastS).toBeGreaterThan(1644);
    expect(lastS).toBeLessThan(2400);
    expect(step?.outcome).toBe('PASS');
    expect(attempt?.measurements.map((m) => [m.name, m.value, m.verdict])).toEqual([
      ['temperature', 43, 'PASS'],
      ['rise', 20, 'PASS'],
      // The reading before the current went on is the ambient the rise ran in: 23 °C within 25 °C ± 15 K.
      ['ambient', 23, 'PASS'],
      ['final-slope', expect.any(Number), 'PASS'],
    ]);
    expect(Math.abs(attempt?.measurements[3]?.value ?? 99)).toBeLessThan(1);
    expect(driver.calls.slice(0, 5)).toEqual(['heatOff', 'confirm insert 2', 'readTemperatureC off', 'heatOn 2 41', 'readTemperatureC on']);
    expect(driver.calls.slice(-2)).toEqual(['heatOff', 'makeSafe']);
    expect(events.filter((e) => e.kind === 'temperature')).toHaveLength(temps.length - 1);
  });

  it('stops at the maximum duration without equilibrium and judges what it reached', async () => {
    const clock = new ManualClock();
    const driver = heatingDriver(clock);
    const step = { ...temperatureRise, optional: false, maxDurationS: 300, limits: { ...temperatureRise.limits, riseK: { unit: 'K', high: 10, source: 'test limit' } } };
    const run = runPlan(productionQcLike({ unitSteps: [], poleSteps: [step], poles: [1] }), driver, new ScriptedOperator(driver), { serial: 'H2', clock });
    await runWithClock(clock, run);
    const record = await run;
    const attempt = record.poles[0]?.steps[0]?.attempts[0];
    expect(attempt?.temperatures?.at(-1)?.tS).toBe(300);
    expect(attempt?.measurements.map((m) => m.name)).toEqual(['temperature', 'rise', 'ambient']);
    expect(record.poles[0]?.steps[0]?.cause).toBe('temperature rise 12.75 K > 10 K (test limit)');
    expect(driver.currentOn).toBe(false);
  });

  it('fits the slope over the window only once the readings span it', () => {
    const points = [0, 300, 600].map((tS) => ({ tS, tempC: 20 + tS / 3600 }));
    expect(slopeKPerHour(points.slice(0, 2), 600)).toBeNull();
    expect(slopeKPerHour(points, 600)).toBeCloseTo(1, 9);
  });

  it('fits the slope once readings taken every 5 s plus a read time span the window (none falls on its start exactly)', () => {
    // 5.013 s apart: the polling period and the temperature request's round trip
    const points = Array.from({ length: 200 }, (_, i) => ({ tS: i * 5.013, tempC: 43.25 }));
    expect(slopeKPerHour(points.slice(0, 119), 600)).toBeNull(); // 591.5 s: not yet the window
    expect(slopeKPerHour(points.slice(0, 121), 600)).toBe(0); // 601.6 s
    const rising = points.map((p) => ({ ...p, tempC: 20 + (2 * p.tS) / 3600 }));
    expect(slopeKPerHour(rising, 600)).toBeCloseTo(2, 9);
  });
});

describe('the ambient as a test condition', () => {
  it('a temperature rise starting at 41 °C (outside 25 °C ± 15 K) is ERROR "condition not met" without heating', async () => {
    const driver = new FakeDriver();
    driver.temperatures = [41];
    const step = { ...temperatureRise, optional: false };
    const record = await runPlan(productionQcLike({ unitSteps: [], poleSteps: [step], poles: [1] }), driver, new ScriptedOperator(driver), { serial: 'H3' });
    const rise = record.poles[0]?.steps[0];
    expect(rise).toMatchObject({ outcome: 'ERROR', cause: 'condition not met: temperature 41.00 °C (ambient at the start), outside 25 °C ± 15 K' });
    expect(rise?.attempts[0]?.measurements).toMatchObject([{ name: 'ambient', value: 41, unit: '°C', verdict: 'FAIL', condition: { nominal: 25 }, limits: { low: 10, high: 40 } }]);
    expect(driver.rigCommands.filter((c) => c.startsWith('heatOn'))).toEqual([]);
  });

  it('a rig without a thermometer records no temperature for the voltage drop and says so', async () => {
    const driver = new FakeDriver(['vdrop', 'iso', 'pull']);
    const record = await runPlan(productionQcLike({ poles: [1] }), driver, new ScriptedOperator(driver), { serial: 'NT' });
    const attempt = record.poles[0]?.steps[1]?.attempts[0];
    expect(record.poles[0]?.steps[1]?.outcome).toBe('PASS');
    expect(attempt?.measurements.map((m) => m.name)).not.toContain('ambient');
    expect(attempt?.notes).toEqual([NO_THERMOMETER_NOTE]);
    expect(driver.calls).not.toContain('readTemperatureC');
  });
});
