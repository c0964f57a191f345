import type { ResolvedStep } from '../plans/resolved-plan.js';
import type { MeasurementRecord, Outcome } from './test-record.js';

/** Where a step is in the run: `index` counts from 1 over every step of the run (unit steps + poles × pole steps). */
export interface StepPosition {
  stepId: string;
  stepKind: ResolvedStep['kind'];
  title: string;
  /** Absent for unit steps. */
  pole?: number;
  index: number;
  total: number;
  attempt: number;
}

/** Events for a live display; the record, not these, is what gets stored. */
export type RunEvent =
  | { kind: 'run-started'; plan: string; serial: string; totalSteps: number }
  | ({ kind: 'step-started' } & StepPosition)
  | ({ kind: 'step-finished'; outcome: Outcome; cause?: string; marginal: boolean } & StepPosition)
  | { kind: 'measurement'; stepId: string; pole?: number; measurement: MeasurementRecord }
  | { kind: 'pull-sample'; stepId: string; pole: number; tMs: number; forceN: number; posMm: number }
  | { kind: 'temperature'; stepId: string; pole: number; elapsedS: number; tempC: number }
  | { kind: 'run-finished'; outcome: Outcome; cause?: string };
