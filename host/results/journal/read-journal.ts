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

/** Read a run's journal back; throws JournalError when it is not one. */
export function readJournal(runPath: string): JournalReadBack {
  const file = journalPath(runPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new JournalError(file, null, `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const warnings: string[] = [];
  const lines = parseLines(file, text, warnings);
  const first = lines[0];
  if (first?.t !== 'run') throw new JournalError(file, 1, 'a journal starts with its `run` line');

  const steps = new Map<string, { scope: StepScope; pole?: number; record: StepRecord }>();
  let inFlight: InFlight | null = null;
  let end: Extract<JournalLine, { t: 'end' }> | null = null;
  let resumes = 0;
  // The last resumed part's calibration and release mark: it carries the earlier part's mark on.
  let resumedCalibration: Pick<TestRecord, 'calibration' | 'release'> = {};
  let lastAt = first.header.startedAt;
  // Steps cut off by a lost link or a reboot, and the steps left out after them until the run was
  // resumed: recorded as they ended, but not finished, so `resume` runs them (again).
  const notFinished = new Set<string>();
  let afterInterruption = false;
  const attemptOf = (flight: InFlight, attempt: number, at: string): AttemptRecord => {
    let record = flight.attempts.get(attempt);
    if (!record) {
      record = { attempt, startedAt: at, durationMs: 0, outcome: 'ERROR', cause: 'interrupted: the run stopped during this step', measurements: [] };
      flight.attempts.set(attempt, record);
    }
    return record;
  };
  const flightFor = (line: Extract<JournalLine, { t: 'measurement' | 'samples' }>): InFlight => {
    const same = inFlight && inFlight.scope === line.scope && inFlight.pole === line.pole && inFlight.stepId === line.stepId;
    if (!same || !inFlight) {
      inFlight = { scope: line.scope, ...(line.pole === undefined ? {} : { pole: line.pole }), stepId: line.stepId, kind: line.kind, title: line.title, attempts: new Map(), lastAt };
    }
    return inFlight;
  };

  for (const line of lines.slice(1)) {
    switch (line.t) {
      case 'run':
        throw new JournalError(file, null, 'a second `run` line: two runs in one journal');
      case 'resumed':
        resumes++;
        resumedCalibration = { ...(line.calibration ? { calibration: line.calibration } : {}), ...(line.release ? { release: line.release } : {}) };
        end = null;
        afterInterruption = false;
        break;
      case 'measurement': {
        lastAt = line.at;
        const flight = flightFor(line);
        flight.lastAt = line.at;
        attemptOf(flight, line.attempt, line.at).measurements.push(line.m);
        break;
      }
      case 'samples': {
        const attempt = attemptOf(flightFor(line), line.attempt, lastAt);
        attempt.samples = [...(attempt.samples ?? []), ...line.s.map(([tMs, posMm, forceN]) => ({ tMs, posMm, forceN }))];
        break;
      }
      case 'step': {
        lastAt = line.at;
        const key = stepKey(line.scope, line.record.stepId, line.pole);
        steps.set(key, { scope: line.scope, ...(line.pole === undefined ? {} : { pole: line.pole }), record: line.record });
        if (line.record.interruptedBy) afterInterruption = true;
        if (afterInterruption) notFinished.add(key);
        else notFinished.delete(key);
        inFlight = null;
        break;
      }
      case 'end':
        end = line;
        break;
    }
  }

  const header = first.header;
  const placed = [...steps.values()];
  const flight = inFlight as InFlight | null;
  if (!end && flight) {
    const attempts = [...flight.attempts.values()].sort((a, b) => a.attempt - b.attempt);
    placed.push({
      scope: flight.scope,
      ...(flight.pole === undefined ? {} : { pole: flight.pole }),
      record: { stepId: flight.stepId, kind: flight.kind, title: flight.title, optional: false, outcome: 'ERROR', cause: 'interrupted: the run stopped during this step', marginal: false, attempts },
    });
  }
  const inScope = (scope: StepScope): StepRecord[] => placed.filter((p) => p.scope === scope).map((p) => p.record);
  const poleNumbers = [...new Set(placed.flatMap((p) => (p.scope === 'pole' && p.pole !== undefined ? [p.pole] : [])))].sort((a, b) => a - b);
  const poles: PoleRecord[] = polesWithOutcomes(
    poleNumbers.map((pole) => ({ pole, steps: placed.filter((p) => p.scope === 'pole' && p.pole === pole).map((p) => p.record) })),
    [...inScope('unit'), ...inScope('after')],
  );
  const recorded = placed.length - (flight && !end ? 1 : 0);
  const interrupted = `interrupted: the run stopped after ${recorded} of ${first.totalSteps} steps`;
  const record: TestRecord = {
    ...header,
    ...resumedCalibration,
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
  return {
    file,
    runId: first.runId,
    input: first.input,
    header,
    totalSteps: first.totalSteps,
    complete: end !== null && notFinished.size === 0,
    record,
    steps: new Map([...steps].filter(([key]) => !notFinished.has(key)).map(([key, value]) => [key, value.record])),
    resumes,
    warnings,
  };
}
