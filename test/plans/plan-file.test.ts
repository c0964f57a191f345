import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planJsonSchemaText, planSchemaFile } from '../../host/plans/export-json-schema.js';
import { builtinPlanDir, loadPlan } from '../../host/plans/load-plan.js';
import { fileProblems, tempFile } from './helpers.js';

const exporter = fileURLToPath(new URL('../../host/plans/export-json-schema.ts', import.meta.url));
const typeTestText = readFileSync(`${builtinPlanDir}type-test.yaml`, 'utf8');

/** The type-test plan with one substitution, loaded from a temporary file. */
function problemsWith(from: string, to: string): readonly string[] {
  expect(typeTestText).toContain(from);
  const file = tempFile('plan.yaml', typeTestText.replace(from, to));
  return fileProblems(() => loadPlan(file));
}

describe('plan files', () => {
  it('docs/plan.schema.json is current (export --check)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', exporter, '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(planSchemaFile, 'utf8')).toBe(planJsonSchemaText());
  });

  it('the built-in plans point editors at the schema', () => {
    for (const name of ['type-test', 'production-qc']) {
      expect(readFileSync(`${builtinPlanDir}${name}.yaml`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../../docs/plan.schema.json');
    }
  });

  it('names an unknown step kind and the kinds allowed', () => {
    expect(problemsWith('  - kind: pull\n', '  - kind: yank\n')).toEqual([
      'poleSteps[2].kind: value "yank": a pole step is one of: prompt, vdrop, pull, temperature-rise (isolation covers the unit: unitSteps or unitStepsAfter)',
    ]);
  });

  it('refuses an isolation step among the pole steps (it is a unit step)', () => {
    expect(problemsWith('  - kind: pull\n', '  - kind: isolation\n')).toEqual([
      'poleSteps[2].kind: value "isolation": a pole step is one of: prompt, vdrop, pull, temperature-rise (isolation covers the unit: unitSteps or unitStepsAfter)',
    ]);
  });

  it('names an unknown key in a step', () => {
    expect(problemsWith('    rateNps: 10\n', '    rateNps: 10\n    holdMs: 60000\n')).toEqual([
      'poleSteps[2].holdMs: value 60000: unknown key (did you mean "holdS"?); allowed here: kind, id, title, optional, forceN, force, rateNps, holdS, hold, preloadN, approachMmps, slipLimitMm, failOnSlip, holdForceTolerancePct, rateTolerancePct',
    ]);
  });

  it('names a figure in the wrong unit or type', () => {
    expect(problemsWith('    rateNps: 10\n', '    rateNps: 10 N/s\n')).toEqual([
      'poleSteps[2].rateNps: value "10 N/s": expected a number from 0.1 to 200 N/s (the range of PULL rateNps); write the number alone, in N/s (the unit is part of the key\'s name, rateNps)',
    ]);
    expect(problemsWith('    samples: 16\n', '    samples: 1.5\n')).toEqual(['poleSteps[1].samples: value 1.5: expected a whole number from 1 to 1024 (the range of VDROP samples)']);
  });

  it('refuses a figure given both ways, and one given neither way', () => {
    expect(problemsWith('    force: { standard: IEC 60999-1 }\n', '    force: { standard: IEC 60999-1 }\n    forceN: 90\n')).toEqual(['poleSteps[2].forceN: value 90: give forceN or force, not both']);
    expect(problemsWith('    force: { standard: IEC 60999-1 }\n', '')).toEqual(['poleSteps[2].forceN: value missing: give forceN (a number) or force (a reference)']);
  });

  it('refuses a retest count out of range and a duplicate step id', () => {
    expect(problemsWith('  retest: 0 ', '  retest: 9 ')).toEqual(['options.retest: value 9: expected a whole number from 0 to 5']);
    expect(problemsWith('    id: vdrop-after\n', '    id: vdrop-before\n')).toEqual(['poleSteps[3].id: value "vdrop-before": must be unique in the plan (another step has this id)']);
  });

  it('refuses figures beyond the protocol\'s ranges, naming the range and where it comes from (commands.yaml)', () => {
    expect(problemsWith('    rateNps: 10\n', '    rateNps: 500\n')).toEqual(['poleSteps[2].rateNps: value 500: expected a number from 0.1 to 200 N/s (the range of PULL rateNps)']);
    const holds = ['601', '1e12'].map((holdS) => problemsWith('    hold: { standard: IEC 60999-1 }\n', `    holdS: ${holdS}\n`));
    expect(holds).toEqual([
      ['poleSteps[2].holdS: value 601: expected a number from 0 to 600 s (the range of PULL holdMs, 0..600000 ms)'],
      ['poleSteps[2].holdS: value 1000000000000: expected a number from 0 to 600 s (the range of PULL holdMs, 0..600000 ms)'],
    ]);
    expect(problemsWith('    rateNps: 10\n', '    rateNps: 10\n    slipLimitMm: 11\n')).toEqual(['poleSteps[2].slipLimitMm: value 11: expected a number from 0.01 to 10 mm (the range of setting slipLimitMm)']);
  });

  it('refuses absurd figures whose real bound is the rig\'s, below a ceiling; pre-flight checks the rig', () => {
    expect(problemsWith('    force: { standard: IEC 60999-1 }\n', '    forceN: 1e300\n')).toEqual([
      "poleSteps[2].forceN: value 1e+300: expected a number from 1 to 10000 N (PULL targetN up to the rig's forceCapN, checked before a run)",
    ]);
    expect(problemsWith('    maxC: dut ', '    maxC: 5000 ')).toEqual(["poleSteps[4].maxC: value 5000: expected a number from 0 to 1000 °C (setting tempLimitC up to the rig's maxTempC, checked before a run)"]);
  });

  it('refuses NaN and infinities (YAML .nan, .inf) with the value and the range', () => {
    expect(problemsWith('    rateNps: 10\n', '    rateNps: .nan\n')).toEqual(['poleSteps[2].rateNps: value NaN: expected a number from 0.1 to 200 N/s (the range of PULL rateNps)']);
    expect(problemsWith('    equilibriumKPerHour: 1 ', '    equilibriumKPerHour: .inf ')).toEqual(['poleSteps[4].equilibriumKPerHour: value Infinity: expected a number above 0 K/h and up to 1000 K/h']);
    expect(problemsWith('    rateNps: 10\n', '    rateNps: 10\n    approachMmps: -.inf\n')).toEqual([
      "poleSteps[2].approachMmps: value -Infinity: expected a number from 0.01 to 1000 mm/s (PULL approachMmps up to the rig's maxSpeedMmps, checked before a run)",
    ]);
  });

  it('refuses maxC that is neither a number nor dut', () => {
    expect(problemsWith('    maxC: dut ', '    maxC: hot ')[0]).toMatch(/^poleSteps\[4\]\.maxC: value "hot": /);
  });
});
