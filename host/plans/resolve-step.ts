import { pullForceN, pullHoldS } from '../standards/pull-force.js';
import { defaultEquilibriumKPerHour, maxRiseK } from '../standards/temperature-rise.js';
import { maxDropMv, roundFigure, testCurrentA, vdropTestCurrentA } from '../standards/voltage-drop.js';
import { CONDITION_DEFAULTS } from './condition-defaults.js';
import { INSULATION_DEFAULT } from './insulation-default.js';
import { PlanError } from '../shared/plan-error.js';
import type { PlanStep } from './plan-schema.js';
import { fillPromptText } from './resolve-prompt.js';
import type { AmbientCondition, ConditionTolerance, IsolationStep, PullStep, ResolvedStep, TemperatureRiseStep, VoltageDropStep } from './resolved-plan.js';
import type { ResolveContext, StepPath } from './resolve-context.js';

type Step<Kind extends PlanStep['kind']> = Extract<PlanStep, { kind: Kind }>;

function planFigure(context: ResolveContext, key: string, value: number, unit: string): string {
  return `plan ${context.planName}: ${key} ${value} ${unit}`;
}

/** A condition's tolerance as the plan gives it in %, or its default (which says it is one). */
function conditionTolerance(context: ResolveContext, key: string, pct: number | undefined, fallback: { value: number; source: string }): ConditionTolerance {
  if (pct === undefined) return { fraction: fallback.value / 100, source: fallback.source };
  return { fraction: pct / 100, source: planFigure(context, key, pct, '%') };
}

function ambientCondition(
  context: ResolveContext,
  step: { ambientC?: number | undefined; ambientToleranceK?: number | undefined },
  nominal: { value: number; source: string },
  tolerance: { value: number; source: string },
): AmbientCondition {
  const nominalC = step.ambientC ?? nominal.value;
  const toleranceK = step.ambientToleranceK ?? tolerance.value;
  const nominalSource = step.ambientC === undefined ? nominal.source : planFigure(context, 'ambientC', step.ambientC, '°C');
  const toleranceSource = step.ambientToleranceK === undefined ? tolerance.source : planFigure(context, 'ambientToleranceK', step.ambientToleranceK, 'K');
  return { nominalC, toleranceK, source: `${nominalSource}; tolerance ${toleranceSource}` };
}

function base(step: PlanStep): { id: string; title: string; optional: boolean } {
  return { id: step.id, title: step.title, optional: step.optional };
}

/** One plan-file step with every figure looked up: what the runner executes. */
export function resolveStep(step: PlanStep, context: ResolveContext, path: StepPath, scope: 'unit' | 'pole'): ResolvedStep {
  switch (step.kind) {
    case 'prompt':
      return { kind: 'prompt', ...base(step), text: fillPromptText(step.text, context, path, scope), requireCurrentOff: context.dut.mustNotConnectLive };
    case 'isolation':
      return resolveIsolation(step, context, path);
    case 'vdrop':
      return resolveVoltageDrop(step, context, path);
    case 'pull':
      return resolvePull(step, context, path);
    case 'temperature-rise':
      return resolveTemperatureRise(step, context, path);
    case 'check-standard':
      return { kind: 'check-standard', ...base(step), samples: step.samples };
  }
}

function resolveIsolation(step: Step<'isolation'>, context: ResolveContext, path: StepPath): IsolationStep {
  const poles = context.dut.poles;
  const straight = Array.from({ length: poles }, (_, index) => index + 1);
  const wiring = step.expectedWiring ?? straight;
  const badTerminal = wiring.find((terminal) => terminal > poles);
  if (wiring.length !== poles || badTerminal !== undefined) {
    throw new PlanError(`${path}.expectedWiring`, wiring, `expected ${poles} far-end terminals, each 1 to ${poles} (${context.dut.partNumber} has ${poles} poles)`);
  }
  return {
    kind: 'isolation',
    ...base(step),
    poles,
    expectedWiring: wiring,
    source: `${step.expectedWiring ? `plan ${context.planName}: expectedWiring` : 'straight-through wiring'}; low-voltage short / open / miswire check (standards.md: end-of-line electrical checks)`,
    insulation:
      step.minInsulationMohm === undefined
        ? { unit: 'MΩ', low: INSULATION_DEFAULT.minMohm, source: INSULATION_DEFAULT.source }
        : { unit: 'MΩ', low: step.minInsulationMohm, source: planFigure(context, 'minInsulationMohm', step.minInsulationMohm, 'MΩ') },
  };
}

function resolveVoltageDrop(step: Step<'vdrop'>, context: ResolveContext, path: StepPath): VoltageDropStep {
  const current = step.current
    ? vdropTestCurrentA(step.current.standard, context.conductor, step.current.fraction, `${path}.current.standard`)
    : { currentA: step.currentA as number, source: planFigure(context, 'currentA', step.currentA as number, 'A') };
  const limit = step.maxDrop ? maxDropMv(step.maxDrop.standard, `${path}.maxDrop.standard`) : { maxDropMv: step.maxDropMv as number, source: planFigure(context, 'maxDropMv', step.maxDropMv as number, 'mV') };
  return {
    kind: 'vdrop',
    ...base(step),
    currentA: current.currentA,
    currentSource: current.source,
    currentTolerance: conditionTolerance(context, 'currentTolerancePct', step.currentTolerancePct, CONDITION_DEFAULTS.vdropCurrentTolerancePct),
    ambient: ambientCondition(context, step, CONDITION_DEFAULTS.vdropAmbientC, CONDITION_DEFAULTS.vdropAmbientToleranceK),
    samples: step.samples,
    limits: { dropMv: { unit: 'mV', high: limit.maxDropMv, marginalFraction: context.marginalFraction, source: limit.source } },
  };
}

function resolvePull(step: Step<'pull'>, context: ResolveContext, path: StepPath): PullStep {
  let force = { forceN: step.forceN as number, source: planFigure(context, 'forceN', step.forceN as number, 'N') };
  if (step.force) {
    const table = pullForceN(step.force.standard, context.conductor, `${path}.force.standard`);
    const share = step.force.fraction ?? 1;
    force = share === 1 ? table : { forceN: roundFigure(share * table.forceN), source: `${share} × ${table.source}` };
  }
  const holdS = step.hold ? pullHoldS(step.hold.standard, `${path}.hold.standard`).holdS : (step.holdS as number);
  return {
    kind: 'pull',
    ...base(step),
    forceN: force.forceN,
    forceSource: step.hold ? `${force.source}; hold ${holdS} s per ${step.hold.standard}` : `${force.source}; hold ${holdS} s per plan ${context.planName}`,
    rateNps: step.rateNps,
    holdMs: Math.round(holdS * 1000),
    preloadN: step.preloadN,
    ...(step.approachMmps === undefined ? {} : { approachMmps: step.approachMmps }),
    slipLimitMm: step.slipLimitMm,
    failOnSlip: step.failOnSlip,
    holdForceTolerance: conditionTolerance(context, 'holdForceTolerancePct', step.holdForceTolerancePct, CONDITION_DEFAULTS.pullHoldForceTolerancePct),
    rateTolerance: conditionTolerance(context, 'rateTolerancePct', step.rateTolerancePct, CONDITION_DEFAULTS.pullRateTolerancePct),
  };
}

function heatingCurrent(step: Step<'temperature-rise'>, context: ResolveContext, path: StepPath): { currentA: number; source: string } {
  const { dut } = context;
  const reference = step.current;
  if (!reference) return { currentA: step.currentA as number, source: planFigure(context, 'currentA', step.currentA as number, 'A') };
  const share = reference.fraction ?? 1;
  let full: { currentA: number; source: string };
  if ('standard' in reference) {
    full = testCurrentA(reference.standard, context.conductor, `${path}.current.standard`);
  } else if (reference.dutRating === 'iec') {
    full = { currentA: dut.ratings.iec.ratedCurrentA, source: `${dut.partNumber} rated current per ${dut.ratings.iec.ratedCurrentStandard}: ${dut.ratings.iec.ratedCurrentA} A (${dut.source})` };
  } else {
    const [body, group] = reference.dutRating.split('-') as ['ul' | 'csa', string];
    const rating = dut.ratings[body]?.useGroups[group.toUpperCase() as 'C' | 'D'];
    if (!rating) throw new PlanError(`${path}.current.dutRating`, reference.dutRating, `${dut.partNumber}'s spec has no ${body.toUpperCase()} use group ${group.toUpperCase()} rating`);
    full = { currentA: rating.currentA, source: `${dut.partNumber} rated current ${body.toUpperCase()} use group ${group.toUpperCase()}: ${rating.currentA} A (${dut.source})` };
  }
  return share === 1 ? full : { currentA: roundFigure(share * full.currentA), source: `${share} × ${full.source}` };
}

function resolveTemperatureRise(step: Step<'temperature-rise'>, context: ResolveContext, path: StepPath): TemperatureRiseStep {
  const { dut, marginalFraction } = context;
  const current = heatingCurrent(step, context, path);
  const maxC =
    step.maxC === 'dut'
      ? { value: dut.limitTemperatureC.max, source: `${dut.partNumber} limit temperature ${dut.limitTemperatureC.min}…+${dut.limitTemperatureC.max} °C (${dut.source}); IEC 61984: ambient + self-heating ≤ the upper limit` }
      : { value: step.maxC, source: planFigure(context, 'maxC', step.maxC, '°C') };
  const rise = step.maxRise ? maxRiseK(step.maxRise.standard, `${path}.maxRise.standard`) : { maxRiseK: step.maxRiseK as number, source: planFigure(context, 'maxRiseK', step.maxRiseK as number, 'K') };
  const equilibrium =
    step.equilibriumKPerHour === undefined
      ? defaultEquilibriumKPerHour()
      : { kPerHour: step.equilibriumKPerHour, source: `${planFigure(context, 'equilibriumKPerHour', step.equilibriumKPerHour, 'K/h')} (${defaultEquilibriumKPerHour().source})` };
  return {
    kind: 'temperature-rise',
    ...base(step),
    currentA: current.currentA,
    currentSource: current.source,
    equilibriumKPerHour: equilibrium.kPerHour,
    equilibriumSource: equilibrium.source,
    maxDurationS: step.maxDurationS,
    ambient: ambientCondition(context, step, CONDITION_DEFAULTS.riseAmbientC, CONDITION_DEFAULTS.riseAmbientToleranceK),
    limits: {
      temperatureC: { unit: '°C', high: maxC.value, marginalFraction, source: maxC.source },
      riseK: { unit: 'K', high: rise.maxRiseK, marginalFraction, source: rise.source },
    },
  };
}
