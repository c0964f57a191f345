import { linkCountsSince } from '../link/link-counts.js';
import type { PromptStep, ResolvedStep } from '../plans/resolved-plan.js';
import { startAttemptTimer } from './attempt-timer.js';
import type { Operator } from './operator.js';
import { runAttempt } from './run-attempt.js';
import type { StepPosition } from './run-events.js';
import { errorInterruption } from './steps/alarm-interruption.js';
import { skipCauseFromEarlierSteps } from './steps/earlier-steps.js';
import type { StepContext } from './steps/step-context.js';
import type { AttemptRecord, StepRecord } from './test-record.js';

export interface StepRunOptions {
  operator: Operator;
  retest: number;
  skipOptional: boolean;
  /** Steps not run on this unit, by id, with the cause recorded (not sampled). */
  skipSteps?: ReadonlyMap<string, string>;
  /** The DUT has no breaking capacity: no (dis)connecting under current, so the current goes off before every prompt. */
  dutMustNotConnectLive: boolean;
}

/** A step that does not run: skipped on request, or left out after a FAIL or an interruption. */
export function skippedStep(step: ResolvedStep, cause: string): StepRecord {
  return { stepId: step.id, kind: step.kind, title: step.title, optional: step.optional, outcome: 'SKIPPED', cause, marginal: false, attempts: [] };
}

/**
 * Run one step: skip it when optional and asked to, prompt the operator, or measure and retest a FAIL up
 * to `retest` times. Every attempt is kept; the last one decides. Never throws.
 */
export async function runStep(step: ResolvedStep, ctx: StepContext, position: Omit<StepPosition, 'attempt' | 'stepId' | 'stepKind' | 'title'>, options: StepRunOptions): Promise<StepRecord> {
  const at = (attempt: number): StepPosition => ({ ...position, stepId: step.id, stepKind: step.kind, title: step.title, attempt });
  const skipCause =
    options.skipSteps?.get(step.id) ??
    (step.optional && options.skipOptional ? 'optional step skipped' : undefined) ??
    skipCauseFromEarlierSteps(step, ctx.earlierPoleSteps ?? []);
  if (skipCause !== undefined) {
    const record = skippedStep(step, skipCause);
    ctx.emit({ kind: 'step-finished', ...at(1), outcome: 'SKIPPED', cause: skipCause, marginal: false });
    return record;
  }
  const attempts: AttemptRecord[] = [];
  const linkBefore = ctx.driver.linkCounts?.();
  for (let attempt = 1; ; attempt++) {
    ctx.emit({ kind: 'step-started', ...at(attempt) });
    const record = step.kind === 'prompt' ? await promptAttempt(step, ctx, options) : await runAttempt(step, ctx, attempt);
    attempts.push(record);
    const marginal = record.measurements.some((m) => m.verdict === 'MARGINAL');
    ctx.emit({ kind: 'step-finished', ...at(attempt), outcome: record.outcome, ...(record.cause ? { cause: record.cause } : {}), marginal });
    if (record.outcome !== 'FAIL' || attempt > options.retest) {
      return {
        stepId: step.id,
        kind: step.kind,
        title: step.title,
        optional: step.optional,
        outcome: record.outcome,
        ...(record.cause === undefined ? {} : { cause: record.cause }),
        marginal: record.outcome === 'PASS' && marginal,
        attempts,
        ...(linkBefore && ctx.driver.linkCounts ? { link: linkCountsSince(linkBefore, ctx.driver.linkCounts()) } : {}),
        ...(record.interruptedBy ? { interruptedBy: record.interruptedBy } : {}),
        ...(record.rigReady ? { rigReady: true } : {}),
        ...warningsOf(record),
      };
    }
  }
}

/** The attempt's measurement warnings, once per measurement name (one per limit of the step). */
function warningsOf(record: AttemptRecord): { warnings?: string[] } {
  const byName = new Map<string, string>();
  for (const m of record.measurements) if (m.warning && !byName.has(m.name)) byName.set(m.name, m.warning);
  return byName.size === 0 ? {} : { warnings: [...byName.values()] };
}

/** `{pole}` in a prompt's text names the pole, so one pole step reads right for every pole. */
function promptText(step: PromptStep, pole: number | undefined): string {
  return pole === undefined ? step.text : step.text.replaceAll('{pole}', String(pole));
}

/** Ask the operator; when the DUT must not be handled live, the test current goes off first. */
async function promptAttempt(step: PromptStep, ctx: StepContext, options: StepRunOptions): Promise<AttemptRecord> {
  const timer = startAttemptTimer(ctx.clock);
  const end = (outcome: AttemptRecord['outcome'], cause?: string, error?: string): AttemptRecord => ({
    attempt: 1,
    ...timer.end(),
    outcome,
    ...(cause === undefined ? {} : { cause }),
    ...(error === undefined ? {} : { error }),
    measurements: [],
  });
  try {
    if (options.dutMustNotConnectLive || step.requireCurrentOff) await ctx.driver.heatOff();
    const answer = await options.operator.confirm({ text: promptText(step, ctx.pole), stepId: step.id, optional: step.optional, ...(ctx.pole === undefined ? {} : { pole: ctx.pole }) });
    if (answer === 'ok') return end('PASS');
    if (answer === 'skip' && step.optional) return end('SKIPPED', 'skipped by the operator');
    return end('ABORTED', answer === 'skip' ? 'a required step was skipped by the operator' : 'aborted by the operator');
  } catch (error) {
    const interruption = errorInterruption(error);
    return end(interruption.outcome, interruption.cause, interruption.outcome === 'ERROR' ? interruption.cause : undefined);
  }
}
