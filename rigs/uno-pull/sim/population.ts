import { createHash } from 'node:crypto';
import { SeededRandom } from '../../../host/shared/seeded-random.js';
import { DEFECT_KINDS, PAIR_DEFECT_KINDS, type DefectEffects, type Population } from './population-schema.js';
import { drawSeed } from './unit-spread.js';

/** What is wrong with one unit of a population, and where; the figure the kind needs, drawn. */
export type UnitDefect =
  | { kind: 'openPole' | 'emptyTerminal'; poles: [number] }
  | { kind: 'highResistance'; poles: [number]; contactResistanceMilliohm: number }
  | { kind: 'looseConductor'; poles: [number]; holdingForceN: number }
  | { kind: 'miswire'; poles: [number, number] }
  | { kind: 'short' | 'insulationLeak'; poles: [number, number]; ohm: number };

/** One serial number's unit of a population: which unit seed it draws its spread with, and its defect. */
export interface PopulationUnit {
  serial: string;
  populationSeed: number;
  unitSeed: number;
  defect: UnitDefect | null;
}

/**
 * The unit seed of a serial number in a population: 48 bits of SHA-256 over (seed, serial), so
 * the same serial is the same unit on any rig, in any command, and neighbouring serials
 * (U-0001, U-0002) are unrelated units. 48 bits keep collisions unlikely (1 in 560 million for
 * two of 1,000 serials) and stay an exact integer in a double.
 */
export function unitSeedOf(populationSeed: number, serial: string): number {
  const digest = createHash('sha256').update(`${populationSeed}\n${serial}`, 'utf8').digest();
  return digest.readUIntBE(0, 6);
}

/** The unit a serial number gets in this population (pure: no simulator, no firmware). */
export function populationUnit(population: Population, dutPoles: number, serial: string): PopulationUnit {
  const unitSeed = unitSeedOf(population.seed, serial);
  return { serial, populationSeed: population.seed, unitSeed, defect: drawDefect(population, dutPoles, unitSeed) };
}

/**
 * At most one defect per unit: one uniform draw against the rates stacked in DEFECT_KINDS order
 * (so each kind keeps its rate whatever the others are), then the pole(s) and the kind's figure
 * from the same seeded stream.
 */
function drawDefect(population: Population, dutPoles: number, unitSeed: number): UnitDefect | null {
  const rng = new SeededRandom(drawSeed(unitSeed, 0, 'defect'));
  const u = rng.uniform();
  let upTo = 0;
  for (const kind of DEFECT_KINDS) {
    upTo += population.defects[kind] ?? 0;
    if (u >= upTo) continue;
    const first = 1 + Math.floor(rng.uniform() * dutPoles);
    if (!PAIR_DEFECT_KINDS.has(kind)) return singlePoleDefect(kind, first, population.defectEffects, rng);
    // The second pole from the others, uniformly: first + 1 .. first + poles - 1, wrapped.
    const second = 1 + ((first - 1 + 1 + Math.floor(rng.uniform() * (dutPoles - 1))) % dutPoles);
    const poles: [number, number] = [Math.min(first, second), Math.max(first, second)];
    if (kind === 'miswire') return { kind, poles };
    const figure = kind === 'short' ? population.defectEffects.shortOhm : population.defectEffects.insulationLeakOhm;
    return { kind: kind as 'short' | 'insulationLeak', poles, ohm: logUniform(rng, figure) };
  }
  return null;
}

function singlePoleDefect(kind: (typeof DEFECT_KINDS)[number], pole: number, effects: DefectEffects, rng: SeededRandom): UnitDefect {
  switch (kind) {
    case 'highResistance':
      return { kind, poles: [pole], contactResistanceMilliohm: uniform(rng, effects.highResistanceMilliohm) };
    case 'looseConductor':
      return { kind, poles: [pole], holdingForceN: uniform(rng, effects.looseHoldingForceN) };
    case 'openPole':
    case 'emptyTerminal':
      return { kind, poles: [pole] };
    default:
      throw new Error(`defect kind ${kind} concerns a pair of poles`);
  }
}

function uniform(rng: SeededRandom, range: { min: number; max: number }): number {
  return range.min + (range.max - range.min) * rng.uniform();
}

function logUniform(rng: SeededRandom, range: { min: number; max: number }): number {
  return range.min * (range.max / range.min) ** rng.uniform();
}
