/** A load-cell reading of a pull: when (rig clock, ms since the PULL) and what force. */
export interface RampSample {
  tMs: number;
  forceN: number;
}

/** The share of the rise from the preload to the target over which the rate is fitted. */
const RATE_WINDOW = { from: 0.2, to: 0.8 } as const;
/** Fewer readings in the window than this give no slope worth a verdict on the condition. */
const RATE_MIN_READINGS = 3;

export type RampRate = { rateNps: number; readings: number; fromN: number; toN: number } | { rateNps: null; readings: number; fromN: number; toN: number };

/**
 * The force rate of a pull's ramp: the least-squares slope of force over time of the readings between
 * 20 % and 80 % of the rise from the preload to the target, taken before the force first reaches the
 * target (or its peak, for a pull that ended earlier). The window leaves out the approach (slack, the
 * preload's overshoot) and the settling onto the target, so it sees the ramp the firmware controls;
 * a fit rather than the end points keeps one noisy reading from swinging the figure.
 */
export function rampRate(samples: readonly RampSample[], preloadN: number, targetN: number): RampRate {
  const fromN = preloadN + RATE_WINDOW.from * (targetN - preloadN);
  const toN = preloadN + RATE_WINDOW.to * (targetN - preloadN);
  const ramp: RampSample[] = [];
  for (const s of samples) {
    if (s.forceN >= targetN) break;
    ramp.push(s);
  }
  // A pull-out ends the ramp at its peak: what follows is the conductor leaving, not the ramp.
  const peakIndex = ramp.reduce((best, s, i) => (s.forceN > (ramp[best]?.forceN ?? -Infinity) ? i : best), 0);
  const window = ramp.slice(0, peakIndex + 1).filter((s) => s.forceN >= fromN && s.forceN <= toN);
  if (window.length < RATE_MIN_READINGS) return { rateNps: null, readings: window.length, fromN, toN };
  const meanT = window.reduce((sum, s) => sum + s.tMs, 0) / window.length;
  const meanF = window.reduce((sum, s) => sum + s.forceN, 0) / window.length;
  let sTF = 0;
  let sTT = 0;
  for (const s of window) {
    sTF += (s.tMs - meanT) * (s.forceN - meanF);
    sTT += (s.tMs - meanT) ** 2;
  }
  if (sTT === 0) return { rateNps: null, readings: window.length, fromN, toN };
  return { rateNps: (sTF / sTT) * 1000, readings: window.length, fromN, toN };
}
