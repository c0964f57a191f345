import { describe, expect, it } from 'vitest';
import { parse as parseDone } from '../../firmware-protocol/codec/messages/done.js';
import { driverBehindDoneDamage } from '../support/done-damaging-link.js';

/** Issue 18: a DONE damaged on the line is recovered within this (simulated) time by asking RESULT. */
const RECOVERY_LIMIT_MS = 2000;

describe('a DONE line damaged on the way (PROTOCOL.md 3.5, RESULT)', () => {
  it(`a pull's end comes from RESULT within ${RECOVERY_LIMIT_MS} ms, with the values of the lost line`, async () => {
    const { sim, link, driver, client } = await driverBehindDoneDamage('PULL');
    try {
      const reading = await driver.pull(1, { forceN: 40, rateNps: 100, holdMs: 500, preloadN: 2, approachMmps: 2, slipLimitMm: 0.5 });
      const endedAtMs = sim.timeMs;
      expect(link.damaged).toHaveLength(1);
      const lost = link.damaged[0] as { line: string; atMs: number };
      const truth = parseDone(lost.line.slice(0, lost.line.lastIndexOf('*')));
      expect(truth?.operation).toBe('PULL');
      expect(reading.doneRecovered).toBe(true);
      expect(reading).toMatchObject({ result: 'held', peakN: truth && 'peakN' in truth ? truth.peakN : NaN, holdMinN: truth && 'holdMinN' in truth ? truth.holdMinN : NaN });
      const recoveryMs = endedAtMs - lost.atMs;
      console.log(`DONE:PULL damaged at ${lost.atMs.toFixed(1)} ms; the pull's end known ${recoveryMs.toFixed(1)} ms later (RESULT); ${client.linkCounts().damagedLines} damaged line(s)`);
      expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
      // Nothing was lost either: every sample arrived and the recovered end says how many there were.
      expect(reading.samplesLost).toBe(0);
    } finally {
      await driver.close();
    }
  });

  it(`a HOME whose DONE is damaged ends within ${RECOVERY_LIMIT_MS} ms too`, async () => {
    const { sim, link, driver } = await driverBehindDoneDamage('HOME');
    try {
      await driver.homePuller?.();
      expect(link.damaged).toHaveLength(1);
      const lost = link.damaged[0] as { line: string; atMs: number };
      expect(sim.timeMs - lost.atMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    } finally {
      await driver.close();
    }
  });
});
