import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { clampbench } from '../support/clampbench-cli.js';

// Issue 19 item 5: a station does not start on a rig whose calibration is not valid; it exits 2 naming the
// rig and its dates before the first unit, unless the station file says why (then every unit is NOT FOR RELEASE).

const dir = mkdtempSync(join(tmpdir(), 'clampbench-station-cal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const expired = fileURLToPath(new URL('../fixtures/scenarios/rig-calibration-expired.yaml', import.meta.url));

function stationFile(name: string, lines: string[]): string {
  const file = join(dir, `${name}.yaml`);
  const head = ['station: cal-test', 'plan: production-qc-electrical', 'dut: 831-1104/322-004', 'conductor: 10mm2-fine', `results: ${join(dir, name)}`];
  writeFileSync(file, [...head, ...lines, 'rigs:', `  - { name: A, port: "sim:${expired}" }`].join('\n'));
  return file;
}

describe('clampbench station on a rig whose calibration expired', () => {
  it('refuses to start (exit 2), naming the rig slot, the rig, its calibration and due date and the override, before any unit', async () => {
    const result = await clampbench(['station', '--config', stationFile('refused', []), '--serial', 'CAL-1']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).not.toContain('"event":"unit-finished"');
    expect(result.stderr).toContain('A: the calibration of rig CB-UNO-0001 expired: calibrated 2024-01-15, due 2025-01-14');
    expect(result.stderr).toContain('allowUncalibrated');
  });

  it('with allowUncalibrated the unit runs and its unit-finished event says NOT FOR RELEASE with the reason', async () => {
    const result = await clampbench(['station', '--config', stationFile('allowed', ['allowUncalibrated: "demo on the bench, weights at the lab"']), '--serial', 'CAL-2']);
    expect(result.code, result.stderr).toBe(0);
    const finished = result.stdout.split('\n').filter((l) => l.includes('"unit-finished"')).map((l) => JSON.parse(l) as { outcome: string; notForRelease?: string });
    expect(finished).toHaveLength(1);
    expect(finished[0]?.outcome).toBe('PASS');
    expect(finished[0]?.notForRelease).toContain('demo on the bench, weights at the lab');
  });
});
