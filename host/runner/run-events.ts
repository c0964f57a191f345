import type { ResolvedStep } from '../plans/resolved-plan.js';
import type { MeasurementRecord, Outcome, StepRecord, TestRecord } from './test-record.js';

/** Where a step is in the run: `index` counts from 1 over every step of the run (unit steps + poles × pole steps). */
export interface StepPosition {
  scope: StepScope;
  stepId: string;
  stepKind: ResolvedStep['kind'];
  title: string;
  /** Absent for unit steps. */
  pole?: number;
  index: number;
  total: number;
  attempt: number;
}

/** Where a step belongs in the record: a unit step before the poles, a pole's step, or a unit step after them. */
export type StepScope = 'unit' | 'pole' | 'after';

/** The record of a run as known when it starts: everything but the steps and the outcome. */
export type RunHeader = Omit<TestRecord, 'endedAt' | 'durationMs' | 'simDurationMs' | 'unitSteps' | 'poles' | 'unitStepsAfter' | 'outcome' | 'cause' | 'teardownErrors'>;

/**
 * Events of a run, as they happen: a live display shows them, the journal writes them down (so a
 * run killed at any point can be read back), the record returned at the end sums them up.
 */
export type RunEvent =
  | { kind: 'run-started'; plan: string; serial: string; totalSteps: number; header: RunHeader }
  | ({ kind: 'step-started' } & StepPosition)
  | ({ kind: 'step-finished'; outcome: Outcome; cause?: string; marginal: boolean } & StepPosition)
  | { kind: 'measurement'; stepId: string; pole?: number; attempt: number; measurement: MeasurementRecord }
  | { kind: 'pull-sample'; stepId: string; pole: number; tMs: number; forceN: number; posMm: number }
  | { kind: 'temperature'; stepId: string; pole: number; elapsedS: number; tempC: number }
  /** A step is over, with every attempt (or it was skipped, or reused from the journal on resume). */
  | { kind: 'step-recorded'; scope: StepScope; pole?: number; record: StepRecord; resumed: boolean }
  | { kind: 'run-finished'; outcome: Outcome; cause?: string; record: TestRecord };
