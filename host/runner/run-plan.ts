import { wallClock, type Clock } from '../shared/clock.js';
import type { ResolvedPlan, ResolvedStep } from '../plans/resolved-plan.js';
import type { RigCalibration, RigDriver } from '../rig/rig-driver.js';
import { CALIBRATION_OVERRIDE_TEXT, type ReleaseRecord } from './calibration-status.js';
import { runStartOf, type RunStart } from './run-start.js';
import { isoWithOffset } from './iso-time.js';
import { worstOutcome } from './judge.js';
import type { Operator } from './operator.js';
import { polesWithOutcomes } from './pole-outcome.js';
import { PlanRefusedError, refuseIfAlarmLatched, refuseUnlessRunnable } from './plan-refusal.js';
import type { RunEvent, StepScope } from './run-events.js';
import { runStep, skippedStep, type StepRunOptions } from './run-step.js';
import type { StepContext, TemperaturePolling } from './steps/step-context.js';
import type { Outcome, PoleRecord, StepRecord, TestRecord } from './test-record.js';

export interface RunPlanOptions {
  serial: string;
  operatorName?: string;
  station?: string;
  skipOptional?: boolean;
  /** Steps not to run on this unit, by step id, with the cause their SKIPPED record gives (a station's sampling of destructive steps). */
  skipSteps?: ReadonlyMap<string, string>;
  /**
   * Time for waits and attempt durations: the simulator's own for `sim`, so a fast simulation is not waited for
   * in wall time. The run's durationMs is wall time; a simulated clock's run length goes beside it (simDurationMs).
   */
  clock?: Clock;
  onEvent?: (event: RunEvent) => void;
  /** Stops the run (Ctrl-C): the rig is made safe at once, the step ends ABORTED, the rest is skipped. */
  signal?: AbortSignal;
  temperature?: TemperaturePolling;
  /** Finish an interrupted run: steps recorded before the interruption are kept as they are, the rest run. */
  resume?: ResumeFrom;
  /**
   * Run on a rig whose calibration is not valid (expired, never, checksum mismatch), for this reason: the run
   * goes on and the record says it is not for release. Without it such a rig is refused before anything moves.
   */
  allowUncalibrated?: string;
  /** Finds the calibration record (results/calibrations/…json) of the rig's calibration, for the record to name it. */
  calibrationRecordOf?: CalibrationRecordFinder;
  /** Today, for the calibration's due date; default the wall clock. */
  now?: Date;
}

/** The calibration record file of a rig's calibration, or undefined when none is found. */
export type CalibrationRecordFinder = (rigId: string, calibration: RigCalibration) => string | undefined;

/** What an interrupted run had recorded: its start and its finished steps by `stepKey`. */
export interface ResumeFrom {
  startedAt: string;
  steps: ReadonlyMap<string, StepRecord>;
  /** The interrupted part's release mark: steps measured on an invalid calibration keep the run not for release. */
  release?: ReleaseRecord;
}

/** `unit:isolation`, `pole:3:pull-check`, `after:isolation-after`: a step's place in the run. */
export function stepKey(scope: StepScope, stepId: string, pole?: number): string {
  return scope === 'pole' ? `pole:${pole ?? 0}:${stepId}` : `${scope}:${stepId}`;
}

const DEFAULT_POLLING: TemperaturePolling = { pollEveryS: 5, windowS: 600 };

/**
 * Run a resolved plan on a rig: refuse it before anything moves when the rig cannot run it or has an alarm
 * latched, then unit steps, then every pole's steps, then teardown (always: the rig is made safe). Returns
 * the one record of the run; only a refusal (PlanRefusedError) or a rig that cannot tell its alarms throws.
 */
export async function runPlan(plan: ResolvedPlan, driver: RigDriver, operator: Operator, options: RunPlanOptions): Promise<TestRecord> {
  const start = await refuseBeforeAnythingMoves(plan, driver, options);
  const clock = options.clock ?? wallClock;
  const emit = (event: RunEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A broken display must not end a run on a rig.
    }
  };
  // On the rig's clock: its own time on a simulator, kept beside the wall time from startedAt to endedAt.
  const t0 = clock.now();
  const { header, totalSteps } = start;
  emit({ kind: 'run-started', plan: plan.name, serial: options.serial, totalSteps, header });
  const teardownErrors: string[] = [];
  await showOutcome(driver, 'running', teardownErrors);

  const sequence = new StepSequence(
    plan,
    options.resume,
    { driver, clock, emit, decisionRule: plan.decisionRule ?? 'simple', temperature: options.temperature ?? DEFAULT_POLLING, ...(options.signal ? { signal: options.signal } : {}) },
    {
      operator,
      retest: plan.options.retest,
      skipOptional: options.skipOptional ?? false,
      ...(options.skipSteps ? { skipSteps: options.skipSteps } : {}),
      dutMustNotConnectLive: plan.dut.mustNotConnectLive ?? false,
    },
    totalSteps,
  );
  const { unitSteps, poleSteps, unitStepsAfter } = await runStepsThenMakeSafe(plan, driver, sequence, options.signal, teardownErrors);

  // Only now: the unit steps after the poles (isolation with every conductor in) can find a pole at fault.
  const poles = polesWithOutcomes(poleSteps, [...unitSteps, ...unitStepsAfter]);
  const outcome = worstOutcome([...unitSteps, ...unitStepsAfter].map((s) => s.outcome).concat(poles.map((p) => p.outcome)));
  const cause = firstCause(unitSteps, poles, unitStepsAfter);
  await showOutcome(driver, outcome, teardownErrors);
  const ended = new Date();
  const record: TestRecord = {
    ...header,
    endedAt: isoWithOffset(ended),
    durationMs: Math.max(0, ended.getTime() - Date.parse(header.startedAt)),
    // A resumed run's simulated time before the interruption is unknown here (the simulator may have restarted).
    ...(clock.simulated && !options.resume ? { simDurationMs: Math.round(clock.now() - t0) } : {}),
    unitSteps,
    poles,
    unitStepsAfter,
    outcome,
    ...(cause === undefined ? {} : { cause }),
    teardownErrors,
  };
  emit({ kind: 'run-finished', outcome, ...(cause === undefined ? {} : { cause }), record });
  return record;
}

/** The run's start, once neither the rig, its calibration nor a latched alarm stands in the way. */
async function refuseBeforeAnythingMoves(plan: ResolvedPlan, driver: RigDriver, options: RunPlanOptions): Promise<RunStart> {
  refuseUnlessRunnable(plan, driver);
  // No verdict from a rig whose calibration is not valid, unless a person said why and the record says so.
  const start = runStartOf(plan, driver, options);
  if (start.calibrationFault !== null && options.allowUncalibrated === undefined) {
    throw new PlanRefusedError([`${start.calibrationFault}; ${CALIBRATION_OVERRIDE_TEXT}`], plan.name, driver.identity.rigId);
  }
  await refuseIfAlarmLatched(plan, driver);
  return start;
}

async function showOutcome(driver: RigDriver, outcome: Outcome | 'running', teardownErrors: string[]): Promise<void> {
  try {
    await driver.signalOutcome?.(outcome);
  } catch (error) {
    // A lamp that does not light must not change the unit's verdict: reported with the teardown.
    teardownErrors.push(`showing the result on the rig (${outcome}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The steps in run order, one call each: numbers them, keeps what a resumed run recorded before, and once
 * something ended the run early records the rest as not run, with the cause.
 */
class StepSequence {
  private index = 0;
  // Why the remaining steps are not run, once something ended the run early.
  private stopCause: string | null = null;

  constructor(
    private readonly plan: ResolvedPlan,
    private readonly resume: ResumeFrom | undefined,
    private readonly base: Omit<StepContext, 'pole' | 'earlierPoleSteps'>,
    private readonly stepOptions: StepRunOptions,
    private readonly total: number,
  ) {}

  async next(scope: StepScope, step: ResolvedStep, pole?: number, poleSoFar: readonly StepRecord[] = []): Promise<StepRecord> {
    this.index++;
    const earlier = this.resume?.steps.get(stepKey(scope, step.id, pole));
    const record = await this.run(scope, step, pole, earlier, poleSoFar);
    if (this.stopCause === null) this.stopCause = stopCauseAfter(record, this.plan);
    this.base.emit({ kind: 'step-recorded', scope, ...(pole === undefined ? {} : { pole }), record, resumed: earlier !== undefined });
    return record;
  }

  private async run(scope: StepScope, step: ResolvedStep, pole: number | undefined, earlier: StepRecord | undefined, poleSoFar: readonly StepRecord[]): Promise<StepRecord> {
    if (earlier) return earlier;
    if (this.stopCause === null && this.base.signal?.aborted) {
      this.stopCause = 'not run: the run was aborted';
      return { ...skippedStep(step, 'aborted by the operator'), outcome: 'ABORTED' };
    }
    if (this.stopCause !== null) return skippedStep(step, this.stopCause);
    const ctx: StepContext = { ...this.base, ...(pole === undefined ? {} : { pole, earlierPoleSteps: poleSoFar }) };
    return runStep(step, ctx, { scope, index: this.index, total: this.total, ...(pole === undefined ? {} : { pole }) }, this.stepOptions);
  }
}

/** Why the steps after this one are not run, or null when the run goes on. */
function stopCauseAfter(record: StepRecord, plan: ResolvedPlan): string | null {
  if (record.outcome === 'ABORTED') return 'not run: the run was aborted';
  if (record.interruptedBy === 'link-lost') return 'not run yet: the link to the rig was lost';
  if (record.interruptedBy === 'rig-reset') return 'not run yet: the rig rebooted';
  if (record.outcome === 'ERROR' && !record.rigReady) return 'not run after a rig error';
  if (record.outcome === 'FAIL' && plan.options.stopOnFirstFail) return 'not run: stopped on the first FAIL';
  return null;
}

/** Every step in run order; then, whatever happened, the rig made safe (what it does not confirm goes to teardownErrors). */
async function runStepsThenMakeSafe(
  plan: ResolvedPlan,
  driver: RigDriver,
  sequence: StepSequence,
  signal: AbortSignal | undefined,
  teardownErrors: string[],
): Promise<{ unitSteps: StepRecord[]; poleSteps: Array<Pick<PoleRecord, 'pole' | 'steps'>>; unitStepsAfter: StepRecord[] }> {
  // What this does not get confirmed is tried again, and reported, by the teardown below.
  const onAbort = (): void => void driver.makeSafe().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const unitSteps: StepRecord[] = [];
  const poleSteps: Array<Pick<PoleRecord, 'pole' | 'steps'>> = [];
  const unitStepsAfter: StepRecord[] = [];
  try {
    for (const step of plan.unitSteps) unitSteps.push(await sequence.next('unit', step));
    for (const pole of plan.poles) {
      const steps: StepRecord[] = [];
      for (const step of plan.poleSteps) steps.push(await sequence.next('pole', step, pole, [...steps]));
      poleSteps.push({ pole, steps });
    }
    for (const step of plan.unitStepsAfter ?? []) unitStepsAfter.push(await sequence.next('after', step));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    try {
      await driver.makeSafe();
    } catch (error) {
      teardownErrors.push(`making the rig safe: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { unitSteps, poleSteps, unitStepsAfter };
}

/** The first FAIL, ERROR or ABORTED in run order, named by pole and step. */
function firstCause(unitSteps: readonly StepRecord[], poles: readonly PoleRecord[], unitStepsAfter: readonly StepRecord[]): string | undefined {
  const bad = (s: StepRecord): boolean => s.outcome === 'FAIL' || s.outcome === 'ERROR' || s.outcome === 'ABORTED';
  const unit = unitSteps.find(bad);
  if (unit) return `${unit.title}: ${unit.cause ?? unit.outcome}`;
  for (const pole of poles) {
    const step = pole.steps.find(bad);
    if (step) return `pole ${pole.pole} ${step.title}: ${step.cause ?? step.outcome}`;
  }
  const after = unitStepsAfter.find(bad);
  return after ? `${after.title}: ${after.cause ?? after.outcome}` : undefined;
}
