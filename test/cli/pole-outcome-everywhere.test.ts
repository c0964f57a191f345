import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { clampbenchSync } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';

const shortScenario = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/short-1-3.yaml', import.meta.url));

/** `pole:outcome` per pole of the terminal's result table (its last column). */
function terminalPoles(display: string): string[] {
  const lines = display.split('\n');
  const header = lines.findIndex((line) => /^pole +.*pole outcome$/.test(line));
  expect(header).toBeGreaterThanOrEqual(0);
  return lines
    .slice(header + 2)
    .filter((line) => /^\d+ /.test(line))
    .map((line) => `${line.split(/ +/)[0]}:${line.split(/ +/).at(-1)}`);
}

/** `pole:outcome` per row of the report's pole overview. */
function reportPoles(html: string): string[] {
  const rows = [...html.matchAll(/<a href="#pole-(\d+)">\d+<\/a><\/th>[\s\S]*?<td class="verdict pole-outcome"><span class="badge badge-\w+">(\w+)<\/span>/g)];
  return rows.map(([, pole, outcome]) => `${pole}:${outcome}`);
}

// One unit whose only fault is a short between poles 1 and 3: isolation fails, and production-qc stops on
// the first FAIL, so no pole step runs. Every output must show poles 1 and 3 FAIL, 2 and 4 SKIPPED.
describe('one pole outcome in every output', () => {
  it('an isolation short: the terminal table, run --json, run.json, the summary CSV and the report agree', async () => {
    const results = mkdtempSync(join(tmpdir(), 'cb-pole-outcome-'));
    const run = clampbenchSync(['run', '--out', results, '--serial', 'SN-SHORT-13', '--scenario', shortScenario, '--json']);
    expect(run.code).toBe(1);
    const expected = ['1:FAIL', '2:SKIPPED', '3:FAIL', '4:SKIPPED'];

    expect(terminalPoles(run.stderr)).toEqual(expected);

    const summary = JSON.parse(run.stdout) as { outcome: string; poles: Array<{ pole: number; outcome: string }>; file: string };
    expect(summary.outcome).toBe('FAIL');
    expect(summary.poles.map((p) => `${p.pole}:${p.outcome}`)).toEqual(expected);

    const [folder] = readdirSync(results).filter((f) => f.endsWith('SN-SHORT-13'));
    const record = JSON.parse(readFileSync(join(results, folder!, 'run.json'), 'utf8')) as { poles: Array<{ pole: number; outcome: string }> };
    expect(record.poles.map((p) => `${p.pole}:${p.outcome}`)).toEqual(expected);

    expect(reportPoles(readFileSync(join(results, folder!, 'report.html'), 'utf8'))).toEqual(expected);

    const csvFile = join(results, 'summary.csv');
    expect((await clampbenchInProcess(['export', '--results', results, '--format', 'summary', '--out', csvFile])).code).toBe(0);
    const rows = parse(readFileSync(csvFile, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.serial, r.outcome, r.failing_poles])).toEqual([['SN-SHORT-13', 'FAIL', '1 3']]);
  }, 240_000);
});
