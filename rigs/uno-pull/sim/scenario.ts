import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readWithExtends } from '../../../host/shared/extends-chain.js';
import { validateData } from '../../../host/shared/load-data-file.js';
import { FileValidationError, describeIssues } from '../../../host/shared/validation-error.js';
import type { RigDefinition } from '../rig-definition.js';
import { PAIR_DEFECT_KINDS, Population, type DefectKind } from './population-schema.js';

/** The scenario used when none is named: a good 4-pole WAGO 831 with 10 mm² conductors. */
export const defaultScenarioFile = fileURLToPath(new URL('./scenarios/good-831-1104-10mm2.yaml', import.meta.url));

const positive = z.number().positive();
const nonNegative = z.number().min(0);
const poleNumber = z.number().int().min(1).max(8);

/** Physical truth of one pole of the DUT (with its conductor and clamp). */
export const PoleParams = z.strictObject({
  contactResistanceMilliohm: positive.describe('4-wire resistance of the pole between the Kelvin pick-off points'),
  holdingForceN: positive.describe('force at which the conductor leaves the clamp'),
  slipOnsetN: nonNegative.describe('force above which the conductor creeps'),
  slipRateMmPerSPerN: nonNegative.describe('creep speed per newton above the onset'),
  stiffnessNPerMm: positive.describe('conductor + grip stiffness once taut'),
  slackMm: nonNegative.describe('travel before the conductor is taut'),
  thermalResistanceKPerW: positive,
  timeConstantS: positive,
});
export type PoleParams = z.infer<typeof PoleParams>;
export type PoleParamName = keyof PoleParams;

/** Sigma of one pole parameter across units: absolute (in the parameter's unit) or relative to the nominal. */
const SigmaSpec = z
  .strictObject({
    sigma: nonNegative.optional().describe("absolute sigma, in the parameter's own unit"),
    sigmaFraction: z.number().min(0).max(1).optional().describe('sigma as a fraction of the nominal value'),
  })
  .refine((spec) => (spec.sigma === undefined) !== (spec.sigmaFraction === undefined), 'give exactly one of sigma or sigmaFraction');
export type SigmaSpec = z.infer<typeof SigmaSpec>;

const sigmaPerParam = Object.fromEntries(PoleParams.keyof().options.map((name) => [name, SigmaSpec.optional()])) as {
  [K in PoleParamName]: z.ZodOptional<typeof SigmaSpec>;
};

/**
 * Unit-to-unit spread: every pole of a unit draws each listed parameter from a normal around its
 * nominal (poleDefaults + poleOverrides). Which unit of the population is simulated is the unit
 * seed (the simulator's unitSeed option or replaceDut() win over the one given here).
 */
export const Spread = z.strictObject({
  unitSeed: z.number().int().min(0).default(1).describe('which unit of the population, unless the simulator names one'),
  truncateSigma: z.number().min(1).default(4).describe('draws beyond this many sigma are redrawn (incoming inspection removes gross outliers)'),
  ...sigmaPerParam,
  insertionDepthFraction: z
    .strictObject({ sigma: z.number().min(0).max(0.5).describe('sigma of the shortfall, as a fraction of full depth') })
    .optional()
    .describe('how far each conductor went in, as a fraction of full depth: 1 − |sigma·z|; contact resistance ÷ depth, holding force and slip onset × depth'),
  leakageOhm: z
    .strictObject({ sigmaDecades: z.number().min(0).max(3).describe('sigma of log10(insulation)') })
    .optional()
    .describe("insulation of every pole pair drawn log-normally around its nominal (isolation.leakageOhm or the pair's own figure)"),
});
export type Spread = z.infer<typeof Spread>;

const Fault = z.discriminatedUnion('kind', [
  z.strictObject({ atMs: nonNegative, kind: z.literal('estop'), pressed: z.boolean().default(true) }),
  z.strictObject({ atMs: nonNegative, kind: z.literal('guard'), open: z.boolean().default(true) }),
  z.strictObject({ atMs: nonNegative, kind: z.literal('thermocoupleOpen'), open: z.boolean().default(true) }),
  z.strictObject({
    atMs: nonNegative,
    kind: z.literal('loadCellFault'),
    offsetN: z.number().default(0).describe('added to the true force before conversion'),
    scale: z.number().default(1).describe('multiplies the true force before conversion'),
  }),
  z.strictObject({
    atMs: nonNegative,
    kind: z.literal('unplug'),
    forMs: positive.optional().describe('plugged back after this long; absent = never'),
  }).describe('the USB cable is pulled: the port disappears, the rig (own supply) runs on'),
  z.strictObject({ atMs: nonNegative, kind: z.literal('reset') }).describe('the MCU resets (brown-out, a glitch): it boots again and sends its banner'),
]);
export type ScenarioFault = z.infer<typeof Fault>;
/** The faults of the rig's world (switches, sensors); unplug and reset act on the board and its link. */
export type WorldFault = Exclude<ScenarioFault, { kind: 'unplug' | 'reset' }>;

const ScenarioShape = z.strictObject({
  name: z.string().min(1),
  dut: z.string().min(1).describe('part number of the device under test'),
  poles: poleNumber,
  ambientC: z.number().min(-40).max(80),
  noise: z
    .strictObject({
      adcLsb: nonNegative.default(1).describe('sigma of ADC noise in LSB of the 1.1 V reference'),
      forceN: nonNegative.default(0.05).describe('sigma of load-cell noise in newtons'),
      seed: z.number().int().min(0).default(1),
    })
    .prefault({}),
  loadCell: z
    .strictObject({
      tareCounts: z.number().int().optional().describe('true zero of the cell; default rig loadCell.defaultTareCounts'),
      countsPerN: positive.optional().describe('true sensitivity; default rig loadCell.defaultCountsPerN'),
    })
    .prefault({}),
  currentSource: z
    .strictObject({
      gainError: z.number().min(-0.5).max(0.5).default(0),
      loopOhm: nonNegative.default(0.005).describe('leads and fixture in the current loop, outside the Kelvin pick-off'),
    })
    .prefault({}),
  measuringChain: z
    .strictObject({
      senseGainError: z.number().min(-0.1).max(0.1).default(0).describe('relative error of the Kelvin sense amplifier: actual gain = rig senseGain · (1 + error)'),
      shuntGainError: z.number().min(-0.1).max(0.1).default(0).describe('relative error of the shunt amplifier and shunt together: actual = rig shuntGain · (1 + error)'),
    })
    .prefault({})
    .describe("the rig's own parts off their nominal figures (within the tolerances of rig.yaml's uncertainty block on a good rig): the error the uncertainty budget covers"),
  isolation: z
    .strictObject({
      leakageOhm: positive.default(1e12).describe('insulation between every pair of poles not listed in pairs'),
      pairs: z
        .record(z.string(), positive)
        .default({})
        .describe('insulation of particular pole pairs in ohms, e.g. { "1-2": 200000 }'),
    })
    .prefault({}),
  poleDefaults: PoleParams,
  spread: Spread.optional().describe('unit-to-unit spread of the pole parameters; absent = every unit exactly nominal'),
  population: Population.optional().describe('each serial number its own unit, drawn from (seed, serial): the spread, and defects at the given rates; absent = one unit (the unit seed)'),
  poleOverrides: z.record(z.string().regex(/^[1-8]$/, 'a pole number 1..8'), PoleParams.partial()).default({}),
  wiring: z.array(z.number().int().min(0).max(8)).describe('far-end terminal each pole reaches, 0 = open'),
  emptyPoles: z
    .array(poleNumber)
    .default([])
    .describe('poles with no conductor in the clamp: no current path (their wiring entry is 0) and nothing for the puller to pull'),
  shorts: z.array(z.strictObject({ poles: z.tuple([poleNumber, poleNumber]), ohm: positive })).default([]),
  faults: z.array(Fault).default([]),
  mountedPole: poleNumber.optional().describe('pole whose conductor the puller grips; default: the Kelvin-selected pole'),
  rigCalibration: z
    .strictObject({
      calDate: z.number().int().min(0).max(99991231).optional().describe('the simulated rig\'s calibration date at power-on (YYYYMMDD, 0 = never); default the factory calibration, the first of the current month'),
      checksum: z.enum(['valid', 'mismatch']).default('valid').describe('mismatch: the span was changed after the calibration (calCheck no longer matches)'),
    })
    .prefault({})
    .describe('the simulated rig\'s calibration as stored on it at power-on'),
  checkStandard: z
    .strictObject({ milliohm: positive.optional().describe('true value of the check standard; default its certified value (rig.yaml calibration.checkStandard.milliohm): a drifted standard or rig reads otherwise') })
    .prefault({})
    .describe("the reference resistor wired to the rig's check-standard pole"),
});

function checkCrossFields(scenario: z.infer<typeof ScenarioShape>, ctx: z.core.$RefinementCtx, rigPoles: number | null): void {
  const { poles } = scenario;
  if (rigPoles !== null && poles > rigPoles) {
    ctx.addIssue({ code: 'custom', path: ['poles'], message: `must not exceed the rig's poles (${rigPoles})` });
  }
  if (scenario.wiring.length !== poles) {
    ctx.addIssue({ code: 'custom', path: ['wiring'], message: `must list one far-end terminal per pole: ${poles} entries (0..${poles})` });
  }
  scenario.wiring.forEach((terminal, index) => {
    if (terminal > poles) ctx.addIssue({ code: 'custom', path: ['wiring', index], message: `must be 0 (open) or a terminal 1..${poles}` });
  });
  scenario.shorts.forEach((short, index) => {
    short.poles.forEach((pole, end) => {
      if (pole > poles) ctx.addIssue({ code: 'custom', path: ['shorts', index, 'poles', end], message: `must be a pole 1..${poles}` });
    });
    if (short.poles[0] === short.poles[1]) ctx.addIssue({ code: 'custom', path: ['shorts', index, 'poles'], message: 'must name two different poles' });
  });
  const pairsSeen = new Set<string>();
  for (const key of Object.keys(scenario.isolation.pairs)) {
    const path = ['isolation', 'pairs', key];
    if (!/^[1-8]-[1-8]$/.test(key)) {
      ctx.addIssue({ code: 'custom', path, message: 'must be a pole pair a-b, e.g. 1-2' });
      continue;
    }
    const [a, b] = key.split('-').map(Number) as [number, number];
    if (a === b) ctx.addIssue({ code: 'custom', path, message: 'must name two different poles' });
    else if (Math.max(a, b) > poles) ctx.addIssue({ code: 'custom', path, message: `must name poles 1..${poles}` });
    else if (pairsSeen.has(insulationPairKey(a, b))) ctx.addIssue({ code: 'custom', path, message: `pair ${insulationPairKey(a, b)} is given twice` });
    pairsSeen.add(insulationPairKey(a, b));
  }
  for (const key of Object.keys(scenario.poleOverrides)) {
    if (Number(key) > poles) ctx.addIssue({ code: 'custom', path: ['poleOverrides', key], message: `must be a pole 1..${poles}` });
  }
  scenario.emptyPoles.forEach((pole, index) => {
    if (pole > poles) ctx.addIssue({ code: 'custom', path: ['emptyPoles', index], message: `must be a pole 1..${poles}` });
    else if (scenario.emptyPoles.indexOf(pole) !== index) ctx.addIssue({ code: 'custom', path: ['emptyPoles', index], message: `pole ${pole} is listed twice` });
    else if ((scenario.wiring[pole - 1] ?? 0) !== 0) {
      // One truth per pole: an empty pole cannot reach a terminal, and the file must not say it does.
      ctx.addIssue({ code: 'custom', path: ['wiring', pole - 1], message: `pole ${pole} has no conductor (emptyPoles), so it reaches no terminal: must be 0` });
    }
  });
  for (const [kind, rate] of Object.entries(scenario.population?.defects ?? {})) {
    if (rate && poles < 2 && PAIR_DEFECT_KINDS.has(kind as DefectKind)) {
      ctx.addIssue({ code: 'custom', path: ['population', 'defects', kind], message: `needs a pair of poles: the DUT has ${poles}; allowed 0 here` });
    }
  }
  if (scenario.mountedPole !== undefined && scenario.mountedPole > poles) {
    ctx.addIssue({ code: 'custom', path: ['mountedPole'], message: `must be a pole 1..${poles}` });
  }
}

/** Scenario schema on its own (no rig known): every check except the rig's pole count. */
export const Scenario = ScenarioShape.superRefine((scenario, ctx) => checkCrossFields(scenario, ctx, null));
export type Scenario = z.infer<typeof ScenarioShape>;

/** Scenario schema for a rig that switches `rigPoles` poles: also refuses more DUT poles than that. */
function scenarioSchemaForPoles(rigPoles: number) {
  return ScenarioShape.superRefine((scenario, ctx) => checkCrossFields(scenario, ctx, rigPoles));
}

/**
 * Load and validate a scenario file (a top-level `extends: <file>` starts from another scenario);
 * throws FileValidationError naming file, field, value and what is allowed.
 */
export function loadScenario(filePath: string, rig: RigDefinition): Scenario {
  return loadScenarioForPoles(filePath, rig.poles);
}

/** loadScenario for a rig that switches `rigPoles` poles. */
export function loadScenarioForPoles(filePath: string, rigPoles: number): Scenario {
  return validateData(filePath, readWithExtends(filePath), scenarioSchemaForPoles(rigPoles));
}

/** A scenario given as a file (loaded) or an object (validated) for a rig that switches `rigPoles` poles. */
export function resolveScenarioForPoles(scenario: Scenario | string, rigPoles: number): Scenario {
  if (typeof scenario === 'string') return loadScenarioForPoles(scenario, rigPoles);
  const schema = scenarioSchemaForPoles(rigPoles);
  const result = schema.safeParse(scenario);
  if (!result.success) throw new FileValidationError('(scenario object)', describeIssues(scenario, result.error.issues, schema));
  return result.data;
}

/** The key of a pole pair in `isolation.pairs` and in the twin's truth: `a-b` with a < b. */
export function insulationPairKey(a: number, b: number): string {
  return `${Math.min(a, b)}-${Math.max(a, b)}`;
}

/** The scenario's pair insulation keyed `a-b` with a < b (a file may write `2-1`). */
export function pairLeakageOhm(scenario: Scenario): Record<string, number> {
  return Object.fromEntries(Object.entries(scenario.isolation.pairs).map(([key, ohm]) => {
    const [a, b] = key.split('-').map(Number) as [number, number];
    return [insulationPairKey(a, b), ohm];
  }));
}

/** Full parameters of pole p (1-based): defaults with the pole's overrides on top. */
export function poleParams(scenario: Scenario, pole: number): PoleParams {
  return { ...scenario.poleDefaults, ...scenario.poleOverrides[String(pole)] };
}
