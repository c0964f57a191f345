import { describe, expect, it } from 'vitest';
import { runNoisyUnits } from '../support/noisy-units.js';

/**
 * Issue 18, item 8: production-qc units (built-in plan, 4 poles: isolation, voltage drop, a 2 s pull)
 * through the real runner, Uno driver, LineClient and firmware in the simulator, on a line with 1e-2 bit
 * errors per byte in both directions, give exactly the verdicts of a clean line. Each unit has its own
 * noise seed. `npm run bench -- --only noise` runs 100 units and prints the figures.
 */
const UNITS = 8;
const NOISE_PER_BYTE = 1e-2;
const RUN_TIMEOUT_MS = 900_000;

describe(`production-qc on a line with ${NOISE_PER_BYTE} bit errors per byte`, () => {
  it(
    `${UNITS} units: every verdict given is the clean line's, step by step; damaged DONE lines recovered`,
    async () => {
      const clean = await runNoisyUnits({ units: 1, errorPerByte: 0, seed: 1 });
      const noisy = await runNoisyUnits({ units: UNITS, errorPerByte: NOISE_PER_BYTE, seed: 1800 });
      console.log(
        `clean: ${clean.verdicts[0]}\nnoisy: ${UNITS} units, ${noisy.retries} retries ${JSON.stringify(noisy.retriesByReason)}, ${noisy.damagedLines} damaged lines, ` +
          `${noisy.donesRecovered} DONE lines recovered through RESULT, ${noisy.hostBytesChanged} + ${noisy.deviceBytesChanged} bytes changed by the noise`,
      );
      expect(clean.verdicts[0]).toMatch(/^PASS /);
      // Every unit tested, each with exactly the clean line's verdicts, step by step.
      expect(noisy.verdicts).toEqual(Array.from({ length: UNITS }, () => clean.verdicts[0]));
      // The noise was real: lines damaged both ways, retries made, and no reply ever answered differently.
      expect(noisy.hostBytesChanged).toBeGreaterThan(0);
      expect(noisy.deviceBytesChanged).toBeGreaterThan(0);
      expect(noisy.retries).toBeGreaterThan(0);
      expect(noisy.conflictingReplies).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
