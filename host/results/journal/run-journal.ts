import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isoWithOffset } from '../../runner/iso-time.js';
import type { RunEvent, StepScope } from '../../runner/run-events.js';
import type { StepRecord } from '../../runner/test-record.js';
import { errnoInWords } from '../errno-words.js';
import { AppendOnlyFile } from './journal-file.js';
import { JOURNAL_FILE, JOURNAL_VERSION, type JournalLine, type RunInput } from './journal-line.js';

/** Force samples per journal line: 40 is half a second at 80 Hz, so a kill mid-pull loses at most that much of the curve. */
const SAMPLES_PER_LINE = 40;

interface StepAt {
  scope: StepScope;
  pole?: number;
  stepId: string;
  kind: StepRecord['kind'];
  title: string;
  attempt: number;
}

export interface RunJournalOptions {
  /** Called once, on the first write that fails; later events are dropped (the run should stop). */
  onFailure?: (error: Error) => void;
}

/**
 * The run's journal as a sink of run events: every measurement and finished step is on disk (fsync)
 * before the runner goes on; force samples follow in chunks. `create` starts the journal of a new
 * run; `reopen` appends to an interrupted run's journal for `resume`, which writes a `resumed` line
 * instead of a second header.
 */
export class RunJournal {
  /** Opened at the first line: a run refused before it starts leaves no folder and no empty journal. */
  private file: AppendOnlyFile | null = null;
  private current: StepAt | null = null;
  private pending: Array<[number, number, number]> = [];
  private failure: Error | null = null;

  private constructor(
    readonly path: string,
    readonly runId: string,
    private readonly input: RunInput | null,
    private readonly options: RunJournalOptions,
  ) {}

  /** A new run's journal in `dir` (created with the first line). */
  static create(dir: string, runId: string, input: RunInput, options: RunJournalOptions = {}): RunJournal {
    return new RunJournal(join(dir, JOURNAL_FILE), runId, input, options);
  }

  /** An interrupted run's journal, to be continued. */
  static reopen(path: string, runId: string, options: RunJournalOptions = {}): RunJournal {
    return new RunJournal(path, runId, null, options);
  }

  /** Whether the journal has its first line (the run's header): false for a run refused before it started. */
  get started(): boolean {
    return this.file !== null;
  }

  get failed(): Error | null {
    return this.failure;
  }

  /** The sink: hand it every run event. Never throws; a failed write is reported through `onFailure`. */
  readonly onEvent = (event: RunEvent): void => {
    if (this.failure) return;
    try {
      this.handle(event);
    } catch (error) {
      // Named by the journal's path: the system's own message ("ENOSPC: no space left on device, write") names no file.
      this.failure = new Error(`${this.path}: ${errnoInWords(error)}`, { cause: error });
      this.options.onFailure?.(this.failure);
    }
  };

  close(): void {
    this.file?.close();
  }

  private write(line: JournalLine, sync = true): void {
    if (!this.file) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.file = new AppendOnlyFile(this.path);
    }
    this.file.append(JSON.stringify(line), { sync });
  }

  private handle(event: RunEvent): void {
    switch (event.kind) {
      case 'run-started':
        // A run that goes on after a lost link, in the same process, is a resumed run too.
        if (this.input && !this.file) this.write({ t: 'run', v: JOURNAL_VERSION, runId: this.runId, totalSteps: event.totalSteps, input: this.input, header: event.header });
        else this.write({ t: 'resumed', at: isoWithOffset(new Date()), rig: event.header.rig, ...(event.header.calibration ? { calibration: event.header.calibration } : {}), ...(event.header.release ? { release: event.header.release } : {}) });
        return;
      case 'step-started':
        this.flushSamples();
        this.current = { scope: event.scope, ...(event.pole === undefined ? {} : { pole: event.pole }), stepId: event.stepId, kind: event.stepKind, title: event.title, attempt: event.attempt };
        return;
      case 'measurement':
        if (!this.current) return;
        this.write({ t: 'measurement', at: isoWithOffset(new Date()), ...this.current, attempt: event.attempt, m: event.measurement });
        return;
      case 'pull-sample':
        this.pending.push([event.tMs, event.posMm, event.forceN]);
        if (this.pending.length >= SAMPLES_PER_LINE) this.flushSamples();
        return;
      case 'step-recorded':
        this.flushSamples();
        this.current = null;
        if (!event.resumed) this.write({ t: 'step', at: isoWithOffset(new Date()), scope: event.scope, ...(event.pole === undefined ? {} : { pole: event.pole }), record: event.record });
        return;
      case 'run-finished': {
        const { record } = event;
        this.write({ t: 'end', outcome: record.outcome, ...(record.cause === undefined ? {} : { cause: record.cause }), endedAt: record.endedAt, durationMs: record.durationMs, ...(record.simDurationMs === undefined ? {} : { simDurationMs: record.simDurationMs }), teardownErrors: record.teardownErrors });
        return;
      }
      default:
        return;
    }
  }

  private flushSamples(): void {
    if (this.pending.length === 0 || !this.current) {
      this.pending = [];
      return;
    }
    const s = this.pending;
    this.pending = [];
    this.write({ t: 'samples', ...this.current, s });
  }
}
