import { SeededRandom } from '../../shared/seeded-random.js';
import type { StudyRun } from './run-order.js';

/**
 * Operators and parts of a gauge study on the simulated rig. A part is a unit of the scenario's population;
 * an operator is how that person inserts the conductor: each insertion shifts the pole's contact resistance
 * from the unit's own by the operator's offset (a habit: deeper, shallower, more or less twisted strands)
 * plus a scatter of its own from one insertion to the next. So operators show in every quantity that
 * depends on the contact (voltage drop, resistance); a pull or an insulation reading does not see them.
 */

export interface SimulatedOperator {
  /** Contact resistance added by this operator's insertions on average (mΩ; may be negative). */
  offsetMilliohm: number;
  /** Standard deviation of one insertion around that offset (mΩ). */
  insertionSdMilliohm: number;
}

/** Default operator habits: offsets evenly spread over ±this (2 % of the 0.300 mΩ nominal contact). */
const DEFAULT_OFFSET_SPAN_MILLIOHM = 0.006;
/** Default scatter of one insertion (1 % of the nominal contact). */
export const DEFAULT_INSERTION_SD_MILLIOHM = 0.003;

/** Offsets evenly spread from −span to +span (one operator: 0). */
export function defaultOffsetsMilliohm(operators: number, spanMilliohm = DEFAULT_OFFSET_SPAN_MILLIOHM): number[] {
  if (operators === 1) return [0];
  return Array.from({ length: operators }, (_, i) => -spanMilliohm + (2 * spanMilliohm * i) / (operators - 1));
}

/** The contact shift of one insertion: the operator's offset plus a draw seeded by (study seed, run order). */
function insertionShiftMilliohm(operator: SimulatedOperator, run: StudyRun, studySeed: number): number {
  const scatter = new SeededRandom((Math.imul(studySeed >>> 0, 0x01000193) ^ (run.order * 0x9e3779b1)) >>> 0);
  return operator.offsetMilliohm + scatter.gaussian(operator.insertionSdMilliohm);
}

/** What a study needs of the simulated rig (the Uno pull rig's simulator has it): swap the unit, shift a pole's contact. */
export interface StudyBench {
  readonly scenario: { readonly name: string };
  /** Put the population's unit of this serial in the rig; null without a population. */
  mountSerial(serial: string): { unitSeed: number } | null;
  /** A fresh unit drawn from the scenario's spread with this seed. */
  replaceDut(unitSeed: number): void;
  shiftContactResistance(pole: number, shiftMilliohm: number): void;
}

/** What the simulated bench did before a run: which unit went in, how the conductor sat. */
export interface SimulatedSetup {
  unitSeed: number;
  contactShiftMilliohm: number;
}

/** The operator puts part `run.part` in the rig and inserts the conductor of `pole` their way. */
export function setUpSimulatedRun(sim: StudyBench, pole: number, run: StudyRun, partSerial: string, operator: SimulatedOperator, study: { seed: number; unitSeedBase: number }): SimulatedSetup {
  // A population scenario: the part is the unit of its serial number (as in run and station); otherwise
  // a fresh draw from the scenario's spread per part, unit seed unitSeedBase + part.
  const mounted = sim.mountSerial(partSerial);
  const unitSeed = mounted ? mounted.unitSeed : study.unitSeedBase + run.part;
  if (!mounted) sim.replaceDut(unitSeed);
  const contactShiftMilliohm = insertionShiftMilliohm(operator, run, study.seed);
  sim.shiftContactResistance(pole, contactShiftMilliohm);
  return { unitSeed, contactShiftMilliohm };
}
