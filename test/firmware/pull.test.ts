import { describe, expect, it } from 'vitest';
import { AlarmCode } from '../../firmware-protocol/generated/codes.js';
import { openFirmwareSession } from '../support/firmware-session.js';
import { runPull, sampleNumbersAreGapless } from '../support/pull.js';

const scenarioDir = new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url);
const scenario = (file: string): string => new URL(file, scenarioDir).pathname;

const IEC_60999_FORCE_10MM2_N = 90;
const HOLD_TOLERANCE_N = 1;

describe('pull profile (PULL) through the real firmware', () => {
  it('pulls a good pole to 90 N, holds it within ±1 N, streams gapless samples and returns home', async () => {
    const session = await openFirmwareSession();
    try {
      await session.client.request('POLE', [1]);
      const holdMs = 3000;
      const { done, samples } = await runPull(session, [IEC_60999_FORCE_10MM2_N, 30, holdMs]);
      expect(done.result).toBe('held');
      expect(done.holdMinN).toBeGreaterThanOrEqual(IEC_60999_FORCE_10MM2_N - HOLD_TOLERANCE_N);
      expect(done.holdMaxN).toBeLessThanOrEqual(IEC_60999_FORCE_10MM2_N + HOLD_TOLERANCE_N);
      expect(done.slipMm).toBeLessThan(0.05);

      // Samples: numbered 1..n with no gap, the last number announced by DONE, one per control period.
      expect(samples.length).toBeGreaterThan(100);
      expect(sampleNumbersAreGapless(samples)).toBe(true);
      expect(done.lastSampleNumber).toBe(samples.length);
      const periods = samples.slice(1).map((s, i) => s.tMs - (samples[i]?.tMs ?? 0));
      expect(Math.max(...periods)).toBeLessThanOrEqual(26);

      // Samples during the hold (the last holdMs before release) stay inside the band too.
      const peakIndex = samples.findIndex((s) => s.forceN >= IEC_60999_FORCE_10MM2_N - HOLD_TOLERANCE_N);
      const holdSamples = samples.filter((s, i) => i > peakIndex && s.tMs <= (samples[peakIndex]?.tMs ?? 0) + holdMs - 100);
      expect(holdSamples.length).toBeGreaterThan(holdMs / 12.5 / 2);
      for (const s of holdSamples) expect(Math.abs(s.forceN - IEC_60999_FORCE_10MM2_N)).toBeLessThanOrEqual(HOLD_TOLERANCE_N);

      // Back at home, motor released, conductor still in the clamp.
      const world = session.sim.world;
      expect(Math.abs(world.posMm)).toBeLessThan(0.01);
      expect(world.poles[0]?.pulledOut).toBe(false);
    } finally {
      session.close();
    }
  });

  it('detects slip during the hold on a weak clamp', async () => {
    const session = await openFirmwareSession({ scenario: scenario('slip-pole-2.yaml') });
    try {
      await session.client.request('POLE', [2]);
      const { done, samples } = await runPull(session, [IEC_60999_FORCE_10MM2_N, 30, 20_000]);
      expect(done.result).toBe('slip');
      expect(done.slipMm).toBeGreaterThan(0.5);
      expect(sampleNumbersAreGapless(samples)).toBe(true);
      // Truth: the conductor really slid in the clamp, by at least what the firmware saw.
      expect(session.sim.world.poles[1]?.slipMm).toBeGreaterThan(0.5);
      expect(session.sim.world.poles[1]?.pulledOut).toBe(false);
    } finally {
      session.close();
    }
  });

  it('detects a pull-out (force collapse) and stops', async () => {
    const session = await openFirmwareSession({ scenario: scenario('pullout-pole-3.yaml') });
    try {
      await session.client.request('POLE', [3]);
      const alarm = session.client.waitFor('alarm', (a) => a.code === AlarmCode.PULLOUT, 60_000);
      const { done } = await runPull(session, [IEC_60999_FORCE_10MM2_N, 30, 5000]);
      expect(done.result).toBe('pullout');
      await alarm;
      const truth = session.sim.world.poles[2];
      expect(truth?.pulledOut).toBe(true);
      // The firmware's peak is the force at which the clamp let go (truth within load-cell noise).
      expect(Math.abs(done.peakN - (truth?.pullOutForceN ?? 0))).toBeLessThan(1.5);
      // A non-latching alarm: the rig takes the next command.
      await expect(session.client.request('PING')).resolves.toMatchObject({ kind: 'ok' });
    } finally {
      session.close();
    }
  });
});
