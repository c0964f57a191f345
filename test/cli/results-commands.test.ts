import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../host/results/journal/read-journal.js';
import { clampbenchSync } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';

const scenarios = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));

function csv(file: string): Array<Record<string, string>> {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
}

// The quality engineer's side, as a user runs it: two units tested, then history, stats, export and report.
describe('results on the command line: history, stats, export, report', () => {
  const results = mkdtempSync(join(tmpdir(), 'cb-results-cli-'));
  const evilSerial = '=HYPERLINK("http://x","y")';
  const evilOperator = '@SUM(A1)/../../etc';
  beforeAll(() => {
    expect(clampbenchSync(['run', '--out', results, '--serial', evilSerial, '--operator', evilOperator]).code).toBe(0);
    expect(clampbenchSync(['run', '--out', results, '--serial', 'SN-SHORT', '--scenario', join(scenarios, 'short-1-3.yaml')]).code).toBe(1);
  }, 240_000);

  it('every run folder holds the journal, run.json and report.html, under a sanitised name; the history has both runs', async () => {
    const folders = readdirSync(results).filter((f) => f !== 'history.sqlite' && !f.startsWith('history.sqlite-'));
    expect(folders).toHaveLength(2);
    for (const folder of folders) {
      expect(folder).toMatch(/^[0-9TZ-]+-[A-Za-z0-9_-]+$/);
      for (const file of ['journal.jsonl', 'run.json', 'report.html']) expect(existsSync(join(results, folder, file))).toBe(true);
    }
    const history = await clampbenchInProcess(['history', '--results', results, '--json']);
    expect(history.code).toBe(0);
    const listed = JSON.parse(history.stdout);
    expect(listed.runs.map((r: { serial: string; outcome: string }) => `${r.serial}:${r.outcome}`).sort()).toEqual([`${evilSerial}:PASS`, 'SN-SHORT:FAIL']);
    expect(listed.yield).toMatchObject({ units: 2, passedFirst: 1, firstPassYield: 0.5 });
    const text = await clampbenchInProcess(['history', '--results', results, '--outcome', 'FAIL']);
    expect(text.stdout).toMatch(/SN-SHORT +production-qc +CB-UNO-0001 +FAIL/);
    expect(text.stdout).toContain('1 runs, 1 units, first-pass yield 0.0 % (0/1)');
  });

  it('the long export parses back to the values in the journals, with formula-like text neutralised', async () => {
    const out = join(results, '..', `${readdirSync(results)[0]}-long.csv`);
    const exported = await clampbenchInProcess(['export', '--results', results, '--format', 'long', '--out', out]);
    expect(exported.code).toBe(0);
    const rows = csv(out);
    const journals = readdirSync(results).filter((f) => existsSync(join(results, f, 'journal.jsonl'))).map((f) => readJournal(join(results, f)));
    const measured = journals.flatMap((j) => [...j.record.unitSteps, ...j.record.poles.flatMap((p) => p.steps)].flatMap((s) => s.attempts.flatMap((a) => a.measurements)));
    expect(rows).toHaveLength(measured.length);
    expect(exported.stderr).toContain(`wrote ${measured.length} long rows`);
    const drops = rows.filter((r) => r.measurement === 'drop' && r.serial === `'${evilSerial}`);
    expect(drops).toHaveLength(4);
    const journalDrops = measured.filter((m) => m.name === 'drop');
    for (const row of drops) {
      expect(journalDrops.map((m) => m.value)).toContain(Number(row.value));
      expect(row).toMatchObject({ unit: 'mV', verdict: 'PASS', low_limit: '', plan: 'production-qc' });
      expect(Number(row.high_limit)).toBeGreaterThan(0);
      expect(row.measured_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    }
    // A negative number stays a number (slip of a few µm), text starting with - would not.
    const slips = rows.filter((r) => r.measurement === 'slip').map((r) => r.value);
    expect(slips.some((v) => v?.startsWith('-'))).toBe(true);
    for (const v of slips) expect(Number.isFinite(Number(v))).toBe(true);
  });

  it('summary and curves exports, filtered; the operator name is neutralised and never reaches a path', async () => {
    const summaryFile = join(results, '..', 'cb-summary.csv');
    expect((await clampbenchInProcess(['export', '--results', results, '--format', 'summary', '--serial', evilSerial, '--out', summaryFile])).code).toBe(0);
    const [unit, ...more] = csv(summaryFile);
    expect(more).toHaveLength(0);
    expect(unit).toMatchObject({ serial: `'${evilSerial}`, operator: `'${evilOperator}`, outcome: 'PASS', failing_poles: '' });
    const curvesFile = join(results, '..', 'cb-curves.csv');
    expect((await clampbenchInProcess(['export', '--results', results, '--format', 'curves', '--outcome', 'PASS', '--out', curvesFile])).code).toBe(0);
    const samples = csv(curvesFile);
    expect(new Set(samples.map((s) => s.pole))).toEqual(new Set(['1', '2', '3', '4']));
    const peak = Math.max(...samples.map((s) => Number(s.force_n)));
    expect(peak).toBeGreaterThan(44);
    expect(peak).toBeLessThan(50);
    expect(Object.keys(samples[0] ?? {})).toEqual(['run_id', 'serial', 'pole', 'step_id', 'attempt', 't_ms', 'pos_mm', 'force_n']);
  });

  it('stats prints yield and capability per measurement', async () => {
    const stats = await clampbenchInProcess(['stats', '--results', results, '--json']);
    expect(stats.code).toBe(0);
    const figures = JSON.parse(stats.stdout);
    expect(figures.yield[0]).toMatchObject({ group: 'production-qc', units: 2, passedFirst: 1 });
    const peak = figures.measurements.find((m: { name: string }) => m.name === 'peak-force');
    expect(peak).toMatchObject({ count: 4, low: 45, high: null, unit: 'N' });
    expect(peak.cpk).toBeCloseTo((peak.mean - 45) / (3 * peak.sd), 9);
  });

  it('report writes the HTML of a run from its journal', async () => {
    const folder = readdirSync(results).find((f) => f.endsWith('SN-SHORT')) ?? '';
    const out = join(results, '..', 'cb-report.html');
    const report = await clampbenchInProcess(['report', join(results, folder), '--out', out]);
    expect(report.code).toBe(0);
    expect(report.stdout).toBe(`wrote ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('SN-SHORT');
    expect(html).toContain('short between poles 1 and 3');
  });

  it('bad input: exit 2 with the option, the value and what is allowed; nothing written', async () => {
    const from = await clampbenchInProcess(['history', '--results', results, '--from', 'last tuesday']);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('--from: value "last tuesday" is not a date; expected YYYY-MM-DD or an ISO 8601 time');
    const outcome = await clampbenchInProcess(['export', '--results', results, '--outcome', 'MAYBE', '--out', join(results, '..', 'never.csv')]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/--outcome <outcome>' argument 'MAYBE' is invalid. Allowed choices are PASS, FAIL, ERROR, ABORTED, SKIPPED, INCOMPLETE/);
    expect(existsSync(join(results, '..', 'never.csv'))).toBe(false);
    const missing = await clampbenchInProcess(['report', join(results, 'no-such-run')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-run: cannot read it \(ENOENT\)/);
    const nowhere = await clampbenchInProcess(['history', '--results', join(results, 'typo')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain(`--results: folder "${join(results, 'typo')}" does not exist`);
    expect(existsSync(join(results, 'typo'))).toBe(false);
    const order = await clampbenchInProcess(['stats', '--results', results, '--from', '2026-11-02', '--to', '2026-11-01']);
    expect(order.code).toBe(2);
    expect(order.stderr).toContain('--to: value "2026-11-01" is not after --from "2026-11-02"');
  });
});
