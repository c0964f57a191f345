import { z } from 'zod';
/**
 * A plan with every figure resolved for one DUT spec, one conductor and one rig: what the runner
 * executes. Produced by the plan resolver (plan file + DUT spec + standards tables + conductor);
 * nothing in the runner knows a standard or a part number.
 */

/** Where a limit or a test figure came from, in words a quality engineer can check. */
export const Source = z.string();
export type Source = z.infer<typeof Source>;

/** Limits of one measurement. `marginalFraction`: a value within this share of the range from a limit is MARGINAL (still a pass). */
export const Limits = z.strictObject({
  unit: z.string(),
  low: z.number().optional(),
  high: z.number().optional(),
  marginalFraction: z.number().optional().describe('a passing value this close to a limit (share of the span) is MARGINAL'),
  source: Source.describe('where the limit comes from: standard, table, plan'),
});
export type Limits = z.infer<typeof Limits>;

/** How a value is judged against its limits given its uncertainty (ILAC-G8:09/2019): runner/decision-rule.ts. */
export const DecisionRule = z.enum(['simple', 'guarded']);
export type DecisionRule = z.infer<typeof DecisionRule>;

/** How far a test condition may be from its nominal value: `fraction` 0.05 = ±5 %, and where that figure comes from. */
export interface ConditionTolerance {
  fraction: number;
  source: Source;
}

/** The temperature a step must run at: nominal ± tolerance (a rig without a thermometer records none). */
export interface AmbientCondition {
  nominalC: number;
  toleranceK: number;
  source: Source;
}

interface StepBase {
  /** Stable id, unique in the plan, e.g. `vdrop-before`, used in records and CSV. */
  id: string;
  /** A person's name for the step. */
  title: string;
  /** An optional step may be skipped (outcome SKIPPED) by the operator or `--skip`. */
  optional: boolean;
}

/** Ask the operator to act (insert a conductor …) and confirm; nothing is measured. */
export interface PromptStep extends StepBase {
  kind: 'prompt';
  /** In pole steps the text may hold `{pole}`: the runner puts the pole number in. */
  text: string;
  /** The DUT must not be mated or handled live (IEC 61984, no breaking capacity): current off before this prompt. */
  requireCurrentOff?: boolean;
}

/** Isolation and wiring map over all poles (once per unit). */
export interface IsolationStep extends StepBase {
  kind: 'isolation';
  poles: number;
  /** Far-end terminal each pole must reach (1..poles). */
  expectedWiring: number[];
  source: Source;
  /** Lower limit of every pole pair's insulation resistance (unit MΩ), on rigs with an insulation meter. */
  insulation: Limits;
}

/** 4-wire voltage drop on one pole. */
export interface VoltageDropStep extends StepBase {
  kind: 'vdrop';
  currentA: number;
  currentSource: Source;
  /** Test condition: the current that actually flows may be this far from `currentA`. */
  currentTolerance: ConditionTolerance;
  /** Test condition: the temperature before the current goes on. */
  ambient: AmbientCondition;
  samples: number;
  limits: { dropMv: Limits };
}

/** Pull-out force test on one pole. */
export interface PullStep extends StepBase {
  kind: 'pull';
  forceN: number;
  forceSource: Source;
  rateNps: number;
  holdMs: number;
  preloadN: number;
  /** Speed until the preload is reached; undefined = the rig's default approach speed. */
  approachMmps?: number;
  /** Displacement during the hold above this = slip (a FAIL when `failOnSlip`). */
  slipLimitMm: number;
  failOnSlip: boolean;
  /** Test condition: in a completed hold the force stays this close to `forceN`. */
  holdForceTolerance: ConditionTolerance;
  /** Test condition: the ramp's force rate stays this close to `rateNps`. */
  rateTolerance: ConditionTolerance;
}

/** Temperature rise at a current until equilibrium (or a time limit) on one pole. */
export interface TemperatureRiseStep extends StepBase {
  kind: 'temperature-rise';
  currentA: number;
  currentSource: Source;
  /** Equilibrium: the temperature changes less than this per hour (standards.md: unconfirmed, a parameter). */
  equilibriumKPerHour: number;
  /** Where the equilibrium criterion came from (a plan figure or the unconfirmed default). */
  equilibriumSource?: Source;
  maxDurationS: number;
  /** Test condition: the ambient when the current goes on. */
  ambient: AmbientCondition;
  limits: { temperatureC: Limits; riseK: Limits };
}

/**
 * Shift-start verification against the rig's check standard (RigDriver.checkStandard): its figures are the
 * rig's, so they are taken when the step runs; the plan sets only how many samples are averaged.
 */
export interface CheckStandardStep extends StepBase {
  kind: 'check-standard';
  samples: number;
}

export type ResolvedStep = PromptStep | IsolationStep | VoltageDropStep | PullStep | TemperatureRiseStep | CheckStandardStep;

/** What a step needs from the rig (INFO caps). */
export const STEP_CAPABILITY: Record<ResolvedStep['kind'], string | null> = {
  prompt: null,
  isolation: 'iso',
  vdrop: 'vdrop',
  pull: 'pull',
  'temperature-rise': 'heat',
  'check-standard': 'vdrop',
};

export interface ResolvedPlan {
  name: string;
  description: string;
  /** sha256 of the plan file's text, so a record names exactly which plan ran. */
  planHash: string;
  dut: {
    partNumber: string;
    poles: number;
    description: string;
    /** Connectors without breaking capacity must not be connected/disconnected live or under load. */
    mustNotConnectLive?: boolean;
    /** Set when the spec's figures are extrapolated, not read from a datasheet. */
    illustrative?: string;
  };
  conductor: { id: string; crossSectionMm2: number; awg?: number; kind: string; text: string };
  /** Steps run once before the poles (e.g. isolation), in order. */
  unitSteps: ResolvedStep[];
  /** Steps run for each pole, in order; `poles` lists the poles (1-based) to run. */
  poleSteps: ResolvedStep[];
  poles: number[];
  /** Steps run once after all poles (e.g. isolation, which needs every conductor in place), in order. */
  unitStepsAfter?: ResolvedStep[];
  /** Files the plan was resolved from, for records. */
  files?: { plan: string; dut: string };
  options: { stopOnFirstFail: boolean; retest: number };
  /** The plan's decision rule; absent (plans resolved before it existed): simple acceptance. */
  decisionRule?: DecisionRule;
}
