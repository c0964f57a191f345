import five from 'johnny-five';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adcVoltsPerCount, setpointDuty } from '../../rigs/firmata-continuity/rig-definition.js';
import { analogReadings, mean, openFirmataSim, simDelay, standardFirmataAvailable, type FirmataSimSession } from './support/firmata-sim-board.js';

// StandardFirmata in the fast simulator, driven by johnny-five through the sim port at 57600 baud.
// Expected ADC counts come from the DUT twin's truth and rig.yaml's gains. The good scenario's ADC
// noise is 1 LSB (sigma) and the converter truncates, so a reading is floor(V/LSB + noise): its
// mean is V/LSB - 0.5. Tolerances: every reading within 5 LSB of that, the mean of 20 within 1 LSB.
const READING_TOLERANCE_LSB = 5;
const MEAN_TOLERANCE_LSB = 1;
const READINGS = 20;
/** rig.yaml current.settleMs is 60; commands also need a few ms to reach the board. */
const SETTLE_MS = 80;

const available = await standardFirmataAvailable();

describe.skipIf(!available)('the Firmata rig simulator under johnny-five: Kelvin relays and current source', () => {
  let session: FirmataSimSession;
  beforeAll(async () => {
    session = await openFirmataSim('good-831-1104-10mm2', 10);
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Both amplifier channels after the settle time, as johnny-five reports them. */
  async function readAmplifiers(): Promise<{ sense: number[]; shunt: number[] }> {
    const { sim, io } = session;
    await simDelay(sim, SETTLE_MS);
    const [sense, shunt] = await Promise.all([analogReadings(io, sim.rig.pins.senseAdc, READINGS), analogReadings(io, sim.rig.pins.shuntAdc, READINGS)]);
    return { sense, shunt };
  }

  function expectCounts(readings: number[], volts: number): void {
    const expected = volts / adcVoltsPerCount(session.sim.rig) - 0.5;
    expect(readings).toHaveLength(READINGS);
    for (const reading of readings) expect(Math.abs(reading - expected)).toBeLessThanOrEqual(READING_TOLERANCE_LSB);
    expect(Math.abs(mean(readings) - expected)).toBeLessThanOrEqual(MEAN_TOLERANCE_LSB);
  }

  it('closes Kelvin relay 1 when johnny-five closes a normally-open Relay on pin 4, and only that relay', async () => {
    const { sim, board } = session;
    const relay = new five.Relay({ pin: 4, type: 'NO', board });
    relay.close();
    await simDelay(sim, SETTLE_MS);
    expect(sim.relays).toEqual({ kelvin: [true, false, false, false], iso: [false, false, false, false] });
    relay.open();
    await simDelay(sim, SETTLE_MS);
    expect(sim.relays.kelvin).toEqual([false, false, false, false]);
  });

  it('drives the set current through each pole; the sense and shunt readings match current × resistance × gain', async () => {
    const { sim, io, board } = session;
    const { current } = sim.rig;
    const { duty, setpointA } = setpointDuty(sim.rig, 5);
    expect(duty).toBe(128);
    io.pinMode(sim.rig.pins.currentSetpoint, io.MODES.PWM);
    io.analogWrite(sim.rig.pins.currentSetpoint, duty);
    expect(sim.rig.pins.kelvinRelays).toHaveLength(sim.dutTruth.poles.length);
    expect(sim.dutTruth.poles).toHaveLength(4);
    for (const [k, pin] of sim.rig.pins.kelvinRelays.entries()) {
      const relay = new five.Relay({ pin, type: 'NO', board });
      relay.close();
      const { sense, shunt } = await readAmplifiers();
      const poleOhm = (sim.dutTruth.poles[k]?.params.contactResistanceMilliohm ?? NaN) / 1000;
      const currentA = setpointA * (1 + sim.scenario.currentSource.gainError);
      expect(sim.currentA).toBeCloseTo(currentA, 9);
      expectCounts(sense, currentA * poleOhm * current.senseGain);
      expectCounts(shunt, currentA * (current.shuntMilliohm / 1000) * current.shuntGain);
      relay.open();
    }
  });

  it('takes analogWrite 255 and 0 (a plain digital write in the Arduino core) as full scale and off', async () => {
    const { sim, io, board } = session;
    const { current, pins } = sim.rig;
    const relay = new five.Relay({ pin: pins.kelvinRelays[0] as number, type: 'NO', board });
    relay.close();
    io.pinMode(pins.currentSetpoint, io.MODES.PWM);
    io.analogWrite(pins.currentSetpoint, 255);
    const full = await readAmplifiers();
    expect(sim.currentA).toBeCloseTo(current.ampsPerVolt * 5, 9);
    expectCounts(full.shunt, current.ampsPerVolt * 5 * (current.shuntMilliohm / 1000) * current.shuntGain);
    io.analogWrite(pins.currentSetpoint, 0);
    const off = await readAmplifiers();
    expect(sim.currentA).toBe(0);
    expect(Math.max(...off.shunt)).toBeLessThanOrEqual(READING_TOLERANCE_LSB);
    relay.open();
  });

  it('gives 0 A and logs a driver fault while two Kelvin relays are closed', async () => {
    const { sim, io, board } = session;
    const { pins } = sim.rig;
    io.pinMode(pins.currentSetpoint, io.MODES.PWM);
    io.analogWrite(pins.currentSetpoint, 128);
    const first = new five.Relay({ pin: pins.kelvinRelays[0] as number, type: 'NO', board });
    const second = new five.Relay({ pin: pins.kelvinRelays[1] as number, type: 'NO', board });
    first.close();
    second.close();
    const { shunt } = await readAmplifiers();
    expect(sim.relays.kelvin).toEqual([true, true, false, false]);
    expect(sim.currentA).toBe(0);
    expect(Math.max(...shunt)).toBeLessThanOrEqual(READING_TOLERANCE_LSB);
    expect(sim.events.some((event) => event.kind === 'fault' && event.detail.startsWith('Kelvin relays 1 and 2 closed at once'))).toBe(true);
    first.open();
    second.open();
  });
});
