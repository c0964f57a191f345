import five from 'johnny-five';
import { afterEach, describe, expect, it } from 'vitest';
import { adcVoltsPerCount } from '../../rigs/firmata-continuity/rig-definition.js';
import { analogReadings, mean, openFirmataSim, simDelay, standardFirmataAvailable, type FirmataSimSession } from './support/firmata-sim-board.js';

// Isolation drive through the iso relays, far-end terminals through their dividers into A2..A5,
// read by johnny-five. A terminal counts as reached when its mean reading is above rig.yaml's
// isolation.thresholdV (before the divider); the twin's truth for the wired terminal is
// driveV x senseInputOhm / (seriesOhm + senseInputOhm) = 4.95 V, far above 2.5 V.
const READINGS = 10;
const SETTLE_MS = 40;

const available = await standardFirmataAvailable();

let session: FirmataSimSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Close iso relay `pole` alone and return each far-end terminal's mean reading (index k = terminal k+1). */
async function farEndMeans(open: FirmataSimSession, pole: number): Promise<number[]> {
  const { sim, io, board } = open;
  const relay = new five.Relay({ pin: sim.rig.pins.isoRelays[pole - 1] as number, type: 'NO', board });
  relay.close();
  await simDelay(sim, SETTLE_MS);
  const readings = await Promise.all(sim.rig.pins.farEndAdc.map((channel) => analogReadings(io, channel, READINGS)));
  relay.open();
  await simDelay(sim, SETTLE_MS);
  return readings.map(mean);
}

/** rig.yaml's threshold in ADC counts at the divider output. */
function thresholdCounts(open: FirmataSimSession): number {
  const { isolation } = open.sim.rig;
  return (isolation.thresholdV * isolation.dividerRatio) / adcVoltsPerCount(open.sim.rig);
}

/** Terminals above the threshold, 1-based. */
function reached(means: number[], threshold: number): number[] {
  return means.flatMap((counts, k) => (counts > threshold ? [k + 1] : []));
}

describe.skipIf(!available)('the Firmata rig simulator under johnny-five: isolation and wiring', () => {
  it('reads only the wired far-end terminal high when a pole is driven (good unit)', async () => {
    session = await openFirmataSim('good-831-1104-10mm2', 10);
    const threshold = thresholdCounts(session);
    const { isolation } = session.sim.rig;
    const wiredV = (isolation.driveV * isolation.senseInputOhm) / (isolation.seriesOhm + isolation.senseInputOhm);
    for (let pole = 1; pole <= 4; pole++) {
      const means = await farEndMeans(session, pole);
      expect(reached(means, threshold)).toEqual([pole]);
      // The pole's few hundred micro-ohms change nothing at this resolution: the twin's wired-terminal voltage, within 1 LSB.
      const expected = (wiredV * isolation.dividerRatio) / adcVoltsPerCount(session.sim.rig) - 0.5;
      expect(Math.abs((means[pole - 1] as number) - expected)).toBeLessThanOrEqual(1);
      expect(session.sim.dutTruth.poles[pole - 1]?.farEnd).toBe(pole);
    }
  });

  it('reads the swapped terminals for swap-1-2 (poles 1 and 2 reach terminals 2 and 1)', async () => {
    session = await openFirmataSim('swap-1-2', 10);
    const threshold = thresholdCounts(session);
    expect(reached(await farEndMeans(session, 1), threshold)).toEqual([2]);
    expect(reached(await farEndMeans(session, 2), threshold)).toEqual([1]);
    expect(reached(await farEndMeans(session, 3), threshold)).toEqual([3]);
    expect(session.sim.dutTruth.poles.map((pole) => pole.farEnd)).toEqual([2, 1, 3, 4]);
  });

  it('finds no Kelvin path through a swapped pole: the source gives 0 A (an open circuit for the driver)', async () => {
    session = await openFirmataSim('swap-1-2', 10);
    const { sim, io, board } = session;
    const { pins } = sim.rig;
    const relay = new five.Relay({ pin: pins.kelvinRelays[0] as number, type: 'NO', board });
    relay.close();
    io.pinMode(pins.currentSetpoint, io.MODES.PWM);
    io.analogWrite(pins.currentSetpoint, 128);
    await simDelay(sim, 80);
    expect(sim.setpointV).toBeCloseTo((128 / 255) * 5, 9);
    expect(sim.currentA).toBe(0);
    const shunt = await analogReadings(io, pins.shuntAdc, READINGS);
    expect(Math.max(...shunt)).toBeLessThanOrEqual(5);
  });
});
