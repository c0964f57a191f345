import { describe, expect, it } from 'vitest';
import { clampbenchSync } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';
import { tempFile } from './helpers.js';

describe('clampbench plans / plan show', () => {
  it('lists the built-in plans and DUT specs', () => {
    const result = clampbenchSync(['plans']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}type-test {17}Lab type test/m);
    expect(result.stdout).toMatch(/^ {2}production-qc-electrical {2}Line QC, electrical steps only/m);
    expect(result.stdout).toMatch(/^ {2}831-1104\/322-004 {2}4 poles/m);
    expect(result.stdout).toMatch(/^ {2}831-1102\/322-000 {2}2 poles .*\[ILLUSTRATIVE\]$/m);
  });

  it('shows the resolved figures with their sources', async () => {
    const result = await clampbenchInProcess(['plan', 'show', 'production-qc', '--dut', '831-1104/322-004', '--conductor', '10mm2-fine']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pull-check\s+pull force\s+45 N, hold 2 s\s+0\.5 × IEC 60999-1 pull-out table/);
    expect(result.stdout).toMatch(/continuity\s+voltage drop\s+≤ 3\.2 mV\s+IEC 60947-7-1/);
  });

  it('prints the resolved plan as JSON', async () => {
    const result = await clampbenchInProcess(['plan', 'show', 'type-test', '--dut', '831-1104/322-004', '--conductor', '10mm2-fine', '--poles', '1,3', '--json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.poles).toEqual([1, 3]);
    expect(plan.poleSteps[2].forceN).toBe(90);
  });

  it('exits 2 with the field, value and allowed range for a conductor the DUT does not take', async () => {
    const result = await clampbenchInProcess(['plan', 'show', 'type-test', '--dut', '831-1104/322-004', '--conductor', '10mm2-fine-ferrule']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^clampbench: conductor: value "10mm2-fine-ferrule" is not allowed; 831-1104\/322-004 takes a fine-stranded conductor with insulated ferrule of 0\.5–6 mm²/);
  });

  it('exits 2 for a plan with a 1e300 N target, naming the field, the value and the range', async () => {
    const plan = tempFile('plan.yaml', 'name: probe\ndescription: probe\npoleSteps:\n  - { kind: pull, id: tug, title: Tug, forceN: 1e300, holdS: 1, rateNps: 10 }\n');
    const result = await clampbenchInProcess(['plan', 'show', plan, '--dut', '831-1104/322-004', '--conductor', '10mm2-fine']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`clampbench: ${plan}: invalid\n  - poleSteps[0].forceN: value 1e+300: expected a number from 1 to 10000 N (PULL targetN up to the rig's forceCapN, checked before a run)\n`);
  });

  it('exits 2 listing every figure beyond the protocol or not a number: 601 s and 1e12 s holds, 500 N/s, NaN, Infinity', async () => {
    const steps = [
      '  - { kind: pull, id: long-hold, title: Hold, forceN: 50, holdS: 601, rateNps: 500 }',
      '  - { kind: pull, id: endless-hold, title: Hold, forceN: 50, holdS: 1e12, rateNps: .nan }',
      '  - { kind: vdrop, id: drop, title: Drop, currentA: .inf, maxDropMv: 3.2 }',
    ];
    const plan = tempFile('plan.yaml', `name: probe\ndescription: probe\npoleSteps:\n${steps.join('\n')}\n`);
    const result = await clampbenchInProcess(['plan', 'show', plan, '--dut', '831-1104/322-004', '--conductor', '10mm2-fine']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      `clampbench: ${plan}: invalid`,
      '  - poleSteps[0].rateNps: value 500: expected a number from 0.1 to 200 N/s (the range of PULL rateNps)',
      '  - poleSteps[0].holdS: value 601: expected a number from 0 to 600 s (the range of PULL holdMs, 0..600000 ms)',
      '  - poleSteps[1].rateNps: value NaN: expected a number from 0.1 to 200 N/s (the range of PULL rateNps)',
      '  - poleSteps[1].holdS: value 1000000000000: expected a number from 0 to 600 s (the range of PULL holdMs, 0..600000 ms)',
      "  - poleSteps[2].currentA: value Infinity: expected a number from 0.1 to 1000 A (VDROP currentA up to the rig's maxCurrentA, checked before a run)",
      '',
    ]);
  });

  it('exits 2 for a bad --poles list', async () => {
    const result = await clampbenchInProcess(['plan', 'show', 'type-test', '--dut', '831-1104/322-004', '--conductor', '10mm2-fine', '--poles', 'one']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('clampbench: --poles: value "one" is not allowed; expected pole numbers from 1 separated by commas, e.g. 1,3\n');
  });
});
