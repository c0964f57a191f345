import { z } from 'zod';
import type { RunHeader, StepScope } from '../../runner/run-events.js';
import type { MeasurementRecord, Outcome, StepRecord } from '../../runner/test-record.js';

/**
 * One line of a run's journal (JSON Lines, append-only, `journal.jsonl` in the run's folder). The
 * first line names the run; measurements, sample chunks and finished steps follow as they are made,
 * each fsynced; `end` closes a complete run. A run killed at any point leaves every line before the
 * kill, and at worst a torn last line, which the reader drops.
 *
 * Nested records (StepRecord, MeasurementRecord, the header) are the runner's own types, written by
 * this program: the schema checks their frame, not every field again.
 */
export const JOURNAL_VERSION = 1;

const scope = z.enum(['unit', 'pole', 'after']);
const where = { scope, pole: z.number().int().positive().optional(), stepId: z.string().min(1), kind: z.string(), title: z.string() };
const record = z.looseObject({});

/** What `run` was asked, so `resume` can resolve the same plan again. */
export const runInputSchema = z.object({
  plan: z.string().min(1),
  dut: z.string().min(1),
  conductor: z.string().min(1),
  /** The simulator scenario file, when the run was on a simulator with one. */
  scenario: z.string().optional(),
  /** The rig kind (`--rig`); absent in journals from before there were two kinds: uno-pull. */
  rigKind: z.enum(['uno-pull', 'firmata']).optional(),
  /** The Firmata rig file the run used (absolute path). */
  rigFile: z.string().optional(),
});
export type RunInput = z.infer<typeof runInputSchema>;

export const journalLineSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('run'), v: z.literal(JOURNAL_VERSION), runId: z.string().min(1), totalSteps: z.number().int().nonnegative(), input: runInputSchema, header: z.looseObject({ serial: z.string(), startedAt: z.string() }) }),
  // The resumed part's calibration and release mark (absent in journals written before they were recorded).
  z.object({ t: z.literal('resumed'), at: z.string(), rig: record, calibration: record.optional(), release: z.object({ forRelease: z.boolean(), reason: z.string().optional() }).optional() }),
  z.object({ t: z.literal('measurement'), at: z.string(), ...where, attempt: z.number().int().positive(), m: z.looseObject({ name: z.string(), verdict: z.string() }) }),
  z.object({ t: z.literal('samples'), ...where, attempt: z.number().int().positive(), s: z.array(z.tuple([z.number(), z.number(), z.number()])) }),
  z.object({ t: z.literal('step'), at: z.string(), scope, pole: z.number().int().positive().optional(), record: z.looseObject({ stepId: z.string(), outcome: z.string(), attempts: z.array(record) }) }),
  z.object({ t: z.literal('end'), outcome: z.string(), cause: z.string().optional(), endedAt: z.string(), durationMs: z.number(), simDurationMs: z.number().optional(), teardownErrors: z.array(z.string()) }),
]);

interface StepWhere {
  scope: StepScope;
  pole?: number;
  stepId: string;
  kind: StepRecord['kind'];
  title: string;
}

/** A journal line with the runner's own types inside (what the schema's frame admits). */
export type JournalLine =
  | { t: 'run'; v: typeof JOURNAL_VERSION; runId: string; totalSteps: number; input: RunInput; header: RunHeader }
  | { t: 'resumed'; at: string; rig: RunHeader['rig']; calibration?: RunHeader['calibration']; release?: RunHeader['release'] }
  | (StepWhere & { t: 'measurement'; at: string; attempt: number; m: MeasurementRecord })
  | (StepWhere & { t: 'samples'; attempt: number; s: Array<[number, number, number]> })
  | { t: 'step'; at: string; scope: StepScope; pole?: number; record: StepRecord }
  | { t: 'end'; outcome: Outcome; cause?: string; endedAt: string; durationMs: number; simDurationMs?: number; teardownErrors: string[] };

/** The journal's file name inside a run folder. */
export const JOURNAL_FILE = 'journal.jsonl';
