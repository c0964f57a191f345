import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clampbenchSync } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';

const scenarios = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));
const productionQc = readFileSync(fileURLToPath(new URL('../../host/plans/builtin/production-qc.yaml', import.meta.url)), 'utf8');
const ONLY_PRINTABLE = 'only printable characters are allowed (no line breaks, tabs, escape sequences or invisible formatting characters)';

/** production-qc with one line changed, as a plan file in `dir`. */
function productionQcWith(dir: string, from: string, to: string): string {
  expect(productionQc).toContain(from);
  const file = join(dir, 'plan.yaml');
  writeFileSync(file, productionQc.replace(from, to));
  return file;
}

function onlyRecord(out: string) {
  // Next to the run folder: the history database the run was imported into.
  const dirs = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(readdirSync(out).filter((f) => !dirs.includes(f))).toEqual(['history.sqlite']);
  expect(dirs).toHaveLength(1);
  return { dir: dirs[0] ?? '', record: JSON.parse(readFileSync(join(out, dirs[0] ?? '', 'run.json'), 'utf8')) };
}

// The main job as a user runs it: a child process, exit codes, files on disk. Defaults: production-qc,
// 831-1104/322-004, 10mm2-fine, resolved by host/plans/resolve-plan.ts.
describe('clampbench run (the main job) on the simulated rig', () => {
  it('runs production-qc on a good unit, exits 0 and writes the record under a sanitised serial number', () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const result = clampbenchSync(['run', '--port', 'sim', '--out', out, '--serial', '../x/=EVIL', '--operator', 'ana', '--station', 'QC-2']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pole 4 Non-destructive pull: PASS');
    expect(result.stdout).toMatch(/\[#{20}\] 10\/10/);
    expect(result.stdout).toMatch(/^1 +PASS +1\.\d{3} ± 0\.0\d\d mV PASS +4\d\.\d ± 0\.\d N PASS +PASS$/m);
    expect(result.stdout).toContain('unit ../x/=EVIL: PASS');
    expect(result.stdout).toContain('decision rule: simple acceptance (ILAC-G8:09/2019, w = 0); values ± U (k = 2)');
    const { dir, record } = onlyRecord(out);
    expect(dir).toMatch(/^[0-9TZ-]+-x_EVIL$/);
    expect(record).toMatchObject({ serial: '../x/=EVIL', outcome: 'PASS', operator: 'ana', station: 'QC-2', plan: { name: 'production-qc' }, dut: { partNumber: '831-1104/322-004' }, conductor: { id: '10mm2-fine' } });
    expect(record.plan.hash).toMatch(/^[0-9a-f]{64}$|^sha256:/);
    expect(record.unitSteps.map((s: { stepId: string; outcome: string }) => `${s.stepId}:${s.outcome}`)).toEqual(['load-unit:PASS', 'isolation:PASS']);
    expect(record.poles.map((p: { pole: number }) => p.pole)).toEqual([1, 2, 3, 4]);
    for (const pole of record.poles) {
      expect(pole.steps.map((s: { stepId: string; outcome: string }) => `${s.stepId}:${s.outcome}`)).toEqual(['continuity:PASS', 'pull-check:PASS']);
      const pull = pole.steps[1].attempts[0];
      expect(pull.pullResult).toBe('held');
      expect(pull.samplesLost).toBe(0);
    }
  });

  it('exits 1 with FAIL for a miswired unit and prints a JSON summary on stdout with --json', () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const result = clampbenchSync(['run', '--scenario', join(scenarios, 'swap-1-2.yaml'), '--out', out, '--json']);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ serial: 'SIM-0001', outcome: 'FAIL', cause: 'Isolation and wiring map: pole 1 reaches terminal 2 (miswired); pole 2 reaches terminal 1 (miswired)' });
    const { dir, record } = onlyRecord(out);
    expect(summary.file).toBe(join(out, dir, 'run.json'));
    expect(summary.decisionRule).toEqual({ rule: 'simple', guardBand: 0, source: 'ILAC-G8:09/2019' });
    expect(result.stderr).toMatch(/^1 +FAIL +SKIPPED +SKIPPED +FAIL$/m);
    // Per step, what the link went through: on the clean simulated line, requests and nothing else.
    const clean = { retries: 0, retriesByReason: {}, damagedLines: 0, duplicateReplies: 0, conflictingReplies: 0, unmatchedReplies: 0 };
    expect(summary.unitSteps[1]).toMatchObject({ id: 'isolation', outcome: 'FAIL', link: clean });
    expect(summary.unitSteps[1].link.requests).toBeGreaterThan(0);
    expect(record.unitSteps[1].link).toEqual(summary.unitSteps[1].link);
  });

  it('exits 2 naming the file, field and value for a broken scenario, and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const bad = join(out, 'bad-scenario.yaml');
    writeFileSync(bad, `extends: ${join(scenarios, 'good-831-1104-10mm2.yaml')}\nambientC: 500\n`);
    const result = await clampbenchInProcess(['run', '--scenario', bad, '--out', join(out, 'results')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}: invalid`);
    expect(result.stderr).toContain('ambientC: value 500: Too big: expected number to be <=80');
    expect(existsSync(join(out, 'results'))).toBe(false);
  });

  it('exits 2 without a serial number on a real rig, before opening it', async () => {
    const result = await clampbenchInProcess(['run', '--port', '/dev/does-not-exist', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--serial: required on a real rig (port "/dev/does-not-exist")');
  });

  it('exits 2 for a serial number with a line break or an operator with ESC, naming the character and its position, before opening the rig', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const serial = await clampbenchInProcess(['run', '--port', '/dev/does-not-exist', '--yes', '--serial', 'U-0017\nX', '--out', join(out, 'results')]);
    expect(serial.code).toBe(2);
    expect(serial.stderr).toBe(`clampbench: --serial: value "U-0017\\nX" is not allowed; serial number with a control character, \\n (line feed) at position 7: ${ONLY_PRINTABLE}\n`);
    const operator = await clampbenchInProcess(['run', '--port', '/dev/does-not-exist', '--yes', '--serial', 'U-0017', '--operator', 'ana\u001b[2J', '--out', join(out, 'results')]);
    expect(operator.code).toBe(2);
    expect(operator.stderr).toBe(`clampbench: --operator: value "ana\\x1B[2J" is not allowed; operator with a control character, \\x1B (ESC) at position 4: ${ONLY_PRINTABLE}\n`);
    expect(existsSync(join(out, 'results'))).toBe(false);
  });

  it('exits 2 for a plan beyond the protocol (a 500 N/s ramp), and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const plan = productionQcWith(out, '    rateNps: 100\n', '    rateNps: 500\n');
    const result = await clampbenchInProcess(['run', '--plan', plan, '--out', join(out, 'results')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`clampbench: ${plan}: invalid\n  - poleSteps[1].rateNps: value 500: expected a number from 0.1 to 200 N/s (the range of PULL rateNps)\n`);
    expect(existsSync(join(out, 'results'))).toBe(false);
  });

  it("exits 2 for a plan beyond the rig's own limits from INFO (approach above the simulator's 5 mm/s), before anything moves", async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const plan = productionQcWith(out, '    approachMmps: 2\n', '    approachMmps: 8\n');
    const result = await clampbenchInProcess(['run', '--plan', plan, '--out', join(out, 'results')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "clampbench: poleSteps[1].approachMmps: value 8 is not allowed; step pull-check: a number from 0.01 to 5 mm/s (PULL approachMmps 0.01..maxSpeedMmps mm/s; the rig's maxSpeedMmps is 5 mm/s)\n",
    );
    expect(existsSync(join(out, 'results'))).toBe(false);
  });

  it('exits 2 for a plan the resolver refuses, and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-run-'));
    const result = await clampbenchInProcess(['run', '--conductor', '99mm2-fine', '--out', join(out, 'results')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^clampbench: .*conductor/m);
    expect(existsSync(join(out, 'results'))).toBe(false);
  });
});
