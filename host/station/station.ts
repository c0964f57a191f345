import { checkStandardStepIds, shiftCheckPassed, withShiftCheck } from './shift-check.js';
import { isoWithOffset } from '../runner/iso-time.js';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import type { RunInput } from '../results/journal/journal-line.js';
import type { Operator } from '../runner/operator.js';
import type { RunEvent } from '../runner/run-events.js';
import type { Outcome, TestRecord } from '../runner/test-record.js';
import { runAttemptOnRig, type AttemptResult } from './run-attempt-on-rig.js';
import type { RigSlot } from './rig-slot.js';
import type { StationConfig } from './station-config.js';
import type { StationEvent } from './station-events.js';
import { ShiftTally } from './shift-tally.js';
import { COMMAND_PREFIX, serialProblem } from './serial-number.js';
import { printableText } from '../shared/identifier-text.js';

export interface StationOptions {
  config: StationConfig;
  plan: ResolvedPlan;
  input: RunInput;
  slots: RigSlot[];
  /** Serials that passed before this shift in the results folder's history. */
  passedBefore: ReadonlySet<string>;
  /** Steps not run on a unit, by id with the cause, or null when every step runs (sampling). */
  skipStepsFor: (serial: string, firstAttempt: boolean) => ReadonlyMap<string, string> | null;
  emit: (event: StationEvent) => void;
  log: (line: string) => void;
  /** Who answers the prompts of a unit on a rig (a panel); default: every prompt confirmed. */
  operatorFor?: (rig: string, serial: string) => Operator;
  /** Every run event of a unit on a rig, as it happens (a panel's live view). */
  onRunEvent?: (rig: string, event: RunEvent) => void;
}

interface QueuedUnit {
  serial: string;
  attempt: number;
}

/** The final outcome of every attempt, for a single-unit caller. */
export interface FinishedAttempt {
  serial: string;
  attempt: number;
  outcome: Outcome;
  retest: boolean;
}

/**
 * The station's dispatcher: serial numbers in, one unit at a time per rig, on the next free rig.
 * A rig that faults takes its unit down with it (reported, and retested when the policy allows) and
 * recovers on its own while the other rigs go on. Every attempt ends in exactly one unit-finished.
 */
export class Station {
  private readonly queue: QueuedUnit[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly passed = new Set<string>();
  private readonly attemptsBySerial = new Map<string, number>();
  readonly tally: ShiftTally;
  private readonly abort = new AbortController();
  /** The running unit's own abort, by rig name: one unit stopped from a panel, the others go on. */
  private readonly unitAborts = new Map<string, AbortController>();
  private idleWaiters: Array<() => void> = [];
  /** Set by finish(): no more serials come. */
  private inputEnded = false;
  readonly finished: FinishedAttempt[] = [];

  constructor(private readonly options: StationOptions) {
    this.tally = new ShiftTally(options.slots);
    for (const serial of options.passedBefore) this.passed.add(serial);
  }

  /** One scanned line: queued when it is a serial number; the reason on stderr and a unit-refused otherwise. */
  submit(line: string): void {
    const serial = line.trim();
    if (serial === '' || this.abort.signal.aborted) return;
    if (serial.startsWith(COMMAND_PREFIX)) return this.command(serial.slice(COMMAND_PREFIX.length).trim());
    const problem = serialProblem(serial);
    if (problem) {
      this.options.emit({ event: 'unit-refused', at: now(), serial: serial.slice(0, 200), cause: problem });
      this.options.log(`refused "${printableText(serial.slice(0, 60))}": ${problem}`);
      return;
    }
    const attempt = (this.attemptsBySerial.get(serial) ?? 0) + 1;
    this.enqueue({ serial, attempt });
  }

  /**
   * A line starting with "!" is a command from the operator or the line controller, not a serial:
   * `!summary` emits the shift summary; `!reset <rig>` clears a rig's latched alarm (E-stop released
   * first), the deliberate act a reset must be: the station never clears an alarm by itself.
   */
  private command(text: string): void {
    const [verb, arg] = text.split(/\s+/, 2);
    if (verb === 'summary') {
      this.options.emit(this.tally.summary());
      this.options.log(this.tally.text());
      return;
    }
    if (verb === 'reset' && arg !== undefined && this.resetRig(arg)) return;
    const rigs = this.options.slots.map((s) => s.name).join(', ');
    const cause = verb === 'reset' ? `!reset: value "${arg ?? ''}" is not a rig of this station (${rigs})` : `command "!${text}": allowed are !summary and !reset <rig> (${rigs})`;
    this.options.emit({ event: 'unit-refused', at: now(), serial: `!${text}`.slice(0, 200), cause });
    this.options.log(cause);
  }

  /** Ask for a rig's latched alarm to be cleared (E-stop released first) at its next try; false when there is no such rig. */
  resetRig(name: string): boolean {
    const slot = this.options.slots.find((s) => s.name === name);
    if (!slot) return false;
    slot.resetRequested = true;
    this.options.log(`${slot.name}: reset requested`);
    return true;
  }

  /** Stop the unit running on one rig (it ends ABORTED, the rig is made safe); false when none runs there. */
  abortUnit(rig: string, cause: string): boolean {
    const controller = this.unitAborts.get(rig);
    if (!controller) return false;
    this.options.log(`${rig}: ${cause}: stopping the unit`);
    controller.abort();
    return true;
  }

  /** Rigs that could not be opened at start are tried in the background like faulted ones. */
  recoverDownRigs(): void {
    for (const slot of this.options.slots) if (slot.state === 'down') void this.recover(slot);
  }

  /** No more serials: resolves when every queued unit has its final event. */
  async finish(): Promise<void> {
    this.inputEnded = true;
    await this.whenIdle();
  }

  /** Stop now (Ctrl-C): running units end ABORTED, queued ones are dropped with a unit-refused. */
  async stop(cause: string): Promise<void> {
    this.abort.abort();
    for (const unit of this.queue.splice(0)) this.options.emit({ event: 'unit-refused', at: now(), serial: unit.serial, cause: `not tested: ${cause}` });
    await Promise.allSettled([...this.running]);
  }

  private enqueue(unit: QueuedUnit): void {
    this.attemptsBySerial.set(unit.serial, unit.attempt);
    this.queue.push(unit);
    this.options.emit({ event: 'unit-queued', at: now(), serial: unit.serial, attempt: unit.attempt, queued: this.queue.length });
    this.pump();
  }

  /** Hand queued units to free rigs. */
  private pump(): void {
    for (const slot of this.options.slots) {
      if (this.abort.signal.aborted || this.queue.length === 0) break;
      if (slot.state !== 'free' || !slot.rig) continue;
      const unit = this.queue.shift()!;
      const work = this.runOn(slot, unit).finally(() => {
        this.running.delete(work);
        this.pump();
        this.checkIdle();
      });
      this.running.add(work);
    }
    this.checkIdle();
  }

  private async runOn(slot: RigSlot, unit: QueuedUnit): Promise<void> {
    const { config, plan, emit } = this.options;
    slot.state = 'busy';
    const firstAttempt = unit.attempt === 1;
    const alreadyPassed = this.passed.has(unit.serial);
    const t0 = Date.now();
    const checkIds = checkStandardStepIds(plan);
    const skipSteps = withShiftCheck(this.options.skipStepsFor(unit.serial, firstAttempt), checkIds, slot.checkStandardPassedMs, t0, config.checkStandardEveryH);
    const unitAbort = new AbortController();
    this.unitAborts.set(slot.name, unitAbort);
    const result = await this.attemptOn(slot, unit, skipSteps, unitAbort.signal);
    this.unitAborts.delete(slot.name);
    slot.attempts++;
    slot.busyMs += Date.now() - t0;
    if (shiftCheckPassed(result.record, checkIds)) slot.checkStandardPassedMs = t0;
    for (const problem of result.problems) this.options.log(`${slot.name} ${unit.serial}: ${problem}`);
    const outcome: Outcome = result.record?.outcome ?? 'ERROR';
    // The unit's own cause; a rig fault after a finished unit is the rig's (its rig-fault event), not the unit's.
    const cause = result.record ? result.record.cause : (result.rigFault ?? result.problems[0]);
    const retest = !this.abort.signal.aborted && !unitAbort.signal.aborted && this.mayRetest(unit, outcome);
    if (outcome === 'PASS') this.passed.add(unit.serial);
    this.tally.add(slot.name, firstAttempt, outcome);
    emit(unitFinished(slot, unit, result, { outcome, cause, retest, alreadyPassed, startedMs: t0 }));
    this.finished.push({ serial: unit.serial, attempt: unit.attempt, outcome, retest });
    this.options.log(`${slot.name} ${unit.serial} attempt ${unit.attempt}: ${outcome}${cause ? ` — ${cause}` : ''}${alreadyPassed ? ' (this serial had passed before)' : ''}`);
    if (result.rigFault && !this.abort.signal.aborted) {
      emit({ event: 'rig-fault', at: now(), rig: slot.name, cause: result.rigFault, serial: unit.serial });
      this.options.log(`${slot.name}: fault: ${result.rigFault}; the other rigs go on`);
      void this.recover(slot);
    } else {
      slot.state = 'free';
    }
    if (retest) this.enqueue({ serial: unit.serial, attempt: unit.attempt + 1 });
  }

  /** One attempt of a unit on a slot's rig, its start and steps reported as station events. */
  private attemptOn(slot: RigSlot, unit: QueuedUnit, skipSteps: ReadonlyMap<string, string> | null, unitAbort: AbortSignal): Promise<AttemptResult> {
    const { config, plan, input, emit } = this.options;
    // Whatever goes wrong outside the rig (a results folder that cannot be written) still ends the
    // attempt with its one unit-finished.
    return runAttemptOnRig(slot.rig!, {
      serial: unit.serial,
      rigName: slot.name,
      plan,
      input,
      resultsDir: config.results,
      station: config.station,
      ...(config.operator ? { operator: config.operator } : {}),
      ...(skipSteps ? { skipSteps } : {}),
      ...(config.allowUncalibrated === undefined ? {} : { allowUncalibrated: config.allowUncalibrated }),
      signal: AbortSignal.any([this.abort.signal, unitAbort]),
      ...(this.options.operatorFor ? { prompts: this.options.operatorFor(slot.name, unit.serial) } : {}),
      ...(this.options.onRunEvent ? { onRunEvent: (event: RunEvent) => this.options.onRunEvent!(slot.name, event) } : {}),
      onStarted: (dir) => emit({ event: 'unit-started', at: now(), serial: unit.serial, attempt: unit.attempt, rig: slot.name, runDir: dir }),
      onStep: (step, pole) =>
        emit({
          event: 'step-result',
          at: now(),
          serial: unit.serial,
          attempt: unit.attempt,
          rig: slot.name,
          step: step.stepId,
          ...(pole === undefined ? {} : { pole }),
          outcome: step.outcome,
          ...(step.cause ? { cause: step.cause } : {}),
        }),
    }).catch(
      (error: unknown): AttemptResult => ({ record: null, runDir: '', rigFault: null, problems: [`the attempt failed: ${error instanceof Error ? error.message : String(error)}`] }),
    );
  }

  private mayRetest(unit: QueuedUnit, outcome: Outcome): boolean {
    const { retest } = this.options.config;
    if (unit.attempt >= retest.maxAttempts) return false;
    return outcome === 'FAIL' || (outcome === 'ERROR' && retest.onError);
  }

  private async recover(slot: RigSlot): Promise<void> {
    const work = (async () => {
      const back = await slot.recover((reason) => this.options.log(`${slot.name}: not back yet: ${reason}`));
      if (back && slot.rig) {
        this.options.emit({ event: 'rig-recovered', at: now(), rig: slot.name, rigId: slot.rig.driver.identity.rigId, downMs: slot.downMs });
        this.options.log(`${slot.name}: back (${slot.rig.driver.identity.rigId})`);
        this.pump();
      } else if (!this.abort.signal.aborted) {
        this.options.emit({ event: 'rig-given-up', at: now(), rig: slot.name, cause: `not back within ${this.options.config.reconnectWaitS} s` });
        this.options.log(`${slot.name}: given up for this shift`);
      }
    })();
    this.recovering.add(work);
    await work.finally(() => {
      this.recovering.delete(work);
      this.checkIdle();
    });
  }

  private readonly recovering = new Set<Promise<void>>();

  private whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  /**
   * Idle: input ended, nothing runs, and nothing queued can still run (queued units with every rig
   * given up are reported as not tested).
   */
  private checkIdle(): void {
    if (!this.inputEnded || this.running.size > 0) return;
    const canRun = this.options.slots.some((s) => s.state === 'free' || s.state === 'busy' || s.state === 'down');
    if (this.queue.length > 0 && canRun) return;
    if (this.queue.length > 0 && this.recovering.size > 0) return;
    for (const unit of this.queue.splice(0)) this.options.emit({ event: 'unit-refused', at: now(), serial: unit.serial, cause: 'not tested: no rig left (every rig given up)' });
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

const now = (): string => isoWithOffset(new Date());

/** The one event that ends an attempt of a unit: its outcome, what failed, and whether it is tested again. */
function unitFinished(
  slot: RigSlot,
  unit: QueuedUnit,
  result: AttemptResult,
  end: { outcome: Outcome; cause: string | undefined; retest: boolean; alreadyPassed: boolean; startedMs: number },
): Extract<StationEvent, { event: 'unit-finished' }> {
  const { outcome, cause, retest, alreadyPassed, startedMs } = end;
  return {
    event: 'unit-finished',
    at: now(),
    serial: unit.serial,
    attempt: unit.attempt,
    firstAttempt: unit.attempt === 1,
    rig: slot.name,
    outcome,
    ...(cause ? { cause } : {}),
    failingPoles: result.record ? failingPoles(result.record) : [],
    failingSteps: result.record ? failingSteps(result.record) : [],
    runDir: result.runDir,
    durationMs: Date.now() - startedMs,
    alreadyPassed,
    retest,
    ...(result.record?.release && !result.record.release.forRelease ? { notForRelease: result.record.release.reason ?? 'the rig was not validly calibrated' } : {}),
  };
}

/** Poles whose outcome (the runner's, what the isolation check found included) is FAIL, ERROR or ABORTED. */
function failingPoles(record: TestRecord): number[] {
  return record.poles.filter((p) => p.outcome === 'FAIL' || p.outcome === 'ERROR' || p.outcome === 'ABORTED').map((p) => p.pole).sort((a, b) => a - b);
}

function failingSteps(record: TestRecord): string[] {
  const bad = (o: Outcome): boolean => o === 'FAIL' || o === 'ERROR' || o === 'ABORTED';
  const unit = [...record.unitSteps, ...record.unitStepsAfter].filter((s) => bad(s.outcome)).map((s) => s.stepId);
  const poles = record.poles.flatMap((p) => p.steps.filter((s) => bad(s.outcome)).map((s) => `pole ${p.pole} ${s.stepId}`));
  return [...unit, ...poles];
}
