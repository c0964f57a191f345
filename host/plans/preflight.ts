import type { RigDriver } from '../rig/rig-driver.js';
import { CONDUCTOR_KIND_TEXT } from '../standards/conductor-kind.js';
import type { Conductor } from '../standards/conductor.js';
import type { ConductorRange, DutSpec } from '../specs/dut-spec.js';
import { PlanError } from '../shared/plan-error.js';
import { STEP_CAPABILITY, type ResolvedStep } from './resolved-plan.js';

/** What pre-flight needs to know about a rig: the driver's own fields, or a description of one. */
export type RigAbilities = Pick<RigDriver, 'capabilities' | 'maxPoles' | 'limits'>;

/** A resolved step and where it sits in the plan file (`poleSteps[2]`), for messages. */
export interface PlacedStep {
  path: string;
  /** The plan-file key that gave the figure checked (`current` or `currentA` …). */
  keys: { current?: string; force?: string; hold?: string };
  step: ResolvedStep;
}

function rangeText(range: ConductorRange): string {
  const awg = range.thinnestAwg !== undefined ? ` / ${range.thinnestAwg}–${range.thickestAwg} AWG` : '';
  return `${range.minMm2}–${range.maxMm2} mm²${awg}`;
}

function kindText(kind: keyof typeof CONDUCTOR_KIND_TEXT): string {
  const words = CONDUCTOR_KIND_TEXT[kind];
  return `${words.noun}${words.suffix}`;
}

/** The conductor must be one the DUT's clamping unit takes (kind and size, ferrule ranges included). */
export function checkConductorFitsDut(dut: DutSpec, conductor: Conductor): void {
  const range = dut.conductors[conductor.kind];
  const accepted = Object.entries(dut.conductors)
    .map(([kind, each]) => `${kindText(kind as Conductor['kind'])} ${rangeText(each)}`)
    .join('; ');
  if (!range) throw new PlanError('conductor', conductor.id, `${dut.partNumber} takes ${accepted} (${dut.source})`);
  const fits =
    conductor.awg !== undefined && range.thinnestAwg !== undefined && range.thickestAwg !== undefined
      ? conductor.awg <= range.thinnestAwg && conductor.awg >= range.thickestAwg
      : conductor.crossSectionMm2 >= range.minMm2 && conductor.crossSectionMm2 <= range.maxMm2;
  if (!fits) {
    throw new PlanError('conductor', conductor.id, `${dut.partNumber} takes a ${kindText(conductor.kind)} of ${rangeText(range)} (${dut.source}); all it takes: ${accepted}`);
  }
}

/** Poles to run: each on the DUT and on the rig, none twice. */
export function checkPoles(dut: DutSpec, poles: readonly number[], rig?: RigAbilities): void {
  const limit = Math.min(dut.poles, rig?.maxPoles ?? Number.POSITIVE_INFINITY);
  const why = rig && rig.maxPoles < dut.poles ? `the rig switches ${rig.maxPoles} poles` : `${dut.partNumber} has ${dut.poles} poles`;
  if (poles.length === 0) throw new PlanError('poles', [], `expected at least one pole from 1 to ${limit} (${why})`);
  for (const pole of poles) {
    if (!Number.isInteger(pole) || pole < 1 || pole > limit) throw new PlanError('poles', pole, `expected poles from 1 to ${limit} (${why})`);
  }
  const twice = poles.find((pole, index) => poles.indexOf(pole) !== index);
  if (twice !== undefined) throw new PlanError('poles', twice, 'each pole once');
}

/** Figures the DUT itself bounds, rig or no rig: no test current above its rated current. */
export function checkStepsAgainstDut(dut: DutSpec, steps: readonly PlacedStep[]): void {
  const ratedA = dut.ratings.iec.ratedCurrentA;
  for (const { path, keys, step } of steps) {
    if ((step.kind === 'vdrop' || step.kind === 'temperature-rise') && step.currentA > ratedA) {
      throw new PlanError(`${path}.${keys.current}`, step.currentA, `step ${step.id}: a test current (A) up to ${dut.partNumber}'s rated current, ${ratedA} A per ${dut.ratings.iec.ratedCurrentStandard} (${step.currentSource})`);
    }
    if (step.kind === 'pull' && step.preloadN >= step.forceN) {
      throw new PlanError(`${path}.preloadN`, step.preloadN, `step ${step.id}: a preload (N) below the pull force, ${step.forceN} N`);
    }
  }
}

/** Refuse, before anything moves, a plan the rig cannot run: capability, poles, load cell capacity (the figures a command carries: protocol-preflight.ts). */
export function checkStepsAgainstRig(rig: RigAbilities, dutPoles: number, steps: readonly PlacedStep[]): void {
  for (const { path, keys, step } of steps) {
    const capability = STEP_CAPABILITY[step.kind];
    if (capability !== null && !rig.capabilities.has(capability)) {
      throw new PlanError(`${path}.kind`, step.kind, `the rig offers ${[...rig.capabilities].join(', ') || 'nothing'}; step ${step.id} needs "${capability}"`);
    }
    if (step.kind === 'isolation' && dutPoles > rig.maxPoles) {
      throw new PlanError(`${path}.kind`, step.kind, `step ${step.id} checks all ${dutPoles} poles of the DUT; the rig switches ${rig.maxPoles}`);
    }
    // The protocol bounds a force by the firmware's cap only; a load cell measures nothing beyond its capacity.
    if (step.kind === 'pull' && step.forceN > rig.limits.capacityN) {
      throw new PlanError(`${path}.${keys.force}`, step.forceN, `step ${step.id}: a force (N) up to the rig's load cell capacity, ${rig.limits.capacityN} N`);
    }
  }
}
