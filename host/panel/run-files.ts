import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeCsv } from '../results/csv/write-csv.js';
import { rowsFromRecord } from '../results/rows-from-record.js';
import type { TestRecord } from '../runner/test-record.js';

/** The files a page may fetch of a finished run, by the name in its link. */
export const RUN_FILES = {
  'report.html': { contentType: 'text/html; charset=utf-8', download: false },
  'measurements.csv': { contentType: 'text/csv; charset=utf-8', download: true },
  'curves.csv': { contentType: 'text/csv; charset=utf-8', download: true },
} as const;

export type RunFileName = keyof typeof RUN_FILES;

export function isRunFileName(name: string): name is RunFileName {
  return Object.hasOwn(RUN_FILES, name);
}

/**
 * The path of a run's file, made when asked for the first time: the report is the run's own; the
 * CSV exports (one row per measurement, one per force sample) are written next to it from run.json
 * by the same writer as `clampbench export`, and kept there. Throws a message for the page when the
 * run has no record (it was cut off before its end).
 */
export async function runFile(runDir: string, name: RunFileName): Promise<string> {
  const file = join(runDir, name);
  if (name === 'report.html') {
    if (!existsSync(file)) throw new Error(`${basename(runDir)} has no report (the run did not end normally; clampbench report ${runDir} makes one from its journal)`);
    return file;
  }
  const recordFile = join(runDir, 'run.json');
  if (!existsSync(recordFile)) throw new Error(`${basename(runDir)} has no run.json to export (the run did not end normally)`);
  if (existsSync(file) && statSync(file).mtimeMs >= statSync(recordFile).mtimeMs) return file;
  const { runId, complete, ...record } = JSON.parse(readFileSync(recordFile, 'utf8')) as TestRecord & { runId: string; complete: boolean };
  const rows = rowsFromRecord(record, runId, complete);
  if (name === 'measurements.csv') await writeCsv('long', rows.measurements, file);
  else await writeCsv('curves', rows.samples, file);
  return file;
}
