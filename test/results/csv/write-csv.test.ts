import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MeasurementRow, RunRow, SampleRow } from '../../../host/results/export-rows.js';
import { csvColumns } from '../../../host/results/csv/columns.js';
import { writeCsv, writeCsvCells } from '../../../host/results/csv/write-csv.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clampbench-csv-'));
});

/** The file's records as csv-parse reads them (BOM stripped), and its raw bytes. */
function readCsv(file: string): { bytes: Buffer; records: string[][] } {
  const bytes = readFileSync(file);
  return { bytes, records: parse(bytes, { bom: true, relax_column_count: false }) as string[][] };
}

const measurement = (overrides: Partial<MeasurementRow> = {}): MeasurementRow => ({
  runId: '0b6f3c1e-2a4d-4e8f-9c1a-5d7e3f9b2a10',
  serial: 'CB2503-000042',
  plan: 'production-qc',
  rigId: 'uno-pull-01',
  pole: 2,
  stepId: 'continuity',
  attempt: 1,
  name: 'drop',
  value: 1.734,
  unit: 'mV',
  low: null,
  high: 3.2,
  verdict: 'PASS',
  cause: null,
  measuredAt: '2025-03-01T09:12:47.900+01:00',
  uncertainty: 0.0213,
  decision: 'pass',
  attemptDurationMs: 84,
  attemptSimDurationMs: 131,
  ...overrides,
});

const LONG_HEADER = ['run_id', 'serial', 'plan', 'rig_id', 'pole', 'step_id', 'attempt', 'measurement', 'value', 'unit', 'low_limit', 'high_limit', 'verdict', 'cause', 'measured_at', 'uncertainty', 'decision', 'attempt_duration_s', 'attempt_sim_duration_s'];

describe('CSV export files', () => {
  it('start with the UTF-8 BOM and the header, and end every record with CRLF', async () => {
    const file = join(dir, 'long.csv');
    await writeCsv('long', [measurement()], file);
    const { bytes } = readCsv(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      `${LONG_HEADER.join(',')}\r\n0b6f3c1e-2a4d-4e8f-9c1a-5d7e3f9b2a10,CB2503-000042,production-qc,uno-pull-01,2,continuity,1,drop,1.734,mV,,3.2,PASS,,2025-03-01T09:12:47.900+01:00,0.0213,pass,0.084,0.131\r\n`,
    );
  });

  it('read back to the same values: numbers as numbers, null as an empty cell', async () => {
    const rows = [
      measurement(),
      measurement({ pole: null, stepId: 'isolation', name: 'supply', value: 5.02, unit: 'V', low: 4.75, high: 5.25 }),
      measurement({ pole: 3, value: null, verdict: 'FAIL', cause: 'open circuit: test current not reached' }),
      measurement({ stepId: 'pull-check', name: 'slip', value: -0.0063, unit: 'mm', high: 0.5 }),
      measurement({ name: 'leakage', value: 1.2e-7, unit: 'A', low: -5e-7, high: 5e-7, attempt: 2 }),
    ];
    const file = join(dir, 'long.csv');
    expect(await writeCsv('long', rows, file)).toEqual({ rows: 5 });
    const [header, ...records] = readCsv(file).records;
    expect(header).toEqual(LONG_HEADER);
    const cell = (record: string[] | undefined, column: string): string => record?.[LONG_HEADER.indexOf(column)] ?? 'missing';
    const number = (text: string): number | null => (text === '' ? null : Number(text));
    expect(records.map((r) => [number(cell(r, 'pole')), number(cell(r, 'attempt')), number(cell(r, 'value')), number(cell(r, 'low_limit')), number(cell(r, 'high_limit'))])).toEqual(
      rows.map((r) => [r.pole, r.attempt, r.value, r.low, r.high]),
    );
    expect(records.map((r) => cell(r, 'value'))).toEqual(['1.734', '5.02', '', '-0.0063', '0.00000012']);
    expect(records.map((r) => cell(r, 'cause'))).toEqual(['', '', 'open circuit: test current not reached', '', '']);
  });

  it('neutralise formula injection in text cells with a leading quote, and leave negative numbers alone', async () => {
    const injections = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
    const rows = [
      ...injections.map((cause) => measurement({ cause, value: -0.0063 })),
      measurement({ serial: '=1+1', stepId: '-vdrop', name: '@drop', unit: '+mV' }),
    ];
    const file = join(dir, 'long.csv');
    await writeCsv('long', rows, file);
    const { bytes, records: all } = readCsv(file);
    const records = all.slice(1);
    expect(bytes.toString('utf8')).toContain(`,"'\rcmd",`);
    expect(records.slice(0, injections.length).map((r) => [r[13], r[8]])).toEqual(injections.map((text) => [`'${text}`, '-0.0063']));
    expect(records[injections.length]?.slice(1, 10)).toEqual(["'=1+1", 'production-qc', 'uno-pull-01', '2', "'-vdrop", '1', "'@drop", '1.734', "'+mV"]);
  });

  it('neutralise full-width formula starts and text that looks like a negative number; escaped cells are quoted only when they need it', async () => {
    const causes = ['\uFF1DSUM(A1)', '\uFF0B1', '\uFF0D1', '\uFF20x', '-5', '-0.0063', '=1+1'];
    const file = join(dir, 'long.csv');
    await writeCsv('long', causes.map((cause) => measurement({ cause, value: -5, low: -0.0063 })), file);
    const { bytes, records } = readCsv(file);
    expect(records.slice(1).map((r) => [r[13], r[8], r[10]])).toEqual(causes.map((cause) => [`'${cause}`, '-5', '-0.0063']));
    // The same bytes as csv-stringify wrote: a leading quote, no enclosing quotes.
    expect(bytes.toString('utf8')).toContain(",-5,mV,-0.0063,3.2,PASS,'-5,2025-03-01T09:12:47.900+01:00,0.0213,pass,0.084,0.131\r\n");
    expect(bytes.toString('utf8')).toContain(",PASS,'=1+1,2025-");
  });

  it('keep leading and trailing spaces through a round trip (those cells are quoted)', async () => {
    const texts = [' leading', 'trailing ', ' ', ' both '];
    const file = join(dir, 'long.csv');
    await writeCsv('long', texts.map((cause) => measurement({ cause })), file);
    const { bytes, records } = readCsv(file);
    expect(records.slice(1).map((r) => r[13])).toEqual(texts);
    expect(bytes.toString('utf8')).toContain(',PASS," leading",2025-');
  });

  it('keep quotes, commas, line breaks and non-ASCII through a round trip', async () => {
    const texts = ['peak "45.2" N, held', 'line one\nline two', 'cr\ronly', 'crlf\r\nboth', 'R = 0.70 mΩ, 12 µm, Straße', ''];
    const file = join(dir, 'long.csv');
    await writeCsv('long', texts.map((cause) => measurement({ cause, unit: 'mΩ' })), file);
    const { bytes, records } = readCsv(file);
    expect(records.slice(1).map((r) => [r[13], r[9]])).toEqual(texts.map((text) => [text, 'mΩ']));
    // csv-parse takes a bare LF inside an unquoted field once it has seen CRLF record ends; a
    // spreadsheet ends the row there. So: every field with a CR or LF is quoted.
    const text = bytes.toString('utf8');
    for (const quoted of ['"line one\nline two"', '"cr\ronly"', '"crlf\r\nboth"', '"peak ""45.2"" N, held"']) expect(text).toContain(`,${quoted},`);
  });

  it('write the summary with wall and simulated durations in seconds, ISO calibration and due dates, the release mark, and empty cells for a run still going', async () => {
    const run: RunRow = {
      runId: '0b6f3c1e-2a4d-4e8f-9c1a-5d7e3f9b2a10',
      serial: 'CB2503-000042',
      plan: 'production-qc',
      planHash: 'sha256:9f2c',
      dut: 'PTFIX-3',
      conductor: 'cu-1.5-solid',
      rigId: 'uno-pull-01',
      firmwareVersion: '0.4.0',
      protocol: '1',
      calDate: '2025-02-14',
      calDue: '2026-02-14',
      forRelease: false,
      operator: '-Jürgen Groß',
      station: null,
      startedAt: '2025-03-01T09:12:44.000+01:00',
      endedAt: '2025-03-01T09:13:02.450+01:00',
      durationMs: 18450,
      simDurationMs: 61230,
      outcome: 'FAIL',
      cause: 'Isolation and wiring map: short between poles 2 and 3',
      failingPoles: '2 3',
      failingSteps: 'isolation; pole 2 continuity',
      measurementCount: 7,
      decisionRule: 'guarded',
    };
    const file = join(dir, 'summary.csv');
    await writeCsv('summary', [run, { ...run, calDate: null, calDue: null, forRelease: null, endedAt: null, durationMs: null, simDurationMs: null, outcome: 'INCOMPLETE', cause: null, failingPoles: '', failingSteps: '' }], file);
    expect(readCsv(file).records).toEqual([
      ['run_id', 'serial', 'plan', 'plan_hash', 'dut', 'conductor', 'rig_id', 'firmware_version', 'protocol', 'cal_date', 'cal_due', 'for_release', 'operator', 'station', 'started_at', 'ended_at', 'duration_s', 'sim_duration_s', 'outcome', 'cause', 'failing_poles', 'failing_steps', 'measurement_count', 'decision_rule'],
      ['0b6f3c1e-2a4d-4e8f-9c1a-5d7e3f9b2a10', 'CB2503-000042', 'production-qc', 'sha256:9f2c', 'PTFIX-3', 'cu-1.5-solid', 'uno-pull-01', '0.4.0', '1', '2025-02-14', '2026-02-14', 'no', "'-Jürgen Groß", '', '2025-03-01T09:12:44.000+01:00', '2025-03-01T09:13:02.450+01:00', '18.45', '61.23', 'FAIL', 'Isolation and wiring map: short between poles 2 and 3', '2 3', 'isolation; pole 2 continuity', '7', 'guarded'],
      ['0b6f3c1e-2a4d-4e8f-9c1a-5d7e3f9b2a10', 'CB2503-000042', 'production-qc', 'sha256:9f2c', 'PTFIX-3', 'cu-1.5-solid', 'uno-pull-01', '0.4.0', '1', '', '', '', "'-Jürgen Groß", '', '2025-03-01T09:12:44.000+01:00', '', '', '', 'INCOMPLETE', '', '', '', '7', 'guarded'],
    ]);
  });

  it('write force curves one sample a line, negative forces as numbers', async () => {
    const samples: SampleRow[] = [
      { runId: 'r1', serial: 'CB2503-000042', pole: 1, stepId: 'pull-check', attempt: 1, tMs: 0, posMm: 0, forceN: -0.04 },
      { runId: 'r1', serial: 'CB2503-000042', pole: 1, stepId: 'pull-check', attempt: 1, tMs: 12.5, posMm: 0.025, forceN: 2.3 },
    ];
    const file = join(dir, 'curves.csv');
    await writeCsv('curves', samples, file);
    expect(readCsv(file).records).toEqual([
      ['run_id', 'serial', 'pole', 'step_id', 'attempt', 't_ms', 'pos_mm', 'force_n'],
      ['r1', 'CB2503-000042', '1', 'pull-check', '1', '0', '0', '-0.04'],
      ['r1', 'CB2503-000042', '1', 'pull-check', '1', '12.5', '0.025', '2.3'],
    ]);
  });

  it('take rows from an async iterable, across many batches, in order', async () => {
    async function* rows(): AsyncGenerator<MeasurementRow> {
      for (let i = 0; i < 1234; i++) yield measurement({ attempt: i + 1 });
    }
    const file = join(dir, 'long.csv');
    expect(await writeCsv('long', rows(), file)).toEqual({ rows: 1234 });
    const records = readCsv(file).records.slice(1);
    expect(records.map((r) => Number(r[6]))).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1));
  });

  it('write the same file from cells in column order (the history\'s long export) as from rows', async () => {
    const rows = [
      measurement(),
      measurement({ pole: null, value: null, verdict: 'FAIL', cause: 'open circuit, "pole 3"\nretry' }),
      measurement({ value: -0.0063, low: -5e-7, cause: '-5', serial: '=1+1', unit: ' mm ' }),
    ];
    const fromRows = join(dir, 'rows.csv');
    const fromCells = join(dir, 'cells.csv');
    await writeCsv('long', rows, fromRows);
    const cells = rows.map((row) => csvColumns.long.map((column) => column.cell(row)));
    expect(await writeCsvCells('long', cells, fromCells)).toEqual({ rows: 3 });
    expect(readFileSync(fromCells)).toEqual(readFileSync(fromRows));
    expect(readCsv(fromCells).records[3]?.slice(8, 14)).toEqual(['-0.0063', ' mm ', '-0.0000005', '3.2', 'PASS', "'-5"]);
  });

  it('write the header alone when there are no rows', async () => {
    const file = join(dir, 'empty.csv');
    expect(await writeCsv('curves', [], file)).toEqual({ rows: 0 });
    expect(readFileSync(file, 'utf8')).toBe('\uFEFFrun_id,serial,pole,step_id,attempt,t_ms,pos_mm,force_n\r\n');
  });
});

describe('a failing CSV export', () => {
  it('leaves no file when the target folder is missing', async () => {
    await expect(writeCsv('long', [measurement()], join(dir, 'missing', 'long.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the previous file and removes its temp file when the rows fail halfway', async () => {
    const file = join(dir, 'long.csv');
    writeFileSync(file, 'previous export\r\n');
    function* rows(): Generator<MeasurementRow> {
      for (let i = 0; i < 5000; i++) yield measurement({ attempt: i + 1 });
      throw new Error('history database went away');
    }
    await expect(writeCsv('long', rows(), file)).rejects.toThrow('history database went away');
    expect(readdirSync(dir)).toEqual(['long.csv']);
    expect(readFileSync(file, 'utf8')).toBe('previous export\r\n');
  });

  it('replaces the previous file when it succeeds', async () => {
    const file = join(dir, 'long.csv');
    writeFileSync(file, 'previous export\r\n');
    await writeCsv('long', [measurement()], file);
    expect(readdirSync(dir)).toEqual(['long.csv']);
    expect(readCsv(file).records).toHaveLength(2);
  });
});
