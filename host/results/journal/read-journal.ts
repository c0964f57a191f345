import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunHeader, StepScope } from '../../runner/run-events.js';
import { polesWithOutcomes } from '../../runner/pole-outcome.js';
import { stepKey } from '../../runner/run-plan.js';
import type { AttemptRecord, PoleRecord, StepRecord, TestRecord } from '../../runner/test-record.js';
import { JOURNAL_FILE, journalLineSchema, type JournalLine, type RunInput } from './journal-line.js';

/** A journal that cannot be read: names the file, the line and what is wrong. */
export class JournalError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    reason: string,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${reason}`);
    this.name = 'JournalError';
  }
}

/** A run as its journal tells it, complete or not. */
export interface JournalReadBack {
  file: string;
  runId: string;
  input: RunInput;
  header: RunHeader;
  totalSteps: number;
  /**
   * false: the run was interrupted: killed (no `end` line), or ended by a lost link or a rig reboot
   * and not resumed since. The record then holds what was recorded, marked so.
   */
  complete: boolean;
  /**
   * The record: for an interrupted run, every finished step plus the step that was running, made of
   * its measurements and samples so far (outcome ERROR, cause "interrupted").
   */
  record: TestRecord;
  /** Finished steps by `stepKey`, what `resume` keeps. */
  steps: Map<string, StepRecord>;
  resumes: number;
  /** Things the reader had to overlook, e.g. a torn last line from a kill mid-write. */
  warnings: string[];
}

type RunLine = Extract<JournalLine, { t: 'run' }>;
type EndLine = Extract<JournalLine, { t: 'end' }>;

/** A step's record and where in the run it belongs. */
interface PlacedStep {
  scope: StepScope;
  pole?: number;
  record: StepRecord;
}

const INTERRUPTED_DURING_STEP = 'interrupted: the run stopped during this step';

/** The step whose measurements have started but whose `step` line has not come yet. */
interface InFlight {
  scope: StepScope;
  pole?: number;
  stepId: string;
  kind: StepRecord['kind'];
  title: string;
  attempts: Map<number, AttemptRecord>;
  lastAt: string;
}

/** `results/<run>/` or its `journal.jsonl`. */
export function journalPath(runPath: string): string {
  return statSync(runPath, { throwIfNoEntry: false })?.isDirectory() ? join(runPath, JOURNAL_FILE) : runPath;
}

function parseLines(file: string, text: string, warnings: string[]): JournalLine[] {
  const raw = text.split('\n');
  // A complete journal ends with a newline; text after the last one is a line torn by a kill.
  const torn = raw.pop();
  if (torn) warnings.push(`the last line was cut short (${torn.length} bytes, the process stopped mid-write) and is ignored`);
  return raw.flatMap((line, i) => {
    if (line.trim() === '') return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new JournalError(file, i + 1, 'not valid JSON');
    }
    const parsed = journalLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JournalError(file, i + 1, `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    return [parsed.data as unknown as JournalLine];
  });
}

function readJournalText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new JournalError(file, null, `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** The lines after the `run` line, replayed in order: the steps, the one in flight, the resumes, the end. */
class JournalReplay {
  readonly steps = new Map<string, PlacedStep>();
  inFlight: InFlight | null = null;
  end: EndLine | null = null;
  resumes = 0;
  // The last resumed part's calibration and release mark: it carries the earlier part's mark on.
  resumedCalibration: Pick<TestRecord, 'calibration' | 'release'> = {};
  lastAt: string;
  // Steps cut off by a lost link or a reboot, and the steps left out after them until the run was
  // resumed: recorded as they ended, but not finished, so `resume` runs them (again).
  readonly notFinished = new Set<string>();
  private afterInterruption = false;

  constructor(
    private readonly file: string,
    first: RunLine,
  ) {
    this.lastAt = first.header.startedAt;
  }

  apply(line: JournalLine): void {
    switch (line.t) {
      case 'run':
        throw new JournalError(this.file, null, 'a second `run` line: two runs in one journal');
      case 'resumed':
        this.resumes++;
        this.resumedCalibration = { ...(line.calibration ? { calibration: line.calibration } : {}), ...(line.release ? { release: line.release } : {}) };
        this.end = null;
        this.afterInterruption = false;
        break;
      case 'measurement': {
        this.lastAt = line.at;
        const flight = this.flightFor(line);
        flight.lastAt = line.at;
        this.attemptOf(flight, line.attempt, line.at).measurements.push(line.m);
        break;
      }
      case 'samples': {
        const attempt = this.attemptOf(this.flightFor(line), line.attempt, this.lastAt);
        attempt.samples = [...(attempt.samples ?? []), ...line.s.map(([tMs, posMm, forceN]) => ({ tMs, posMm, forceN }))];
        break;
      }
      case 'step': {
        this.lastAt = line.at;
        const key = stepKey(line.scope, line.record.stepId, line.pole);
        this.steps.set(key, { scope: line.scope, ...(line.pole === undefined ? {} : { pole: line.pole }), record: line.record });
        if (line.record.interruptedBy) this.afterInterruption = true;
        if (this.afterInterruption) this.notFinished.add(key);
        else this.notFinished.delete(key);
        this.inFlight = null;
        break;
      }
      case 'end':
        this.end = line;
        break;
    }
  }

  /** Finished steps by `stepKey`. */
  finishedSteps(): Map<string, StepRecord> {
    return new Map([...this.steps].filter(([key]) => !this.notFinished.has(key)).map(([key, value]) => [key, value.record]));
  }

  private attemptOf(flight: InFlight, attempt: number, at: string): AttemptRecord {
    let record = flight.attempts.get(attempt);
    if (!record) {
      record = { attempt, startedAt: at, durationMs: 0, outcome: 'ERROR', cause: INTERRUPTED_DURING_STEP, measurements: [] };
      flight.attempts.set(attempt, record);
    }
    return record;
  }

  private flightFor(line: Extract<JournalLine, { t: 'measurement' | 'samples' }>): InFlight {
    const inFlight = this.inFlight;
    const same = inFlight && inFlight.scope === line.scope && inFlight.pole === line.pole && inFlight.stepId === line.stepId;
    if (!same || !inFlight) {
      this.inFlight = { scope: line.scope, ...(line.pole === undefined ? {} : { pole: line.pole }), stepId: line.stepId, kind: line.kind, title: line.title, attempts: new Map(), lastAt: this.lastAt };
    }
    return this.inFlight as InFlight;
  }
}

/** The step that was running when the journal stops, made of its attempts so far. */
function interruptedStep(flight: InFlight): PlacedStep {
  const attempts = [...flight.attempts.values()].sort((a, b) => a.attempt - b.attempt);
  return {
    scope: flight.scope,
    ...(flight.pole === undefined ? {} : { pole: flight.pole }),
    record: { stepId: flight.stepId, kind: flight.kind, title: flight.title, optional: false, outcome: 'ERROR', cause: INTERRUPTED_DURING_STEP, marginal: false, attempts },
  };
}

function recordOf(first: RunLine, replay: JournalReplay): TestRecord {
  const { end, lastAt, steps } = replay;
  const header = first.header;
  const flight = end ? null : replay.inFlight;
  const placed = [...steps.values(), ...(flight ? [interruptedStep(flight)] : [])];
  const inScope = (scope: StepScope): StepRecord[] => placed.filter((p) => p.scope === scope).map((p) => p.record);
  const poleNumbers = [...new Set(placed.flatMap((p) => (p.scope === 'pole' && p.pole !== undefined ? [p.pole] : [])))].sort((a, b) => a - b);
  const poles: PoleRecord[] = polesWithOutcomes(
    poleNumbers.map((pole) => ({ pole, steps: placed.filter((p) => p.scope === 'pole' && p.pole === pole).map((p) => p.record) })),
    [...inScope('unit'), ...inScope('after')],
  );
  const interrupted = `interrupted: the run stopped after ${steps.size} of ${first.totalSteps} steps`;
  return {
    ...header,
    ...replay.resumedCalibration,
    endedAt: end?.endedAt ?? lastAt,
    durationMs: end?.durationMs ?? Math.max(0, Date.parse(lastAt) - Date.parse(header.startedAt)),
    ...(end?.simDurationMs === undefined ? {} : { simDurationMs: end.simDurationMs }),
    unitSteps: inScope('unit'),
    poles,
    unitStepsAfter: inScope('after'),
    outcome: end ? end.outcome : 'ERROR',
    ...(end ? (end.cause === undefined ? {} : { cause: end.cause }) : { cause: interrupted }),
    teardownErrors: end?.teardownErrors ?? [],
  };
}

/** Read a run's journal back; throws JournalError when it is not one. */
export function readJournal(runPath: string): JournalReadBack {
  const file = journalPath(runPath);
  const text = readJournalText(file);
  const warnings: string[] = [];
  const lines = parseLines(file, text, warnings);
  const first = lines[0];
  if (first?.t !== 'run') throw new JournalError(file, 1, 'a journal starts with its `run` line');
  const replay = new JournalReplay(file, first);
  for (const line of lines.slice(1)) replay.apply(line);
  return {
    file,
    runId: first.runId,
    input: first.input,
    header: first.header,
    totalSteps: first.totalSteps,
    complete: replay.end !== null && replay.notFinished.size === 0,
    record: recordOf(first, replay),
    steps: replay.finishedSteps(),
    resumes: replay.resumes,
    warnings,
  };
}
