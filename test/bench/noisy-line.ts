import { driverBehindDoneDamage } from '../support/done-damaging-link.js';
import { runNoisyUnits } from '../support/noisy-units.js';
import { figure, type Figure } from './table.js';

const NOISE_PER_BYTE = 1e-2;
/** Unit n's noise is seeded with NOISE_SEED + n. */
const NOISE_SEED = 1800;

/**
 * Production-qc units on a clean line and on a line with 1e-2 bit errors per byte both ways (each unit its
 * own seed, each on a freshly booted simulated rig in fast mode): how many give the clean line's verdicts,
 * and what the noise costs in test time (the runner's own clock, rig time: handshakes excluded) and in wall
 * time (handshakes included: a fresh rig per unit is this bench's choice, a station connects once).
 */
export async function noisyLineFigures(units: number, progress: (text: string) => void): Promise<Figure[]> {
  let cleanTestMs = 0;
  let noisyTestMs = 0;
  const clean = await runNoisyUnits({ units: 1, errorPerByte: 0, seed: 1, onRecord: (r) => void (cleanTestMs += r.durationMs) });
  const noisy = await runNoisyUnits({
    units,
    errorPerByte: NOISE_PER_BYTE,
    seed: NOISE_SEED,
    onRecord: (r) => void (noisyTestMs += r.durationMs),
    onUnit: (index) => {
      if ((index + 1) % 10 === 0) progress(`noisy line: ${index + 1} of ${units} units`);
    },
  });
  const identical = noisy.verdicts.filter((v) => v === clean.verdicts[0]).length;
  noisy.verdicts.forEach((verdict, index) => {
    if (verdict !== clean.verdicts[0]) progress(`noisy line: unit ${index + 1} (seed ${NOISE_SEED + index}) differs: ${verdict}`);
  });
  const perUnit = (ms: number, n: number): number => ms / n / 1000;
  return [
    figure(`1e-2 noise: production-qc verdicts identical to the clean line`, identical, `of ${units} units`, `${noisy.retries} retries, ${noisy.damagedLines} damaged lines, ${noisy.conflictingReplies} conflicting replies, ${noisy.donesRecovered} DONE recovered`, `≥ ${Math.ceil(units * 0.99)}`),
    figure('1e-2 noise: test time per unit, noisy / clean', perUnit(noisyTestMs, units) / perUnit(cleanTestMs, 1), '×', `clean ${perUnit(cleanTestMs, 1).toFixed(2)} s, noisy ${perUnit(noisyTestMs, units).toFixed(2)} s of rig time per unit`, '≤ 1.2'),
    figure('1e-2 noise: wall time per unit, noisy / clean', perUnit(noisy.wallMs, units) / perUnit(clean.wallMs, 1), '×', `clean ${perUnit(clean.wallMs, 1).toFixed(1)} s, noisy ${perUnit(noisy.wallMs, units).toFixed(1)} s, each with its own handshake`, '≤ 1.2'),
  ];
}

/** A pull whose DONE line is damaged on the way: time from the rig sending it to the host knowing the pull's end (RESULT). */
export async function lostDoneFigure(): Promise<Figure> {
  const { sim, link, driver } = await driverBehindDoneDamage('PULL');
  try {
    const reading = await driver.pull(1, { forceN: 40, rateNps: 100, holdMs: 500, preloadN: 2, approachMmps: 2, slipLimitMm: 0.5 });
    const lost = link.damaged[0];
    if (!lost || !reading.doneRecovered) throw new Error('the DONE line was not damaged or not recovered');
    return figure('lost DONE: pull end known after the damaged line', sim.timeMs - lost.atMs, 'ms (rig time)', 'DONE:PULL with one bit flipped; RESULT asked when no sample follows it', '≤ 2000');
  } finally {
    await driver.close();
  }
}
