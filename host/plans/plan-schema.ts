import { z } from 'zod';
import { ARG_LIMITS, SETTING_LIMITS, argumentSpec, numericSetting } from '../../firmware-protocol/generated/commands.js';
import { HOST_LIMITS } from '../shared/limits.js';
import { CONDITION_DEFAULTS } from './condition-defaults.js';
import { DUT_POLES_MAX } from '../specs/dut-spec.js';
import { planFigure, sentFigureRange } from './plan-figure.js';

/**
 * A plan file: which steps run, in which order, and where each figure comes from: a number with
 * its unit in the key (`currentA: 5.7`) or a reference the resolver looks up (`current:
 * { standard: IEC 60947-7-1, fraction: 0.1 }`). Schema first; docs/plan.schema.json is generated
 * from it (host/plans/export-json-schema.ts).
 */

const ceilings = HOST_LIMITS.planCeilings;
const MS_PER_S = 1000;

/** A figure the rig receives as a command argument or a setting: the protocol's range (commands.yaml), in the plan's unit. */
const sent = {
  vdropCurrentA: planFigure(sentFigureRange('VDROP currentA', argumentSpec('VDROP', 'currentA'), 'A', { ceiling: ceilings.currentA })),
  vdropSamples: planFigure(sentFigureRange('VDROP samples', argumentSpec('VDROP', 'samples'), '')),
  targetN: planFigure(sentFigureRange('PULL targetN', argumentSpec('PULL', 'targetN'), 'N', { ceiling: ceilings.forceN })),
  rateNps: planFigure(sentFigureRange('PULL rateNps', argumentSpec('PULL', 'rateNps'), 'N/s')),
  holdS: planFigure(sentFigureRange('PULL holdMs', argumentSpec('PULL', 'holdMs'), 's', { perWireUnit: MS_PER_S })),
  preloadN: planFigure(sentFigureRange('PULL preloadN', argumentSpec('PULL', 'preloadN'), 'N', { ceiling: ceilings.forceN })),
  approachMmps: planFigure(sentFigureRange('PULL approachMmps', argumentSpec('PULL', 'approachMmps'), 'mm/s', { ceiling: ceilings.speedMmps })),
  slipLimitMm: planFigure(sentFigureRange('setting slipLimitMm', numericSetting('slipLimitMm'), 'mm')),
  // HEAT 0 switches the current off; a plan's heating current is never that, so its range starts at 0.1.
  heatCurrentA: planFigure(sentFigureRange('HEAT currentA', { ...argumentSpec('HEAT', 'currentA'), rangeText: '0.1..maxCurrentA' }, 'A', { ceiling: ceilings.currentA })),
  tempLimitC: planFigure(sentFigureRange('setting tempLimitC', numericSetting('tempLimitC'), '°C', { ceiling: ceilings.temperatureC })),
};

/** A figure only the host uses (a limit a measurement is judged by): positive, below a ceiling. */
const judged = (max: number, unit: string) => planFigure({ above: 0, max, unit });

const standardName = z.string().min(1).describe('a standard named in host/standards/*.yaml, e.g. "IEC 60999-1"');
const fraction = planFigure({ above: 0, max: 1, unit: '' }).describe('share of the referenced figure, 0 < fraction ≤ 1');

const stepBase = {
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -, starting with a letter (e.g. vdrop-before)')
    .describe('stable id, unique in the plan; used in records and CSV'),
  title: z.string().min(1).describe("a person's name for the step"),
  optional: z.boolean().default(false).describe('an optional step may be skipped by the operator or --skip'),
};

const PromptStep = z.strictObject({
  kind: z.literal('prompt'),
  ...stepBase,
  text: z
    .string()
    .min(1)
    .describe('what the operator must do; placeholders: {conductor} ("a 10 mm² fine-stranded conductor"), {strip} ("11–13 mm"), {dut}, {poles}, and in pole steps {pole} (filled in by the runner)'),
});

const IsolationStep = z.strictObject({
  kind: z.literal('isolation'),
  ...stepBase,
  expectedWiring: z.array(planFigure({ min: 1, max: DUT_POLES_MAX, unit: '', integer: true })).optional().describe('far-end terminal each pole must reach; default straight through (pole n → terminal n)'),
  minInsulationMohm: judged(ceilings.insulationMohm, 'MΩ')
    .optional()
    .describe("lowest insulation resistance of every pole pair in MΩ; default 10 MΩ (docs/plans.md: the rig's low-voltage meter reads up to 50 MΩ)"),
});

const CurrentFromStandard = z.strictObject({ standard: standardName, fraction: fraction.optional() }).describe("a share of the standard's test current for the conductor's size");
const CurrentFromDutRating = z
  .strictObject({ dutRating: z.enum(['iec', 'ul-c', 'ul-d', 'csa-c', 'csa-d']), fraction: fraction.optional() })
  .describe("the DUT's rated current (iec, or UL/CSA use group C/D)");

const VoltageDropStep = z
  .strictObject({
    kind: z.literal('vdrop'),
    ...stepBase,
    currentA: sent.vdropCurrentA.optional().describe('test current in A'),
    current: CurrentFromStandard.optional().describe('test current by reference; fraction defaults to the standard\'s own (IEC 60947-7-1: 0.1)'),
    maxDropMv: judged(ceilings.dropMv, 'mV').optional().describe('voltage-drop limit in mV'),
    maxDrop: z.strictObject({ standard: standardName }).optional().describe("the standard's voltage-drop limit"),
    samples: sent.vdropSamples
      .default(ARG_LIMITS.VDROP.samples.default)
      .describe('ADC conversions averaged per channel by the rig (VDROP samples); fewer is faster, more is quieter'),
    currentTolerancePct: planFigure({ above: 0, max: CONDITION_DEFAULTS.vdropCurrentTolerancePct.max, unit: '%' })
      .optional()
      .describe(
        `how far the current that actually flowed may be from the test current, in %; beyond it the step is ERROR (condition not met). Default: ${CONDITION_DEFAULTS.vdropCurrentTolerancePct.source}`,
      ),
    ...ambientFigures(CONDITION_DEFAULTS.vdropAmbientC, CONDITION_DEFAULTS.vdropAmbientToleranceK, 'the temperature read before the current goes on'),
  })
  .superRefine(exactlyOne('currentA', 'current'))
  .superRefine(exactlyOne('maxDropMv', 'maxDrop'));

/** `ambientC`, `ambientToleranceK`: the temperature a step runs at, a test condition (rigs with `temp` read it). */
function ambientFigures(nominal: { value: number; source: string }, tolerance: { value: number; max: number; source: string }, what: string) {
  return {
    ambientC: planFigure({ min: -40, max: 80, unit: '°C' }).optional().describe(`nominal temperature of the step in °C (${what}); default ${nominal.value}: ${nominal.source}`),
    ambientToleranceK: planFigure({ above: 0, max: tolerance.max, unit: 'K' })
      .optional()
      .describe(`how far that temperature may be from ambientC, in K; beyond it the step is ERROR (condition not met). Default: ${tolerance.source}`),
  };
}

const PullStep = z
  .strictObject({
    kind: z.literal('pull'),
    ...stepBase,
    forceN: sent.targetN.optional().describe('pull force in N'),
    force: z.strictObject({ standard: standardName, fraction: fraction.optional() }).optional().describe("a share (default 1) of the standard's pull-out force for the conductor's size"),
    rateNps: sent.rateNps.describe('force ramp rate in N/s'),
    holdS: sent.holdS.optional().describe('hold time at the force in s'),
    hold: z.strictObject({ standard: standardName }).optional().describe("the standard's hold time (IEC 60999-1: 60 s)"),
    preloadN: sent.preloadN.default(ARG_LIMITS.PULL.preloadN.default).describe('force that takes up slack before slip is measured, in N'),
    approachMmps: sent.approachMmps.optional().describe("speed that takes up the conductor's slack until the preload, in mm/s; default the rig's approach speed"),
    slipLimitMm: sent.slipLimitMm.default(SETTING_LIMITS.slipLimitMm.default).describe('displacement during the hold above this is a slip, in mm'),
    failOnSlip: z.boolean().default(true),
    holdForceTolerancePct: planFigure({ above: 0, max: CONDITION_DEFAULTS.pullHoldForceTolerancePct.max, unit: '%' })
      .optional()
      .describe(
        `how far the force during a completed hold may be from the target, in %; beyond it the step is ERROR (condition not met). Default: ${CONDITION_DEFAULTS.pullHoldForceTolerancePct.source}`,
      ),
    rateTolerancePct: planFigure({ above: 0, max: CONDITION_DEFAULTS.pullRateTolerancePct.max, unit: '%' })
      .optional()
      .describe(
        `how far the force rate of the ramp (fitted over 20–80 % of the rise) may be from rateNps, in %; beyond it the step is ERROR (condition not met). Default: ${CONDITION_DEFAULTS.pullRateTolerancePct.source}`,
      ),
  })
  .superRefine(exactlyOne('forceN', 'force'))
  .superRefine(exactlyOne('holdS', 'hold'));

const TemperatureRiseStep = z
  .strictObject({
    kind: z.literal('temperature-rise'),
    ...stepBase,
    currentA: sent.heatCurrentA.optional().describe('heating current in A'),
    current: z.union([CurrentFromDutRating, CurrentFromStandard]).optional().describe('heating current by reference'),
    maxC: z.union([sent.tempLimitC, z.literal('dut')]).describe('absolute temperature limit in °C, or dut: the DUT\'s upper limit temperature (IEC 61984)'),
    maxRiseK: judged(ceilings.temperatureC, 'K').optional().describe('temperature-rise limit in K'),
    maxRise: z.strictObject({ standard: standardName }).optional().describe("the standard's rise limit (IEC 60947-7-1: 45 K)"),
    equilibriumKPerHour: judged(ceilings.equilibriumKPerHour, 'K/h').optional().describe('equilibrium: change below this per hour; default 1 K/h (common rule, unconfirmed for these standards)'),
    maxDurationS: judged(ceilings.durationS, 's').default(4 * 3600).describe('give up waiting for equilibrium after this many s'),
    ...ambientFigures(CONDITION_DEFAULTS.riseAmbientC, CONDITION_DEFAULTS.riseAmbientToleranceK, 'the ambient read before the current goes on'),
  })
  .superRefine(exactlyOne('currentA', 'current'))
  .superRefine(exactlyOne('maxRiseK', 'maxRise'));

const CheckStandardStep = z
  .strictObject({
    kind: z.literal('check-standard'),
    ...stepBase,
    samples: sent.vdropSamples.default(ARG_LIMITS.VDROP.samples.max).describe('ADC conversions averaged per channel (VDROP samples)'),
  })
  .describe(
    "shift-start verification: the rig's check standard (a reference resistor on a pole no DUT uses; id, pole, value, tolerance and current from the rig definition's calibration.checkStandard) is measured; out of tolerance the step is ERROR and the run gives no verdict. The station runs it on each rig's first unit and again after checkStandardEveryH",
  );

/** Steps run once per unit. */
export const UnitStep = z.discriminatedUnion('kind', [PromptStep, IsolationStep, CheckStandardStep], {
  error: (issue) => (issue.code === 'invalid_union' ? 'a unit step is one of: prompt, isolation, check-standard (vdrop, pull and temperature-rise run per pole: poleSteps)' : undefined),
});
/** Steps run for every pole. */
export const PoleStep = z.discriminatedUnion('kind', [PromptStep, VoltageDropStep, PullStep, TemperatureRiseStep], {
  error: (issue) => (issue.code === 'invalid_union' ? 'a pole step is one of: prompt, vdrop, pull, temperature-rise (isolation covers the unit: unitSteps or unitStepsAfter)' : undefined),
});
export type UnitStep = z.infer<typeof UnitStep>;
export type PoleStep = z.infer<typeof PoleStep>;
export type PlanStep = UnitStep | PoleStep;

export const PlanFile = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -'),
    description: z.string().min(1),
    marginalFraction: planFigure({ min: 0, max: 0.5, unit: '' }).default(0.1).describe('a value within this share of the range from a limit is MARGINAL (still a pass)'),
    decisionRule: z
      .enum(['simple', 'guarded'])
      .default('simple')
      .describe(
        'ILAC-G8:09/2019 decision rule for every judged value with an uncertainty: simple acceptance (the value against the limit) or guarded acceptance (guard band w = U, k = 2: a value within U inside a limit is a conditional pass and FAILs); docs/uncertainty.md',
      ),
    options: z
      .strictObject({
        stopOnFirstFail: z.boolean().default(false),
        retest: planFigure({ min: 0, max: 5, unit: '', integer: true }).default(0).describe('times a failed measurement is repeated before it counts'),
      })
      .default({ stopOnFirstFail: false, retest: 0 }),
    unitSteps: z.array(UnitStep).default([]).describe('run once, before the poles'),
    poleSteps: z.array(PoleStep).min(1).describe('run for every pole, in order'),
    unitStepsAfter: z.array(UnitStep).default([]).describe('run once, after the poles'),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    for (const list of ['unitSteps', 'poleSteps', 'unitStepsAfter'] as const) {
      plan[list].forEach((step, index) => {
        if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: 'must be unique in the plan (another step has this id)' });
        seen.add(step.id);
      });
    }
  });
export type PlanFile = z.infer<typeof PlanFile>;

/** A figure is given once: as a number or by reference, never both, never neither. */
function exactlyOne(explicitKey: string, referenceKey: string) {
  return (step: Record<string, unknown>, ctx: z.core.$RefinementCtx): void => {
    const given = [explicitKey, referenceKey].filter((key) => step[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: [explicitKey], message: given.length === 0 ? `give ${explicitKey} (a number) or ${referenceKey} (a reference)` : `give ${explicitKey} or ${referenceKey}, not both` });
    }
  };
}
