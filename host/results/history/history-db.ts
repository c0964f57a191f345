import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { MeasurementRow, RunRow, SampleRow } from '../export-rows.js';
import { JOURNAL_FILE } from '../journal/journal-line.js';
import { readJournal } from '../journal/read-journal.js';
import { rowsFromRecord, type RecordRows } from '../rows-from-record.js';
import type { Cell } from '../rows/row-columns.js';
import { whereRuns, type HistoryFilter } from './history-filter.js';
import { MEASUREMENT_COLUMNS } from '../rows/measurement-row.js';
import { csvSelectOf, insertOf, ROWS_OF_A_RUN, rowFromSql, rowSelectOf, sqlParamsOf } from '../rows/row-columns.js';
import { RUN_COLUMNS, RUNS_TABLE } from '../rows/run-row.js';
import { SAMPLE_COLUMNS } from '../rows/sample-row.js';
import { HISTORY_MIGRATIONS, HISTORY_SCHEMA, HISTORY_SCHEMA_VERSION } from './schema.js';

/** The history database file inside a results folder. */
export const HISTORY_FILE = 'history.sqlite';

export type ImportResult = 'added' | 'updated' | 'unchanged';

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  failed: Array<{ file: string; reason: string }>;
}

/** A run row as stored, with whether it was the first run of its serial under its plan. */
export interface HistoryRun extends RunRow {
  firstAttempt: boolean;
}

/** The import's statements, prepared once per connection. */
function prepareImport(db: Database.Database) {
  return {
    deleteRun: db.prepare('DELETE FROM runs WHERE run_id = ?'),
    insertRun: db.prepare(insertOf('runs', RUN_COLUMNS, RUNS_TABLE)),
    insertMeasurement: db.prepare(insertOf('measurements', MEASUREMENT_COLUMNS, ROWS_OF_A_RUN)),
    insertSample: db.prepare(insertOf('samples', SAMPLE_COLUMNS, ROWS_OF_A_RUN)),
  };
}

/** A `runs` row as SQLite hands it over. */
type RawRun = Record<string, unknown> & { firstAttempt: number };

const RUN_SELECT = `${rowSelectOf(RUN_COLUMNS, 'r')}, r.first_attempt AS firstAttempt`;

/**
 * Runs, measurements and force curves of every journal imported, in SQLite (better-sqlite3). A run
 * is keyed by its journal's run id, so importing the same journals again changes nothing; a journal
 * that grew since (a resumed run) replaces its run's rows.
 */
export class HistoryDb {
  private readonly statements: ReturnType<typeof prepareImport>;

  private constructor(
    readonly file: string,
    private readonly db: Database.Database,
  ) {
    this.statements = prepareImport(db);
  }

  static open(file: string): HistoryDb {
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) {
        db.exec(HISTORY_SCHEMA);
        db.pragma(`user_version = ${HISTORY_SCHEMA_VERSION}`);
      } else if (version !== HISTORY_SCHEMA_VERSION) {
        migrate(db, version);
      }
      if (db.pragma('user_version', { simple: true }) !== HISTORY_SCHEMA_VERSION) {
        throw new Error(`${file}: history schema version ${version}, this clampbench reads version ${HISTORY_SCHEMA_VERSION}; rebuild it from the journals (delete the file and import)`);
      }
    } catch (error) {
      db.close();
      throw error;
    }
    return new HistoryDb(file, db);
  }

  close(): void {
    this.db.close();
  }

  /** Import every `<run>/journal.jsonl` in a results folder; unchanged journals are not even read. */
  importFolder(resultsDir: string): ImportSummary {
    const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
    const entries = readdirSync(resultsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    for (const name of entries) {
      const file = join(resultsDir, name, JOURNAL_FILE);
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      try {
        summary[this.importJournal(file)]++;
      } catch (error) {
        summary.failed.push({ file, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    if (summary.added + summary.updated > 0) this.recomputeFirstAttempts();
    return summary;
  }

  /** Import one journal. Call `recomputeFirstAttempts` after a batch (importFolder does). */
  importJournal(journalFile: string): ImportResult {
    const file = resolve(journalFile);
    const bytes = statSync(file).size;
    const known = this.db.prepare('SELECT journal_bytes AS bytes FROM runs WHERE journal = ?').get(file) as { bytes: number } | undefined;
    if (known?.bytes === bytes) return 'unchanged';
    const back = readJournal(file);
    const rows = rowsFromRecord(back.record, back.runId, back.complete);
    return this.importRows(rows, file, bytes);
  }

  /** Store one run's rows (replacing an older import of the same run). */
  importRows(rows: RecordRows, journal: string, journalBytes: number): ImportResult {
    const { deleteRun, insertRun, insertMeasurement, insertSample } = this.statements;
    const insert = this.db.transaction((): ImportResult => {
      const existed = deleteRun.run(rows.run.runId).changes > 0;
      const r = rows.run;
      insertRun.run(sqlParamsOf(r, RUN_COLUMNS, { startedMs: Date.parse(r.startedAt), journal, journalBytes }));
      rows.measurements.forEach((row, seq) => insertMeasurement.run(sqlParamsOf(row, MEASUREMENT_COLUMNS, { seq })));
      rows.samples.forEach((row, seq) => insertSample.run(sqlParamsOf(row, SAMPLE_COLUMNS, { seq })));
      return existed ? 'updated' : 'added';
    });
    return insert();
  }

  /** Mark the first run (by start time) of each serial under each plan: first-pass yield counts only these. */
  recomputeFirstAttempts(): void {
    this.db.exec(`
      UPDATE runs SET first_attempt = 0 WHERE first_attempt = 1;
      UPDATE runs SET first_attempt = 1 WHERE run_id IN (
        SELECT run_id FROM (
          SELECT run_id, row_number() OVER (PARTITION BY serial, plan ORDER BY started_ms, run_id) AS n FROM runs
        ) WHERE n = 1
      );`);
  }

  /** Runs, newest first. */
  runs(filter: HistoryFilter, limit = 1_000_000): HistoryRun[] {
    const where = whereRuns(filter);
    const rows = this.db.prepare(`SELECT ${RUN_SELECT} FROM runs r ${where.sql} ORDER BY r.started_ms DESC, r.run_id LIMIT @limit`).all({ ...where.params, limit }) as RawRun[];
    return rows.map(({ firstAttempt, ...row }) => ({ ...rowFromSql(row, RUN_COLUMNS), firstAttempt: Boolean(firstAttempt) }));
  }

  /** Runs in start order, streamed (the summary export). */
  *iterateRuns(filter: HistoryFilter): IterableIterator<RunRow> {
    const where = whereRuns(filter);
    for (const row of this.db.prepare(`SELECT ${RUN_SELECT} FROM runs r ${where.sql} ORDER BY r.started_ms, r.run_id`).iterate(where.params) as IterableIterator<RawRun>) {
      const { firstAttempt: _first, ...run } = row;
      yield rowFromSql(run, RUN_COLUMNS);
    }
  }

  /** Measurements of the runs the filter selects, run by run in start order (the long export, the statistics). */
  iterateMeasurements(filter: HistoryFilter): IterableIterator<MeasurementRow> {
    const where = whereRuns(filter);
    return this.db
      .prepare(
        `SELECT ${rowSelectOf(MEASUREMENT_COLUMNS, 'm')} FROM runs r JOIN measurements m ON m.run_id = r.run_id ${where.sql} ORDER BY r.started_ms, r.run_id, m.seq`,
      )
      .iterate(where.params) as IterableIterator<MeasurementRow>;
  }

  /** The long export's cells straight from SQLite, in its column order (rows/measurement-row.ts). */
  iterateLongCells(filter: HistoryFilter): IterableIterator<Cell[]> {
    const where = whereRuns(filter);
    return this.db
      .prepare(`SELECT ${csvSelectOf(MEASUREMENT_COLUMNS, 'm')} FROM runs r JOIN measurements m ON m.run_id = r.run_id ${where.sql} ORDER BY r.started_ms, r.run_id, m.seq`)
      .raw()
      .iterate(where.params) as IterableIterator<Cell[]>;
  }

  /** The journal of each run the filter selects, in start order (exports made from the records themselves). */
  journals(filter: HistoryFilter): Array<{ runId: string; journal: string }> {
    const where = whereRuns(filter);
    return this.db.prepare(`SELECT r.run_id AS runId, r.journal FROM runs r ${where.sql} ORDER BY r.started_ms, r.run_id`).all(where.params) as Array<{ runId: string; journal: string }>;
  }

  /** Force samples of the runs the filter selects (the curves export). */
  iterateSamples(filter: HistoryFilter): IterableIterator<SampleRow> {
    const where = whereRuns(filter);
    return this.db
      .prepare(
        `SELECT ${rowSelectOf(SAMPLE_COLUMNS, 's')} FROM runs r JOIN samples s ON s.run_id = r.run_id ${where.sql} ORDER BY r.started_ms, r.run_id, s.seq`,
      )
      .iterate(where.params) as IterableIterator<SampleRow>;
  }

  counts(): { runs: number; measurements: number; samples: number } {
    const count = (table: string): number => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { runs: count('runs'), measurements: count('measurements'), samples: count('samples') };
  }

  /** The underlying connection, for the statistics queries in this folder. */
  get connection(): Database.Database {
    return this.db;
  }
}

/** Bring an older database to this version, one step at a time, each in a transaction; a version with no migration is left as it is. */
function migrate(db: Database.Database, from: number): void {
  for (let version = from; version < HISTORY_SCHEMA_VERSION; version++) {
    const sql = HISTORY_MIGRATIONS[version];
    if (sql === undefined) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
