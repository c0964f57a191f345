import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clampbenchSync } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';

// Issue 19 item 5: no verdict from a rig whose calibration is missing, expired or altered, unless a person
// overrides it with a reason, and then every output says NOT FOR RELEASE. Truth: the scenario files.
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/scenarios/${name}.yaml`, import.meta.url));
const OVERRIDE = 'calibrate the rig (clampbench calibrate), or run anyway with --allow-uncalibrated "<reason>"';

function runFolders(out: string): string[] {
  return readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
}

describe('the calibration check before any verdict (clampbench run on the simulated rig)', () => {
  it('refuses a rig never calibrated: exit 2, the rig named, "never", and the flag that overrides it', () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-cal-'));
    const result = clampbenchSync(['run', '--scenario', fixture('rig-never-calibrated'), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot run on rig CB-UNO-0001: rig CB-UNO-0001 was never calibrated (calibration date: never)');
    expect(result.stderr).toContain(OVERRIDE);
    expect(result.stdout).not.toMatch(/PASS|FAIL/);
  });

  it('refuses a rig whose calibration expired, naming its date and due date (2024-01-15 + 365 days)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-cal-'));
    const result = await clampbenchInProcess(['run', '--scenario', fixture('rig-calibration-expired'), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the calibration of rig CB-UNO-0001 expired: calibrated 2024-01-15, due 2025-01-14');
    expect(result.stderr).toContain(OVERRIDE);
  });

  it('refuses a rig whose span changed after calibration: the checksum does not match', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-cal-'));
    const result = await clampbenchInProcess(['run', '--scenario', fixture('rig-calibration-checksum-mismatch'), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the calibration checksum of rig CB-UNO-0001 does not match its calibration values \(calibrated \d{4}-\d\d-01, due \d{4}-\d\d-\d\d\)/);
  });

  it('with --allow-uncalibrated runs on, and the record, run.json, --json, the terminal, the report, the CSV and the history all say NOT FOR RELEASE', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-cal-'));
    const reason = 'rig qualification run, QA J. Doe';
    const result = await clampbenchInProcess(['run', '--scenario', fixture('rig-calibration-expired'), '--out', out, '--json', '--allow-uncalibrated', reason]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ outcome: 'PASS', forRelease: false, calibration: { status: 'expired', date: '2024-01-15', dueDate: '2025-01-14', intervalDays: 365 } });
    expect(summary.notForReleaseReason).toBe(`the calibration of rig CB-UNO-0001 expired: calibrated 2024-01-15, due 2025-01-14; run anyway: ${reason}`);
    expect(result.stderr).toContain(`NOT FOR RELEASE: the calibration of rig CB-UNO-0001 expired`);
    const [dir] = runFolders(out);
    const record = JSON.parse(readFileSync(join(out, dir ?? '', 'run.json'), 'utf8'));
    expect(record.release).toEqual({ forRelease: false, reason: summary.notForReleaseReason });
    expect(record.calibration).toMatchObject({ status: 'expired', date: '2024-01-15', dueDate: '2025-01-14' });
    expect(readFileSync(join(out, dir ?? '', 'report.html'), 'utf8')).toContain('<div class="banner-word">NOT FOR RELEASE</div>');
    const csv = join(out, 'summary.csv');
    const exported = await clampbenchInProcess(['export', '--format', 'summary', '--results', out, '--out', csv]);
    expect(exported.code).toBe(0);
    const [header, row] = readFileSync(csv, 'utf8').trim().split(/\r?\n/).map((line) => line.split(','));
    const cell = (name: string): string | undefined => row?.[header?.indexOf(name) ?? -1];
    expect([cell('cal_date'), cell('cal_due'), cell('for_release')]).toEqual(['2024-01-15', '2025-01-14', 'no']);
  });

  it('a valid factory calibration gives a releasable record naming its date, due date and checksum', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-cal-'));
    const result = await clampbenchInProcess(['run', '--port', 'sim', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.forRelease).toBe(true);
    expect(summary.calibration).toMatchObject({ status: 'valid', intervalDays: 365 });
    expect(summary.calibration.date).toMatch(/^\d{4}-\d\d-01$/);
    expect(summary.calibration.checksum).toEqual(expect.any(Number));
  });
});
