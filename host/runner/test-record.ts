import { z } from 'zod';
import { Outcome } from '../shared/outcome.js';
import { LinkCounts } from '../link/link-counts.js';
import { Limits, STEP_CAPABILITY, type ResolvedStep } from '../plans/resolved-plan.js';
import { DecisionRuleRecord, DecisionStatement } from './decision-rule.js';
import { CalibrationRecord, ReleaseRecord } from './calibration-status.js';
import { UncertaintyRecord } from './uncertainty/budget.js';

/**
 * One record per unit tested: the single source for every output (run.json, a journal, CSV, reports).
 * Plain JSON-able data only (no Dates, Maps or class instances), so sinks can serialise it as it is.
 * Defined once as a zod schema: the types below are inferred from it, and docs/run.schema.json is
 * exported from it (host/results/export-run-schema.ts) for the people who read run.json.
 */

/** PASS/FAIL/MARGINAL of one measurement; MARGINAL passes but sits close to a limit. */
export const MeasurementVerdict = z.enum(['PASS', 'MARGINAL', 'FAIL']).describe('MARGINAL passes but sits close to a limit');
export type MeasurementVerdict = z.infer<typeof MeasurementVerdict>;

export { Outcome };

const isoTime = (what: string) => z.string().describe(`${what}: ISO 8601 with the local offset, e.g. 2025-03-01T09:12:44.120+01:00`);

export const MeasurementRecord = z.strictObject({
  name: z.string().describe('stable name within the step, e.g. drop, peak-force, far-end-terminal'),
  value: z.number().nullable().describe('null when nothing could be measured (an open circuit); cause then says why'),
  unit: z.string(),
  limits: Limits.omit({ unit: true }),
  verdict: MeasurementVerdict,
  cause: z.string().optional().describe('why it failed or is marginal, in words a technician reads; for a value beyond the rig\'s range, which bound'),
  pole: z.number().int().optional().describe('the pole it belongs to, for unit-scope steps (isolation) that measure every pole'),
  pair: z.tuple([z.number().int(), z.number().int()]).optional().describe('the pole pair (a < b) a pair-scoped value belongs to (insulation resistance); both poles share its verdict'),
  beyondRange: z.enum(['above', 'below']).optional().describe('the true value lies beyond the rig\'s range and value is the bound it lies beyond'),
  condition: z.strictObject({ nominal: z.number() }).optional().describe('the value is a test condition (the current that flowed), not a property of the DUT: its limits are the tolerance around nominal; a FAIL makes the step ERROR'),
  measuredAt: isoTime('when the value was taken').optional().describe('when the value was taken (ISO 8601 with the local offset); journals from before it was recorded have none'),
  uncertainty: UncertaintyRecord.optional(),
  decision: DecisionStatement.optional().describe('ILAC-G8 statement about the value against its limits given its uncertainty, for every judged value'),
  warning: z.string().optional().describe('the limit\'s tolerance is less than 4 U: the verdict carries a false-accept risk (never changes it)'),
});
export type MeasurementRecord = z.infer<typeof MeasurementRecord>;

export const PullSampleRecord = z.strictObject({ tMs: z.number(), posMm: z.number(), forceN: z.number() });
export type PullSampleRecord = z.infer<typeof PullSampleRecord>;

export const AlarmRecord = z.strictObject({ code: z.number().int(), name: z.string(), text: z.string() });
export type AlarmRecord = z.infer<typeof AlarmRecord>;

/** Per-pole verdict of a unit-scope step (isolation), so a per-pole table can show which pole failed. */
export const PoleVerdictRecord = z.strictObject({ pole: z.number().int(), verdict: z.enum(['PASS', 'FAIL']), causes: z.array(z.string()) });
export type PoleVerdictRecord = z.infer<typeof PoleVerdictRecord>;

/** Why a step stopped without a verdict on the unit: its port closed, or the rig rebooted under it. */
export const LinkInterruptionKind = z.enum(['link-lost', 'rig-reset']);
export type LinkInterruptionKind = z.infer<typeof LinkInterruptionKind>;

export const AttemptRecord = z.strictObject({
  attempt: z.number().int().describe('1 for the first try; retests count on'),
  startedAt: isoTime('start of the attempt'),
  durationMs: z.number().describe('wall time of the attempt'),
  simDurationMs: z.number().optional().describe('on a simulated rig, the attempt\'s length in the simulator\'s time; absent on a real rig'),
  outcome: Outcome,
  cause: z.string().optional(),
  measurements: z.array(MeasurementRecord),
  samples: z.array(PullSampleRecord).optional().describe('pull: the force curve'),
  samplesLost: z.number().int().optional().describe('pull: numbered samples that never arrived'),
  pullResult: z.string().optional().describe('pull: the firmware\'s end result (held, slip, pullout, noload, aborted, alarm)'),
  notes: z.array(z.string()).optional().describe('what the attempt could not record on this rig and why'),
  temperatures: z.array(z.strictObject({ tS: z.number(), tempC: z.number() })).optional().describe('temperature rise: readings (seconds since the current went on, °C)'),
  poleVerdicts: z.array(PoleVerdictRecord).optional(),
  alarms: z.array(AlarmRecord).optional(),
  error: z.string().optional().describe('rig or link failure text, when the outcome is ERROR'),
  interruptedBy: LinkInterruptionKind.optional().describe('the link went away during this attempt; the step runs again when the run is resumed'),
  rigReady: z.literal(true).optional().describe('an ERROR that left the rig in its normal state (a pull with nothing in the grip): the run went on'),
});
export type AttemptRecord = z.infer<typeof AttemptRecord>;

/** Every step kind a plan can have, from the one table that lists them all (STEP_CAPABILITY). */
const StepKind = z.enum(Object.keys(STEP_CAPABILITY) as [ResolvedStep['kind'], ...Array<ResolvedStep['kind']>]);

export const StepRecord = z.strictObject({
  stepId: z.string(),
  kind: StepKind,
  title: z.string(),
  optional: z.boolean(),
  outcome: Outcome.describe('the last attempt\'s outcome (retests keep every attempt; the last one decides)'),
  cause: z.string().optional(),
  marginal: z.boolean().describe('a passing step with a measurement close to a limit'),
  attempts: z.array(AttemptRecord),
  link: LinkCounts.optional().describe('what the rig\'s link went through during the step, every attempt together; absent for a rig without a line link (Firmata) and a step that did not run'),
  interruptedBy: LinkInterruptionKind.optional().describe('the last attempt was cut off by a lost link or a rig reboot: not finished, runs again on resume'),
  rigReady: z.literal(true).optional().describe('the last attempt was an ERROR that left the rig ready: the steps after it ran'),
  warnings: z.array(z.string()).optional().describe('warnings of the last attempt\'s measurements (tolerance < 4 U), once per measurement name'),
});
export type StepRecord = z.infer<typeof StepRecord>;

export const PoleRecord = z.strictObject({
  pole: z.number().int(),
  outcome: Outcome.describe('its own steps and what unit-scope steps (isolation) found on it'),
  steps: z.array(StepRecord),
});
export type PoleRecord = z.infer<typeof PoleRecord>;

export const TestRecord = z.strictObject({
  recordVersion: z.literal(1),
  serial: z.string(),
  plan: z.strictObject({ name: z.string(), description: z.string(), hash: z.string(), stopOnFirstFail: z.boolean(), retest: z.number().int() }),
  dut: z.strictObject({ partNumber: z.string(), poles: z.number().int(), description: z.string(), illustrative: z.string().optional() }),
  files: z.strictObject({ plan: z.string(), dut: z.string() }).optional().describe('files the plan was resolved from'),
  conductor: z.strictObject({ id: z.string(), crossSectionMm2: z.number(), awg: z.number().optional(), kind: z.string(), text: z.string() }),
  rig: z
    .strictObject({
      id: z.string(),
      firmwareVersion: z.string(),
      protocol: z.string(),
      calDate: z.number().int().describe('as the rig gives it: YYYYMMDD, 0 = never calibrated'),
      calibrationDate: z.string().nullable().optional().describe('only in journals written before calibration carried the date; nothing writes it now'),
      where: z.string(),
    })
    .describe('the rig the run began on'),
  calibration: CalibrationRecord.optional().describe('the calibration the run relied on; absent in older journals'),
  release: ReleaseRecord.optional().describe('forRelease false: the run went on with a calibration that was not valid (--allow-uncalibrated); absent in older journals'),
  operator: z.string().nullable(),
  station: z.string().nullable(),
  skipOptional: z.boolean(),
  startedAt: isoTime('start of the run'),
  endedAt: isoTime('end of the run'),
  durationMs: z.number().describe('wall time from startedAt to endedAt'),
  simDurationMs: z.number().optional().describe('on a simulated rig, the run\'s length in the simulator\'s time; absent on a real rig and for a resumed run'),
  unitSteps: z.array(StepRecord),
  poles: z.array(PoleRecord),
  unitStepsAfter: z.array(StepRecord).describe('steps run once after all poles (isolation with every conductor in place)'),
  decisionRule: DecisionRuleRecord.optional().describe('the decision rule the verdicts follow; absent in journals from before records stated it (simple acceptance)'),
  outcome: Outcome.describe('worst outcome of every step'),
  cause: z.string().optional().describe('the first failure or interruption in words'),
  teardownErrors: z.array(z.string()).describe('problems in teardown (the rig could not be made safe cleanly); never change the outcome'),
});
export type TestRecord = z.infer<typeof TestRecord>;
