import type { Clock } from '../../shared/clock.js';
import type { DecisionRule } from '../../plans/resolved-plan.js';
import type { RigDriver } from '../../rig/rig-driver.js';
import type { DeclaredMeasurement } from '../judge.js';
import type { RunEvent } from '../run-events.js';
import type { AlarmRecord, AttemptRecord, LinkInterruptionKind, StepRecord } from '../test-record.js';

/** What a measuring step gets: the rig, where it is, time, and the live event sink. */
export interface StepContext {
  driver: RigDriver;
  /** The pole under test; absent for unit steps. */
  pole?: number;
  /** This pole's steps recorded so far, in run order (pole steps only): what a later step may depend on. */
  earlierPoleSteps?: readonly StepRecord[];
  clock: Clock;
  emit: (event: RunEvent) => void;
  /** Set when the operator stops the run (Ctrl-C); long steps stop waiting. */
  signal?: AbortSignal;
  temperature: TemperaturePolling;
  /** The plan's decision rule; absent: simple acceptance. */
  decisionRule?: DecisionRule;
}

/** How a temperature rise is watched; the plan gives the equilibrium slope, the station the cadence. */
export interface TemperaturePolling {
  pollEveryS: number;
  /** Span over which the slope is fitted; equilibrium needs readings over at least this long. */
  windowS: number;
}

/** A step that could not finish: an operator or E-stop stopped it (ABORTED) or the rig failed (ERROR). */
export interface Interruption {
  outcome: 'ABORTED' | 'ERROR';
  cause: string;
  alarm?: AlarmRecord;
  /** The link went away (port closed, rig rebooted): the step must run again on resume. */
  interruptedBy?: LinkInterruptionKind;
  /**
   * ERROR about this step alone: the rig ended it in its normal state (safe, homed, nothing latched), so the
   * run goes on with the next steps and poles instead of stopping after a rig error.
   */
  rigReady?: true;
}

/** What a step measured; the runner judges the measurements. */
export interface StepResult {
  measurements: DeclaredMeasurement[];
  interruption?: Interruption;
  /** Evidence kept in the record with the attempt (samples, temperatures, pull result). */
  evidence?: Pick<AttemptRecord, 'samples' | 'samplesLost' | 'pullResult' | 'temperatures' | 'notes'>;
}

export function sleepMs(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const handle = clock.schedule(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    const onAbort = (): void => {
      clock.cancel(handle);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
