import { dirname, join } from 'node:path';
import type { TestRecord } from '../runner/test-record.js';
import type { RunFile } from './run-file.js';
import { HISTORY_FILE, HistoryDb } from './history/history-db.js';
import { writeFileAtomic } from '../shared/write-file-atomic.js';

export interface RunOutputsMeta {
  runId: string;
  /** false when the journal failed: the outputs then carry what the run had in memory. */
  complete: boolean;
  /** The run's folder (the journal is in it). */
  dir: string;
  journal: string;
  /** The history database to import the run into; default: history.sqlite in the results folder (the run folder's parent). */
  historyFile?: string;
}

export interface RunOutputs {
  files: string[];
  /** Sinks that failed: reported, never fatal (the journal is the record of truth). */
  problems: string[];
}

type Sink = (record: TestRecord, meta: RunOutputsMeta) => Promise<string>;

const sinks: Array<[string, Sink]> = [
  [
    'run.json',
    async (record, meta) => {
      const file = join(meta.dir, 'run.json');
      const content: RunFile = { runId: meta.runId, complete: meta.complete, ...record };
      writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
      return file;
    },
  ],
  [
    'report.html',
    async (record, meta) => {
      const file = join(meta.dir, 'report.html');
      // Loaded when a report is written: vega costs about a second at every CLI start otherwise.
      const { writeReport } = await import('./report/write-report.js');
      await writeReport(record, { runId: meta.runId, complete: meta.complete }, file);
      return file;
    },
  ],
  [
    'history',
    async (_record, meta) => {
      const file = meta.historyFile ?? join(dirname(meta.dir), HISTORY_FILE);
      const history = HistoryDb.open(file);
      try {
        history.importJournal(meta.journal);
        history.recomputeFirstAttempts();
      } finally {
        history.close();
      }
      return file;
    },
  ],
];

/** The outputs made from a finished run's record, after the journal: run.json, the report, the history. */
export async function writeRunOutputs(record: TestRecord, meta: RunOutputsMeta): Promise<RunOutputs> {
  const outputs: RunOutputs = { files: [], problems: [] };
  for (const [name, sink] of sinks) {
    try {
      outputs.files.push(await sink(record, meta));
    } catch (error) {
      outputs.problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outputs;
}
