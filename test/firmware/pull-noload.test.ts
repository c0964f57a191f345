import { describe, expect, it } from 'vitest';
import { lastOperationFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { requests } from '../../firmware-protocol/generated/commands.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { openFirmwareSession } from '../support/firmware-session.js';
import { runPull, sampleNumbersAreGapless } from '../support/pull.js';

const scenarioDir = new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url);
const scenario = (file: string): string => new URL(file, scenarioDir).pathname;

const rig = loadRigDefinition();
const { maxSlackMm, approachSpeedMmps, maxSpeedMmps } = rig.motion;
const PRELOAD_N = 2;
/** The type-test's pull: 90 N at 10 N/s held 60 s; on an empty pole it never gets past the approach. */
const TYPE_TEST_PULL = [90, 10, 60_000];
/** Approach through the slack, then back home at full speed, at nominal speeds. */
const nominalDurMs = (approachMmps: number): number => (maxSlackMm / approachMmps + maxSlackMm / maxSpeedMmps) * 1000;
/** The simulated stepper runs a few % under its nominal speeds (11.21 s for the nominal 11 s at 0.5 mm/s). */
const SPEED_MARGIN = 1.1;

describe('PULL on a pole with nothing in the grip (result=noload)', () => {
  it('ends after maxSlackMm of approach without the preload, goes home, latches nothing, and RESULT reports it', async () => {
    const session = await openFirmwareSession({ scenario: scenario('empty-pole-2.yaml') });
    try {
      await session.client.request('POLE', [2]);
      const { done, samples } = await runPull(session, TYPE_TEST_PULL);
      expect(done).toMatchObject({ result: 'noload', holdMinN: 0, holdMaxN: 0, slipMm: 0 });
      expect(done.alarm).toBeUndefined();
      expect(done.peakN).toBeLessThan(PRELOAD_N);
      // 5 mm at 0.5 mm/s plus 5 mm back at 5 mm/s: 11 s, where the whole 60 mm travel took 2 minutes and an alarm.
      expect(done.durationMs).toBeGreaterThanOrEqual(nominalDurMs(approachSpeedMmps));
      expect(done.durationMs).toBeLessThanOrEqual(nominalDurMs(approachSpeedMmps) * SPEED_MARGIN);
      expect(sampleNumbersAreGapless(samples)).toBe(true);
      expect(done.lastSampleNumber).toBe(samples.length);
      const farthestMm = Math.max(...samples.map((s) => s.posMm));
      expect(farthestMm).toBeGreaterThan(maxSlackMm);
      expect(farthestMm).toBeLessThan(maxSlackMm + 0.05);

      // No alarm of any kind, back at home with the position still known: the next pull needs no HOME.
      expect(session.lines.filter((line) => line.startsWith('ALARM:'))).toEqual([]);
      expect(Math.abs(session.sim.world.posMm)).toBeLessThan(0.01);
      const status = await session.client.request(...requests.status());
      expect(status.fields).toMatchObject({ state: 'IDLE', alarms: '-', homed: '1', home: '1' });

      // A lost DONE is recovered by asking: RESULT carries the same end.
      const result = lastOperationFromFields((await session.client.request(...requests.result())).fields);
      expect(result).toEqual({ state: 'ended', opId: expect.any(Number), done });

      // The rig tests the next pole at once.
      await session.client.request('POLE', [3]);
      const next = await runPull(session, [45, 100, 500, PRELOAD_N, 2]);
      expect(next.done.result).toBe('held');
    } finally {
      session.close();
    }
  });

  it('ends the same way when the conductor conducts but the clamp lets it slide out below the preload', async () => {
    const session = await openFirmwareSession({ scenario: scenario('loose-conductor-pole-2.yaml') });
    try {
      await session.client.request('POLE', [2]);
      const approachMmps = 2;
      const { done } = await runPull(session, [45, 100, 2000, PRELOAD_N, approachMmps]);
      expect(done.result).toBe('noload');
      // Truth: the clamp let go at 1 N; the firmware saw that much during the approach, never the preload.
      expect(session.sim.world.poles[1]?.pulledOut).toBe(true);
      expect(done.peakN).toBeGreaterThan(0.5);
      expect(done.peakN).toBeLessThan(PRELOAD_N);
      expect(done.durationMs).toBeLessThanOrEqual(nominalDurMs(approachMmps) * SPEED_MARGIN);
      expect(session.lines.filter((line) => line.startsWith('ALARM:'))).toEqual([]);
    } finally {
      session.close();
    }
  });
});
