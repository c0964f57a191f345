import { formatArgumentNumber } from '../../firmware-protocol/codec/request.js';
import { checkArguments } from '../../firmware-protocol/commands/check-arguments.js';
import { findCommand, findSetting, isNumberArgument, type Bound, type NumberArgumentSpec, type RigValues } from '../../firmware-protocol/generated/commands.js';
import type { RigDriver } from '../rig/rig-driver.js';
import { CONDUCTOR_KIND_TEXT } from '../specs/conductor-kind.js';
import type { Conductor } from '../specs/conductor.js';
import type { ConductorRange, DutSpec } from '../specs/dut-spec.js';
import { PlanError } from './plan-error.js';
import { STEP_CAPABILITY, type ResolvedStep } from './resolved-plan.js';
import { stepRequests, type SentFigure } from './step-requests.js';

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
      throw new PlanError(`${path}.${keys.current}`, step.currentA, `step ${step.id}: a test current (A) up to ${dut.partNumber}'s rated current, ${ratedA} A per ${dut.ratings.iec.standard} (${step.currentSource})`);
    }
    if (step.kind === 'pull' && step.preloadN >= step.forceN) {
      throw new PlanError(`${path}.preloadN`, step.preloadN, `step ${step.id}: a preload (N) below the pull force, ${step.forceN} N`);
    }
  }
}

/** Refuse, before anything moves, a plan the rig cannot run: capability, poles, current, force. */
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

/** The rig figures under commands.yaml's names; one the rig does not report (or no rig yet) bounds nothing. */
function rigValuesOf(rig: RigAbilities | undefined): RigValues {
  const unknown = Number.POSITIVE_INFINITY;
  const limits = rig?.limits;
  return {
    poles: rig?.maxPoles ?? unknown,
    forceCapN: limits?.forceCapN ?? unknown,
    capacityN: limits?.capacityN ?? unknown,
    maxCurrentA: limits?.maxCurrentA ?? unknown,
    maxSpeedMmps: limits?.maxSpeedMmps ?? unknown,
    approachMmps: unknown,
    travelMm: unknown,
    maxTempC: limits?.maxTempC ?? unknown,
    sampleHz: unknown,
  };
}

/**
 * Refuse, before anything moves, a figure the firmware would refuse: every request each step sends
 * goes through the firmware's own argument checks (check-arguments.ts, from commands.yaml) with the
 * rig's INFO figures, and a refusal names the plan field, its value and the range in the plan's
 * unit. Without a rig, only the protocol's fixed bounds apply. `pole`: the highest pole the run selects.
 */
export function checkStepsAgainstProtocol(steps: readonly PlacedStep[], pole: number, rig?: RigAbilities): void {
  const rigValues = rigValuesOf(rig);
  for (const placed of steps) {
    for (const { request, figures } of stepRequests(placed, pole)) {
      const [command, args] = request;
      const refused = refusedArgument(command, args, rigValues);
      if (refused === null) continue;
      const figure = figures[refused.spec.name];
      if (figure === undefined) throw new Error(`${command} ${refused.spec.name}: no plan figure behind it (host/plans/step-requests.ts)`);
      throw new PlanError(figure.field, figure.value, `step ${placed.step.id}: ${allowedText(command, refused.spec, figure, rigValues, refused.earlier)}`);
    }
  }
}

interface RefusedArgument {
  spec: Pick<NumberArgumentSpec, 'name' | 'type' | 'min' | 'max' | 'orZero' | 'unit' | 'rangeText'>;
  /** Arguments before it, as the firmware read them (a bound may be one: preloadN ≤ targetN). */
  earlier: ReadonlyMap<string, number>;
}

/** The numeric argument (or setting) the firmware would refuse, or null. */
function refusedArgument(command: string, args: ReadonlyArray<string | number>, rig: RigValues): RefusedArgument | null {
  const setting = command === 'SET' ? findSetting(String(args[0])) : undefined;
  const specs = setting !== undefined && setting.type !== 'text' ? [setting] : (findCommand(command)?.args.filter(isNumberArgument) ?? []);
  const numbers = setting !== undefined ? args.slice(1) : args;
  const texts: string[] = [];
  for (const [index, value] of numbers.entries()) {
    const spec = specs[index];
    try {
      texts.push(typeof value === 'number' ? formatArgumentNumber(value) : value);
    } catch {
      // Beyond what a request line can carry (1e9 and more): out of every range.
      if (spec) return { spec, earlier: new Map() };
    }
  }
  const earlier = new Map(specs.map((spec, index) => [spec.name, Number(texts[index])]));
  const verdict = checkArguments(command, setting !== undefined ? [String(args[0]), ...texts] : texts, rig);
  // check-arguments' details start with the argument's (or setting's) name.
  if (!verdict.ok) {
    const failed = specs.find((spec) => verdict.detail.startsWith(`${spec.name}:`));
    if (failed === undefined) throw new Error(`${command} as pre-flight built it: ${verdict.detail} (host/plans/step-requests.ts)`);
    return { spec: failed, earlier };
  }
  // `HEAT 0` is accepted, and switches the current off: a heating current that rounds to 0 on the wire is refused.
  const zeroed = specs.findIndex((spec, index) => spec.orZero && Number(texts[index]) === 0 && numbers[index] !== 0);
  return zeroed === -1 ? null : { spec: specs[zeroed]!, earlier };
}

/** `a number from 1 to 60 N (PULL targetN 1..forceCapN; the rig's forceCapN is 60 N)`, in the plan's unit. */
function allowedText(command: string, spec: RefusedArgument['spec'], figure: SentFigure, rig: RigValues, earlier: ReadonlyMap<string, number>): string {
  const bound = (value: Bound | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const wire = typeof value === 'number' ? value : 'rig' in value ? rig[value.rig] : earlier.get(value.arg);
    return wire === undefined || !Number.isFinite(wire) ? undefined : wire / figure.perWireUnit;
  };
  const unit = figure.unit === '' ? '' : ` ${figure.unit}`;
  const [low, high] = [bound(spec.min), bound(spec.max)];
  const span = high === undefined ? `at least ${low ?? 0}${unit}` : `from ${low ?? 0} to ${high}${unit}`;
  const rigFigure = typeof spec.max === 'object' && 'rig' in spec.max ? spec.max.rig : undefined;
  const rigText = rigFigure === undefined ? '' : Number.isFinite(rig[rigFigure]) ? `; the rig's ${rigFigure} is ${rig[rigFigure]}${spec.unit === '' ? '' : ` ${spec.unit}`}` : `; the rig's ${rigFigure} when one is connected`;
  const label = command === 'SET' ? `setting ${spec.name}` : `${command} ${spec.name}`;
  const note = figure.note ? `: ${figure.note}` : '';
  const kind = spec.type === 'integer' && figure.perWireUnit === 1 ? 'a whole number' : 'a number';
  return `${kind} ${span} (${label} ${spec.rangeText}${spec.unit === '' ? '' : ` ${spec.unit}`}${note}${rigText})`;
}
