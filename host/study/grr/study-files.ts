import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecords, UTF8_BOM } from '../../results/csv/csv-dialect.js';
import { safeFileName } from '../../results/safe-file-name.js';
import { writeFileAtomic } from '../../shared/write-file-atomic.js';
import type { GrrStudyRecord } from './study-record.js';

/** `2026-12-07T12-03-11-120Z-grr-continuity-drop-pole1`: sorts by time beside the run folders, names what was studied. */
export function studyFolderName(startedAt: Date, target: GrrStudyRecord['target']): string {
  return `${startedAt.toISOString().replace(/[:.]/g, '-')}-grr-${safeFileName(`${target.stepId}-${target.measurement}-pole${target.pole}`)}`;
}

const CSV_HEADER = ['order', 'trial', 'operator', 'operator_name', 'part', 'serial', 'step', 'measurement', 'pole', 'value', 'unit', 'step_outcome', 'run_id', 'run_folder'];

/** One row per run: what a spreadsheet or another statistics program needs to redo the analysis. */
function studyCsv(study: GrrStudyRecord): string {
  const { target } = study;
  const rows = study.runs.map((r) => [r.order, r.trial, r.operator, r.operatorName, r.part, r.serial, target.stepId, target.measurement, target.pole, r.value, target.unit, r.stepOutcome, r.runId, r.folder]);
  return UTF8_BOM + csvRecords([[...CSV_HEADER], ...rows]);
}

/** The study's folder: study.json (the record), measurements.csv and study.html (the page with the charts). */
export async function writeStudyFiles(dir: string, study: GrrStudyRecord): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'study.json'), join(dir, 'measurements.csv'), join(dir, 'study.html')];
  writeFileAtomic(files[0]!, `${JSON.stringify(study, null, 2)}\n`);
  writeFileAtomic(files[1]!, studyCsv(study));
  // Loaded when the page is written: vega costs about a second at every CLI start otherwise.
  const { renderStudyReport } = await import('./study-report.js');
  writeFileAtomic(files[2]!, await renderStudyReport(study));
  return files;
}
