import { formatArgumentNumber } from '../../firmware-protocol/codec/request.js';
import { checkArguments } from '../../firmware-protocol/commands/check-arguments.js';
import { findCommand, findSetting, isNumberArgument, type Bound, type NumberArgumentSpec, type RigValues } from '../../firmware-protocol/generated/commands.js';
import { PlanError } from '../shared/plan-error.js';
import type { PlacedStep, RigAbilities } from './preflight.js';
import { stepRequests, type SentFigure } from './step-requests.js';

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
    maxSlackMm: unknown,
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
  /** The request's arguments as the firmware reads them (a bound may be another argument: preloadN ≤ targetN). */
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
