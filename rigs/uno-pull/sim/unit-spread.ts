import { SeededRandom } from '../../../host/shared/seeded-random.js';
import { insulationPairKey, pairLeakageOhm, poleParams, type PoleParamName, type PoleParams, type Scenario, type SigmaSpec, type Spread } from './scenario.js';

/**
 * Parameters that may be 0 (no creep, no slack); every other one must stay positive. A drawn
 * positive value never falls below this fraction of its nominal: a spread is a variation of one
 * design, not a part with no stiffness or no thermal mass.
 */
const MAY_BE_ZERO: ReadonlySet<PoleParamName> = new Set(['slipOnsetN', 'slipRateMmPerSPerN', 'slackMm']);
const POSITIVE_FLOOR_FRACTION = 0.05;

/** Safety stop for the redraw loop; with truncateSigma >= 1 a redraw is needed < 32 % of the time. */
const MAX_REDRAWS = 1000;

/**
 * 32-bit seed of one parameter of one pole of one unit (FNV-1a over the names, mixed with the
 * unit seed). Each parameter has its own stream, so adding a spread to one parameter in a
 * scenario does not change the draws of the others, and a unit keeps its identity.
 */
export function drawSeed(unitSeed: number, pole: number, name: string): number {
  let hash = 0x811c9dc5 ^ (unitSeed >>> 0);
  // The high part of a seed beyond 32 bits goes into the hashed text, so such seeds differ too.
  for (const char of `${pole}:${name}:${Math.floor(unitSeed / 0x100000000)}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so seeds 1, 2, 3 give unrelated streams.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A standard normal drawn again while beyond ±truncateSigma. */
function truncatedNormal(rng: SeededRandom, truncateSigma: number): number {
  for (let i = 0; i < MAX_REDRAWS; i++) {
    const z = rng.normal();
    if (Math.abs(z) <= truncateSigma) return z;
  }
  return 0;
}

function sigmaOf(spec: SigmaSpec, nominal: number): number {
  return spec.sigma ?? (spec.sigmaFraction ?? 0) * Math.abs(nominal);
}

/** One parameter drawn around its nominal and kept in its physical range. */
function drawParam(name: PoleParamName, nominal: number, spec: SigmaSpec, spread: Spread, unitSeed: number, pole: number): number {
  const sigma = sigmaOf(spec, nominal);
  if (sigma === 0) return nominal;
  const value = nominal + sigma * truncatedNormal(new SeededRandom(drawSeed(unitSeed, pole, name)), spread.truncateSigma);
  return MAY_BE_ZERO.has(name) ? Math.max(0, value) : Math.max(nominal * POSITIVE_FLOOR_FRACTION, value);
}

/** One pole of one unit as drawn: its parameters (insertion depth included) and how deep its conductor went. */
export interface UnitPoleDraw {
  params: PoleParams;
  /** Fraction of the full insertion depth (1 without an insertionDepthFraction spread). */
  insertionDepthFraction: number;
}

/**
 * Pole p (1-based) of the unit with this seed: nominal without a spread (exactly the scenario's
 * figures), else every parameter with a sigma drawn around its nominal. A conductor short of full
 * depth is gripped over less length: contact resistance ÷ depth, holding force and slip onset ×
 * depth. A drawn slip onset never exceeds the drawn holding force: a clamp cannot creep from a
 * force it does not hold.
 */
export function unitPoleDraw(scenario: Scenario, pole: number, unitSeed: number): UnitPoleDraw {
  const nominal = poleParams(scenario, pole);
  const spread = scenario.spread;
  if (!spread) return { params: nominal, insertionDepthFraction: 1 };
  const drawn = { ...nominal };
  for (const name of Object.keys(nominal) as PoleParamName[]) {
    const spec = spread[name];
    if (spec) drawn[name] = drawParam(name, nominal[name], spec, spread, unitSeed, pole);
  }
  const depth = drawInsertionDepth(spread, unitSeed, pole);
  if (depth < 1) {
    drawn.contactResistanceMilliohm /= depth;
    drawn.holdingForceN *= depth;
    drawn.slipOnsetN *= depth;
  }
  if (spread.holdingForceN || spread.slipOnsetN || depth < 1) drawn.slipOnsetN = Math.min(drawn.slipOnsetN, drawn.holdingForceN);
  return { params: drawn, insertionDepthFraction: depth };
}

/** Depth 1 − |sigma·z|: a conductor goes in fully or falls short, never deeper than the clamp. */
function drawInsertionDepth(spread: Spread, unitSeed: number, pole: number): number {
  const sigma = spread.insertionDepthFraction?.sigma ?? 0;
  if (sigma === 0) return 1;
  const z = truncatedNormal(new SeededRandom(drawSeed(unitSeed, pole, 'insertionDepthFraction')), spread.truncateSigma);
  return Math.max(POSITIVE_FLOOR_FRACTION, 1 - Math.abs(sigma * z));
}

/**
 * Insulation of the unit's pole pairs, keyed `a-b` (a < b): the scenario's figures without a
 * leakage spread (pairs not listed have isolation.leakageOhm), else every pair drawn log-normally
 * around its nominal, each from its own stream.
 */
export function unitPairLeakageOhm(scenario: Scenario, unitSeed: number): Record<string, number> {
  const listed = pairLeakageOhm(scenario);
  const spread = scenario.spread;
  const sigmaDecades = spread?.leakageOhm?.sigmaDecades ?? 0;
  if (!spread || sigmaDecades === 0) return listed;
  const drawn: Record<string, number> = {};
  for (let a = 1; a <= scenario.poles; a++) {
    for (let b = a + 1; b <= scenario.poles; b++) {
      const key = insulationPairKey(a, b);
      const z = truncatedNormal(new SeededRandom(drawSeed(unitSeed, 0, `leakageOhm:${key}`)), spread.truncateSigma);
      drawn[key] = (listed[key] ?? scenario.isolation.leakageOhm) * 10 ** (sigmaDecades * z);
    }
  }
  return drawn;
}

/** The unit seed in force: the simulator's choice, else the scenario's, else 1. */
export function effectiveUnitSeed(scenario: Scenario, unitSeed: number | undefined): number {
  return unitSeed ?? scenario.spread?.unitSeed ?? 1;
}
