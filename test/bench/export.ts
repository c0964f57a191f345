// CSV export figures: 1,000,000 synthesised measurement rows in the long format, each export in a
// child process of its own so that its peak RSS is the export's alone.
// Run alone: `node --import tsx test/bench/export.ts` prints its own table.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BATCH_ROWS } from '../../host/results/csv/write-csv.js';
import { figure, formatTable, type Figure } from './table.js';

const ROWS = 1_000_000;
/** Exports per side; the two sides alternate, so a change of machine load hits both. */
const RUNS = 3;

type Mode = 'writer' | 'xlsx' | 'history' | 'fill' | 'stringify' | 'floor' | 'stringify-floor' | 'idle';

interface ChildFigures {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
}

const childScript = fileURLToPath(new URL('./export-child.ts', import.meta.url));
const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

function runChild(mode: Mode, rows: number, file: string, historyFile = ''): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, mode, String(rows), file, historyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildFigures) : reject(new Error(`export-child ${mode} exited with ${code}`))));
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function exportFigures(rows = ROWS): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-bench-csv-'));
  try {
    // Other work on the machine slows these figures down; the load says how much to trust them.
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const idle = await runChild('idle', 0, join(dir, 'idle.csv'));
    const ours: ChildFigures[] = [];
    const reference: ChildFigures[] = [];
    const floor: ChildFigures[] = [];
    const stringifyFloor: ChildFigures[] = [];
    for (let run = 1; run <= RUNS; run++) {
      progress(`CSV export ${run}/${RUNS}: writeCsv, csv-stringify's stream, Papa.unparse alone, csv-stringify's sync API alone (${rows.toLocaleString('en')} rows each)`);
      ours.push(await runChild('writer', rows, join(dir, 'long.csv')));
      reference.push(await runChild('stringify', rows, join(dir, 'reference.csv')));
      floor.push(await runChild('floor', rows, join(dir, 'floor.txt')));
      stringifyFloor.push(await runChild('stringify-floor', rows, join(dir, 'stringify-floor.txt')));
    }
    const tenth = await runChild('writer', rows / 10, join(dir, 'tenth.csv'));
    progress(`xlsx export: the same ${rows.toLocaleString('en')} rows as one workbook's long sheet`);
    const xlsx = await runChild('xlsx', rows, join(dir, 'long.xlsx'));
    progress(`CSV export from the SQLite history: filling it with ${rows.toLocaleString('en')} measurements`);
    const historyFile = join(dir, 'history.sqlite');
    const fill = await runChild('fill', rows, join(dir, 'fill'), historyFile);
    const fromHistory: ChildFigures[] = [];
    for (let run = 1; run <= RUNS; run++) fromHistory.push(await runChild('history', rows, join(dir, 'history.csv'), historyFile));
    const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
    const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const rowsText = rows.toLocaleString('en');
    return [
      figure(
        'CSV export: long format',
        median(ours.map((r) => r.ms)) / 1000,
        's',
        `writeCsv of ${rowsText} synthesised MeasurementRows (${mb(ours[0]!.bytes)}) via temp file + fsync + rename; median of ${RUNS} child processes, CPU ${s(median(ours.map((r) => r.cpuMs)))}; load ${loadAtStart} on ${availableParallelism()} CPUs`,
        '≤ 3',
      ),
      figure(
        'CSV export: long format from the SQLite history',
        median(fromHistory.map((r) => r.ms)) / 1000,
        's',
        `what \`clampbench export --format long\` does (query, rows, CSV, file) over ${rowsText} stored measurements; peak RSS ${Math.max(...fromHistory.map((r) => r.maxRssMb)).toFixed(0)} MB; history filled in ${s(fill.ms)}`,
        '≤ 3',
      ),
      figure(
        'CSV export: Papa.unparse floor',
        median(floor.map((r) => r.ms)) / 1000,
        's',
        `the same rows made and turned into text as writeCsv does (Papa.unparse in batches of ${BATCH_ROWS}), nothing written: no writer on Papa.unparse is faster`,
      ),
      figure(
        'CSV export: csv-stringify floor',
        median(stringifyFloor.map((r) => r.ms)) / 1000,
        's',
        `the same rows made and stringified by csv-stringify's sync API in batches of 200 (the other writer of the dialect), nothing written`,
      ),
      figure(
        'CSV export: peak RSS',
        Math.max(...ours.map((r) => r.maxRssMb)),
        'MB',
        `maxRSS of the export's child; an idle child (node + tsx) ${idle.maxRssMb.toFixed(0)} MB, ${(rows / 10).toLocaleString('en')} rows ${tenth.maxRssMb.toFixed(0)} MB`,
        '≤ 150',
      ),
      figure(
        'xlsx export: long sheet',
        xlsx.ms / 1000,
        's',
        `writeXlsx (exceljs' streaming writer) of the same ${rowsText} rows as one workbook's long sheet (${mb(xlsx.bytes)}), temp file + rename; peak RSS ${xlsx.maxRssMb.toFixed(0)} MB, CPU ${s(xlsx.cpuMs)}; one child process`,
      ),
      figure(
        'CSV export: csv-stringify alone / ours',
        median(ours.map((r, i) => reference[i]!.ms / r.ms)),
        '×',
        `csv-stringify's stream on the same rows as plain arrays, the dialect as csv-stringify options (the same bytes), piped to a file: ${s(median(reference.map((r) => r.ms)))}; median of ${RUNS} pairs`,
        '≥ 1',
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${formatTable(await exportFigures())}\n`);
}
