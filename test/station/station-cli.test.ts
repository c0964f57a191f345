import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stationEventsSchemaFile, stationEventsSchemaText } from '../../host/station/export-events-schema.js';
import { clampbench } from '../support/clampbench-cli.js';

// `clampbench station` for a PLC script (single-unit mode and its exit codes) and for a person who
// gets the station file wrong; and the published event schema is the one the code has.

const dir = mkdtempSync(join(tmpdir(), 'clampbench-station-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const swap = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/swap-1-2.yaml', import.meta.url));

function stationFile(name: string, lines: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, ['station: plc-test', 'plan: production-qc-electrical', 'dut: 831-1104/322-004', 'conductor: 10mm2-fine', `results: ${join(dir, name)}`, ...lines].join('\n'));
  return file;
}

describe('clampbench station', () => {
  it('docs/station-events.schema.json is current (export --check)', () => {
    expect(readFileSync(stationEventsSchemaFile, 'utf8')).toBe(stationEventsSchemaText());
    const exporter = fileURLToPath(new URL('../../host/station/export-events-schema.ts', import.meta.url));
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', exporter, '--check'])).not.toThrow();
  });

  it('single-unit mode: exit 0 for a PASS, 1 for a FAIL (after its retest), with the events on stdout', async () => {
    const good = await clampbench(['station', '--config', stationFile('good', ['rigs:', '  - { name: A, port: sim }']), '--serial', 'PLC-1']);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('"event":"unit-finished"');
    expect(good.stdout).toContain('"outcome":"PASS"');
    const bad = await clampbench(['station', '--config', stationFile('bad', ['rigs:', `  - { name: A, port: "sim:${swap}" }`, 'retest: { maxAttempts: 2 }']), '--serial', 'PLC-2']);
    expect(bad.code, bad.stderr).toBe(1);
    const finished = bad.stdout.split('\n').filter((l) => l.includes('"unit-finished"')).map((l) => JSON.parse(l) as { attempt: number; retest: boolean });
    expect(finished.map((f) => [f.attempt, f.retest])).toEqual([[1, true], [2, false]]);
  });

  it('a station file with a rig named twice is refused with the field and what is allowed (exit 2)', async () => {
    const file = stationFile('twice', ['rigs:', '  - { name: A, port: sim }', '  - { name: A, port: sim }']);
    const result = await clampbench(['station', '--config', file, '--serial', 'X']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rigs[1].name');
    expect(result.stderr).toContain('rig name "A" is used twice');
  });

  it('a --serial with a control character, or a station file whose operator has one, is refused before any rig opens (exit 2)', async () => {
    const file = stationFile('tab', ['rigs:', '  - { name: A, port: sim }']);
    const serial = await clampbench(['station', '--config', file, '--serial', 'PLC\t3']);
    expect(serial.code).toBe(2);
    expect(serial.stdout).toBe('');
    expect(serial.stderr).toBe('clampbench: --serial: value "PLC\\t3" is not allowed; serial number with a control character, \\t (tab) at position 4: only printable characters are allowed (no line breaks, tabs, escape sequences or invisible formatting characters)\n');
    const operator = await clampbench(['station', '--config', stationFile('esc', ['operator: "ana\\e[31m"', 'rigs:', '  - { name: A, port: sim }']), '--serial', 'PLC-3']);
    expect(operator.code).toBe(2);
    expect(operator.stdout).toBe('');
    expect(operator.stderr).toContain('operator: value "ana\\u001b[31m": operator with a control character, \\x1B (ESC) at position 4: only printable characters are allowed');
  });

  it('a scanned line that cannot be a serial number is refused with a unit-refused event, the rest tested', async () => {
    const file = stationFile('noise', ['rigs:', '  - { name: A, port: sim }']);
    const { spawn } = await import('node:child_process');
    const { CLAMPBENCH_BIN } = await import('../support/clampbench-cli.js');
    const child = spawn(process.execPath, [CLAMPBENCH_BIN, 'station', '--config', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stdin.end(`OK-1\n${'x'.repeat(80)}\nBAD\u0007BELL\n\nOK-2\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const events = stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; serial?: string; cause?: string });
    expect(events.filter((e) => e.event === 'unit-refused').map((e) => e.cause)).toEqual([
      'serial number of 80 characters: at most 64 allowed',
      'serial number with a control character, \\x07 at position 4: only printable characters are allowed (no line breaks, tabs, escape sequences or invisible formatting characters)',
    ]);
    expect(events.filter((e) => e.event === 'unit-finished').map((e) => e.serial)).toEqual(['OK-1', 'OK-2']);
  });
});

describe('clampbench station: sampling of destructive steps', () => {
  it('1 in 2: the pull runs on units 1 and 3; unit 2 records it SKIPPED with the reason, and still PASSes', async () => {
    const file = stationFile('sampling', ['rigs:', '  - { name: A, port: sim }', 'sampling: { steps: [pull-check], policy: { oneIn: 2 } }']);
    writeFileSync(file, readFileSync(file, 'utf8').replace('plan: production-qc-electrical', 'plan: production-qc'));
    const { spawn } = await import('node:child_process');
    const { CLAMPBENCH_BIN } = await import('../support/clampbench-cli.js');
    const child = spawn(process.execPath, [CLAMPBENCH_BIN, 'station', '--config', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stdin.end('SMP-1\nSMP-2\nSMP-3\n');
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
    const events = stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; serial?: string; step?: string; outcome?: string; cause?: string });
    const pulls = (serial: string) => events.filter((e) => e.event === 'step-result' && e.serial === serial && e.step === 'pull-check');
    expect(pulls('SMP-1').map((e) => e.outcome)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    expect(pulls('SMP-3').map((e) => e.outcome)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    expect(pulls('SMP-2').map((e) => e.outcome)).toEqual(['SKIPPED', 'SKIPPED', 'SKIPPED', 'SKIPPED']);
    expect(pulls('SMP-2')[0]?.cause).toBe('not sampled: 1 in 2, unit 2: not sampled, next is unit 3');
    expect(events.filter((e) => e.event === 'unit-finished').map((e) => e.outcome)).toEqual(['PASS', 'PASS', 'PASS']);
  });
});
