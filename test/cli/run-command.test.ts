import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../host/cli/bin.js', import.meta.url));
const scenarios = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));

function clampbench(args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 180_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// The main job as a user runs it: a child process, exit codes, files on disk.
describe('clampbench run (the main job) on the simulated rig', () => {
  it('runs the sequence on a good unit, exits 0 and writes the results under a sanitised serial number', () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const result = clampbench(['run', '--port', 'sim', '--hold-ms', '1000', '--out', out, '--serial', '../x/=EVIL']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pole 4: pull held/);
    const dirs = readdirSync(out);
    expect(dirs).toHaveLength(1);
    expect(dirs[0]).toMatch(/^[0-9TZ-]+-x_EVIL$/);
    const record = JSON.parse(readFileSync(join(out, dirs[0] ?? '', 'run.json'), 'utf8'));
    expect(record.serial).toBe('../x/=EVIL');
    expect(record.verdict).toBe('PASS');
    expect(record.isolation.farEndByPole).toEqual([1, 2, 3, 4]);
    expect(record.poles).toHaveLength(4);
    expect(Math.abs(record.poles[0].vdrop.resistanceMilliohm - 0.3) / 0.3).toBeLessThan(0.01);
    for (const pole of record.poles) {
      expect(pole.pull.done.result).toBe('held');
      expect(pole.pull.samples.length).toBe(pole.pull.done.lastSampleNumber);
    }
  });

  it('exits 1 with FAIL for a miswired unit', () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const result = clampbench(['run', '--scenario', join(scenarios, 'swap-1-2.yaml'), '--hold-ms', '0', '--poles', '4', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/wiring map 2,1,3,4, shorts none: FAIL/);
  });

  it('exits 2 naming the file, field and value for a broken scenario, and writes nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const bad = join(out, 'bad-scenario.yaml');
    writeFileSync(bad, `extends: ${join(scenarios, 'good-831-1104-10mm2.yaml')}\nambientC: 500\n`);
    const result = clampbench(['run', '--scenario', bad, '--out', join(out, 'results')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}: invalid`);
    expect(result.stderr).toContain('ambientC: value 500: Too big: expected number to be <=80');
    expect(existsSync(join(out, 'results'))).toBe(false);
  });

  it('exits 2 for a bad option value, naming option, value and range', () => {
    const result = clampbench(['run', '--pull-force-n', '900']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pull-force-n: value "900" is not allowed; expected a number from 1 to 250');
  });
});
