import { describe, expect, it } from 'vitest';
import type { TestRecord } from '../../host/runner/test-record.js';
import { runNoisyUnits } from '../support/noisy-units.js';

/**
 * Issue 18, item 8: 100 production-qc units (built-in plan, 4 poles: isolation, voltage drop, a 2 s pull)
 * through the real runner, Uno driver, LineClient and firmware in the simulator, on a line with 1e-2 bit
 * errors per byte in both directions, give exactly the verdicts of a clean line. Each unit has its own
 * noise seed and a freshly booted rig (about 4 s of wall time each in fast mode). `npm run bench -- --only
 * noise` runs the same units and prints the time figures.
 */
const UNITS = 100;
/** The bar: at least 99 of 100 units with the clean line's verdicts, and never another verdict. */
const IDENTICAL_AT_LEAST = 99;
const NOISE_PER_BYTE = 1e-2;
const RUN_TIMEOUT_MS = 1_800_000;

describe(`production-qc on a line with ${NOISE_PER_BYTE} bit errors per byte`, () => {
  it(
    `${UNITS} units: every verdict given is the clean line's, step by step; damaged DONE lines recovered`,
    async () => {
      const clean = await runNoisyUnits({ units: 1, errorPerByte: 0, seed: 1 });
      // Why each ERROR step of each unit ended so, by serial.
      const causes = new Map<string, string[]>();
      const onRecord = (record: TestRecord): void => {
        const steps = [...record.unitSteps, ...record.poles.flatMap((pole) => pole.steps), ...record.unitStepsAfter];
        causes.set(record.serial, steps.filter((step) => step.outcome === 'ERROR').map((step) => step.cause ?? ''));
      };
      const noisy = await runNoisyUnits({ units: UNITS, errorPerByte: NOISE_PER_BYTE, seed: 1800, onRecord });
      console.log(
        `clean: ${clean.verdicts[0]}\nnoisy: ${UNITS} units, ${noisy.retries} retries ${JSON.stringify(noisy.retriesByReason)}, ${noisy.damagedLines} damaged lines, ` +
          `${noisy.donesRecovered} DONE lines recovered through RESULT, ${noisy.hostBytesChanged} + ${noisy.deviceBytesChanged} bytes changed by the noise`,
      );
      expect(clean.verdicts[0]).toMatch(/^PASS /);
      // Never a verdict other than the clean line's: a unit either has exactly its verdicts, step by step, or
      // (at most one in 100) says it could not be tested: NO RECORD / NOT CONNECTED with the reason, or an ERROR
      // step because the link gave no usable reply in all its attempts (every other step the clean line's
      // verdict, or SKIPPED after that rig error). An ERROR for any other cause (a refusal) is a wrong verdict.
      const cleanSteps = clean.verdicts[0]!.split(' ');
      const untestable = (verdict: string, unit: number): boolean => {
        if (/^(NO RECORD|NOT CONNECTED): /.test(verdict)) return true;
        const steps = verdict.split(' ');
        const errors = causes.get(`NOISY-${unit + 1}`) ?? [];
        const linkGaveUp = errors.length > 0 && errors.every((cause) => /: no reply within \d+ ms \(\d+ attempts\)$/.test(cause));
        return steps[0] === 'ERROR' && linkGaveUp && steps.slice(1).every((step, i) => step === cleanSteps[i + 1] || /:(ERROR|SKIPPED)$/.test(step));
      };
      const recorded = noisy.verdicts.filter((v, unit) => !untestable(v, unit));
      expect(recorded).toEqual(Array.from({ length: recorded.length }, () => clean.verdicts[0]));
      expect(recorded.length).toBeGreaterThanOrEqual(IDENTICAL_AT_LEAST);
      // The noise was real: lines damaged both ways, retries made, and no reply ever answered differently.
      expect(noisy.hostBytesChanged).toBeGreaterThan(0);
      expect(noisy.deviceBytesChanged).toBeGreaterThan(0);
      expect(noisy.retries).toBeGreaterThan(0);
      expect(noisy.conflictingReplies).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
