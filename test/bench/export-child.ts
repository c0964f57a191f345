// One measured CSV export in a fresh process, so its peak RSS is the export's alone:
//   node --import tsx test/bench/export-child.ts <writer|xlsx|history|fill|stringify|floor|stringify-floor|idle> <rows> <file> [history.sqlite]
// `fill` puts the synthesised rows into a history database; `history` exports them from it, as
// `clampbench export --format long` does.
// prints {"ms":…,"cpuMs":…,"maxRssMb":…,"bytes":…} on stdout.
import { createWriteStream, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { type Cell, csvColumns } from '../../host/results/csv/columns.js';
import { csvRecords } from '../../host/results/csv/csv-dialect.js';
import { csvStringifyOptions } from '../support/csv-stringify-reference.js';
import type { MeasurementRow, RunRow } from '../../host/results/export-rows.js';
import { HistoryDb } from '../../host/results/history/history-db.js';
import { BATCH_ROWS, writeCsv, writeCsvCells } from '../../host/results/csv/write-csv.js';
import { synthMeasurementRows } from './measurement-rows.js';
import { writeXlsx } from '../../host/results/xlsx/write-xlsx.js';

const [mode, rowsText, file, historyFile] = process.argv.slice(2);
const rowCount = Number(rowsText);
if (!file || !Number.isInteger(rowCount)) throw new Error('usage: export-child.ts <writer|xlsx|history|fill|stringify|floor|stringify-floor|idle> <rows> <file> [history.sqlite]');

/** The long format's cells in column order, as plain arrays: what the floors and csv-stringify's reference run are fed. */
function* rowArrays(rows: Iterable<MeasurementRow>): Generator<Cell[]> {
  for (const r of rows) yield [r.runId, r.serial, r.plan, r.rigId, r.pole, r.stepId, r.attempt, r.name, r.value, r.unit, r.low, r.high, r.verdict, r.cause, r.measuredAt];
}

/** The rows as runs in the history, one import per unit, all in one transaction. */
function fillHistory(history: HistoryDb, rows: Iterable<MeasurementRow>): void {
  const importRun = (measurements: MeasurementRow[]): void => {
    const first = measurements[0];
    if (!first) return;
    const run: RunRow = {
      runId: first.runId, serial: first.serial, plan: first.plan, planHash: 'bench', dut: '831-1104/322-004', conductor: '10mm2-fine', rigId: first.rigId,
      firmwareVersion: '0.1.0', protocol: '1.0', calDate: '2025-02-14', calDue: null, forRelease: true, operator: null, station: null, startedAt: first.measuredAt, endedAt: null, durationMs: null, simDurationMs: null,
      outcome: 'PASS', cause: null, failingPoles: '', failingSteps: '', measurementCount: measurements.length, decisionRule: 'simple',
    };
    history.importRows({ run, measurements, samples: [] }, `bench:${first.runId}`, 0);
  };
  history.connection.transaction(() => {
    let unit: MeasurementRow[] = [];
    for (const row of rows) {
      if (unit.length > 0 && unit[0]?.runId !== row.runId) {
        importRun(unit);
        unit = [];
      }
      unit.push(row);
    }
    importRun(unit);
  })();
  history.recomputeFirstAttempts();
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (mode === 'writer') {
  await writeCsv('long', synthMeasurementRows(rowCount), file);
} else if (mode === 'fill' || mode === 'history') {
  if (!historyFile) throw new Error(`${mode} needs the history file`);
  const history = HistoryDb.open(historyFile);
  if (mode === 'fill') fillHistory(history, synthMeasurementRows(rowCount));
  else await writeCsvCells('long', history.iterateLongCells({}), file);
  history.close();
} else if (mode === 'xlsx') {
  // The same rows as the long sheet of one workbook, streamed (`clampbench export --format xlsx`).
  await writeXlsx({ summary: [], long: synthMeasurementRows(rowCount), curves: [] }, file);
} else if (mode === 'stringify') {
  // csv-stringify alone: its stream API on row arrays, same dialect, straight into a file.
  const options = { ...csvStringifyOptions(), bom: true, header: true, columns: csvColumns.long.map((c) => c.header) };
  await pipeline(Readable.from(rowArrays(synthMeasurementRows(rowCount))), stringify(options), createWriteStream(file));
} else if (mode === 'floor' || mode === 'stringify-floor') {
  // What no writer can beat that turns these rows into text as writeCsv does (floor: csvRecords,
  // i.e. Papa.unparse, in writeCsv's batches) or with the other writer of the dialect (stringify-floor:
  // csv-stringify's sync API in batches of 200): rows made and turned into arrays and text; the text
  // is dropped, nothing is written.
  const text = mode === 'floor' ? csvRecords : (records: Cell[][]): string => stringifySync(records, csvStringifyOptions());
  const size = mode === 'floor' ? BATCH_ROWS : 200;
  let batch: Cell[][] = [];
  let chars = 0;
  for (const record of rowArrays(synthMeasurementRows(rowCount))) {
    if (batch.push(record) < size) continue;
    chars += text(batch).length;
    batch = [];
  }
  if (batch.length > 0) chars += text(batch).length;
  writeFileSync(file, String(chars));
} else if (mode !== 'idle') {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const bytes = mode === 'idle' || mode === 'floor' || mode === 'stringify-floor' || mode === 'fill' ? 0 : statSync(file).size;
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes }));
