import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvColumns } from '../../host/results/csv/columns.js';
import type { RunFile } from '../../host/results/run-file.js';
import { wallTimeOf } from '../../host/results/xlsx/write-xlsx.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';
import { readRunFile, runFolders } from '../support/run-folders.js';

// `clampbench export --format xlsx`: one workbook, read back with exceljs and compared cell for cell with
// run.json: identifiers that a CSV import would turn into numbers (00123, 1E5, 1.0) stay text, values
// are numbers, times are date-time cells of the station's wall time.
const dir = mkdtempSync(join(tmpdir(), 'clampbench-xlsx-'));
const results = join(dir, 'results');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SERIALS = ['00123', '1E5'];

describe('clampbench export --format xlsx', () => {
  const workbook = new ExcelJS.Workbook();
  const records = new Map<string, RunFile>();

  beforeAll(async () => {
    for (const serial of SERIALS) await clampbenchInProcess(['run', '--serial', serial, '--yes', '--out', results]);
    for (const record of runFolders(results).map(readRunFile)) records.set(record.runId, record);
    const out = join(dir, 'results.xlsx');
    const { code, stderr } = await clampbenchInProcess(['export', '--format', 'xlsx', '--results', results, '--out', out]);
    expect(code, stderr).toBe(0);
    await workbook.xlsx.readFile(out);
  }, 120_000);

  const sheet = (name: string): ExcelJS.Worksheet => workbook.getWorksheet(name)!;
  const header = (name: string): unknown[] => (sheet(name).getRow(1).values as unknown[]).slice(1);
  const rowsOf = (name: string): Array<Record<string, unknown>> => {
    const headers = header(name) as string[];
    const rows: Array<Record<string, unknown>> = [];
    sheet(name).eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
    });
    return rows;
  };

  it('has the summary, long and curves sheets with the CSV columns, a frozen header and an autofilter', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['summary', 'long', 'curves']);
    for (const name of ['summary', 'long', 'curves'] as const) {
      expect(header(name)).toEqual(csvColumns[name].map((c) => c.header));
      expect(sheet(name).views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet(name).autoFilter).toBeTruthy();
    }
  });

  it('keeps serials, versions and ids as the exact text run.json has, and times as date-time cells', () => {
    const summary = rowsOf('summary');
    expect(summary.map((r) => r.serial).sort()).toEqual([...SERIALS].sort());
    for (const row of summary) {
      const record = records.get(row.run_id as string)!;
      expect(row.serial).toBe(record.serial);
      expect(typeof row.serial).toBe('string');
      expect(row.firmware_version).toBe(record.rig.firmwareVersion);
      expect(row.protocol).toBe(record.rig.protocol);
      expect(row.plan_hash).toBe(record.plan.hash);
      expect(row.started_at).toEqual(wallTimeOf(record.startedAt));
      expect(row.ended_at).toEqual(wallTimeOf(record.endedAt));
      expect(row.duration_s).toBe(record.durationMs / 1000);
      expect(row.outcome).toBe(record.outcome);
      expect(row.for_release).toBe('yes');
    }
  });

  it("has every measurement of run.json in the long sheet, the value a number cell equal to the record's", () => {
    const long = rowsOf('long');
    let compared = 0;
    for (const record of records.values()) {
      const rows = long.filter((r) => r.run_id === record.runId);
      const measurements = [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter].flatMap((s) => s.attempts.flatMap((a) => a.measurements.map((m) => ({ s, a, m }))));
      expect(rows).toHaveLength(measurements.length);
      measurements.forEach(({ s, a, m }, i) => {
        const row = rows[i]!;
        expect([row.step_id, row.measurement, row.verdict]).toEqual([s.stepId, m.name, m.verdict]);
        expect(row.value).toBe(m.value);
        expect(row.measured_at).toEqual(wallTimeOf(m.measuredAt ?? a.startedAt));
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('reads an ISO time with any offset as the wall time it names', () => {
    expect(wallTimeOf('2026-12-07T23:42:11.786+01:00')).toEqual(new Date(Date.UTC(2026, 11, 7, 23, 42, 11, 786)));
    expect(wallTimeOf('2026-12-07T08:00:00-05:00')).toEqual(new Date(Date.UTC(2026, 11, 7, 8, 0, 0, 0)));
    expect(wallTimeOf('not a time')).toBeNull();
  });
});
