import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileValidationError } from '../../host/shared/validation-error.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { defaultScenarioFile, loadScenario, poleParams } from '../../rigs/uno-pull/sim/scenario.js';
import { DutTwin } from '../../rigs/uno-pull/sim/dut-twin.js';

const rig = loadRigDefinition();
const scenarioDir = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'clampbench-scenario-'));

function problemsOf(yamlText: string): string[] {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yamlText);
  try {
    loadScenario(file, rig);
  } catch (error) {
    expect(error).toBeInstanceOf(FileValidationError);
    expect((error as Error).message).toContain(file);
    return [...(error as FileValidationError).problems];
  }
  throw new Error('expected the scenario to be refused');
}

const minimal = `
name: t
dut: x
poles: 4
ambientC: 23
poleDefaults: { contactResistanceMilliohm: 0.3, holdingForceN: 180, slipOnsetN: 140, slipRateMmPerSPerN: 0.0005, stiffnessNPerMm: 100, slackMm: 0.5, thermalResistanceKPerW: 40, timeConstantS: 300 }
`;

describe('scenario files', () => {
  it('loads the default scenario: pole 1 is exactly 0.300 mOhm and holds well above 90 N', () => {
    const scenario = loadScenario(defaultScenarioFile, rig);
    expect(scenario.poles).toBe(4);
    expect(scenario.wiring).toEqual([1, 2, 3, 4]);
    expect(poleParams(scenario, 1).contactResistanceMilliohm).toBe(0.3);
    for (let pole = 1; pole <= 4; pole++) expect(poleParams(scenario, pole).holdingForceN).toBeGreaterThan(170);
    expect(scenario.noise).toEqual({ adcLsb: 1, forceN: 0.05, seed: 1 });
  });

  it.each(['short-1-3', 'swap-1-2', 'slip-pole-2', 'pullout-pole-3', 'empty-pole-2', 'loose-conductor-pole-2'])('loads %s', (name) => {
    expect(() => loadScenario(join(scenarioDir, `${name}.yaml`), rig)).not.toThrow();
  });

  it('carries the fault each variant is about', () => {
    expect(loadScenario(join(scenarioDir, 'short-1-3.yaml'), rig).shorts).toEqual([{ poles: [1, 3], ohm: 0.1 }]);
    expect(loadScenario(join(scenarioDir, 'swap-1-2.yaml'), rig).wiring).toEqual([2, 1, 3, 4]);
    expect(poleParams(loadScenario(join(scenarioDir, 'slip-pole-2.yaml'), rig), 2).slipOnsetN).toBeLessThan(90);
    expect(poleParams(loadScenario(join(scenarioDir, 'pullout-pole-3.yaml'), rig), 3).holdingForceN).toBe(40);
    expect(loadScenario(join(scenarioDir, 'empty-pole-2.yaml'), rig)).toMatchObject({ emptyPoles: [2], wiring: [1, 0, 3, 4] });
    expect(loadScenario(defaultScenarioFile, rig).emptyPoles).toEqual([]);
  });

  it('refuses an empty pole that the wiring says reaches a terminal, one outside the DUT, and one listed twice', () => {
    expect(problemsOf(`${minimal}wiring: [1, 2, 3, 4]\nemptyPoles: [2]\n`)).toEqual([
      'wiring[1]: value 2: pole 2 has no conductor (emptyPoles), so it reaches no terminal: must be 0',
    ]);
    expect(problemsOf(`${minimal}wiring: [1, 0, 3, 4]\nemptyPoles: [2, 5, 2]\n`)).toEqual([
      'emptyPoles[1]: value 5: must be a pole 1..4',
      'emptyPoles[2]: value 2: pole 2 is listed twice',
    ]);
    expect(problemsOf(`${minimal}wiring: [1, 0, 3, 4]\nemptyPoles: [0]\n`)[0]).toMatch(/^emptyPoles\[0\]: value 0: /);
  });

  it('names the field when wiring has the wrong length', () => {
    expect(problemsOf(`${minimal}wiring: [1, 2, 3]\n`)).toEqual(['wiring: value [1,2,3]: must list one far-end terminal per pole: 4 entries (0..4)']);
  });

  it('names pole numbers outside the DUT', () => {
    const problems = problemsOf(`${minimal}wiring: [1, 2, 3, 5]\nshorts: [{ poles: [1, 6], ohm: 0.1 }]\npoleOverrides: { 7: { holdingForceN: 40 } }\nmountedPole: 5\n`);
    expect(problems).toEqual([
      'wiring[3]: value 5: must be 0 (open) or a terminal 1..4',
      'shorts[0].poles[1]: value 6: must be a pole 1..4',
      'poleOverrides.7: value {"holdingForceN":40}: must be a pole 1..4',
      'mountedPole: value 5: must be a pole 1..4',
    ]);
  });

  it('takes insulation per pole pair in either order, and names a pair of one pole, outside the DUT or given twice', () => {
    const file = join(dir, 'leaks.yaml');
    writeFileSync(file, `extends: ${defaultScenarioFile}\nname: leaks\nisolation: { pairs: { "2-1": 200000, "3-4": 5.0e6 } }\n`);
    const twin = new DutTwin(loadScenario(file, rig));
    expect([twin.insulationOhm(1, 2), twin.insulationOhm(4, 3), twin.insulationOhm(1, 3)]).toEqual([200e3, 5e6, 1e12]);
    expect(twin.truth()).toMatchObject({ leakageOhm: 1e12, pairLeakageOhm: { '1-2': 200e3, '3-4': 5e6 } });
    expect(problemsOf(`${minimal}wiring: [1, 2, 3, 4]\nisolation: { pairs: { "12": 1 } }\n`)).toEqual([
      'isolation.pairs.12: value 1: must be a pole pair a-b, e.g. 1-2',
    ]);
    expect(problemsOf(`${minimal}wiring: [1, 2, 3, 4]\nisolation: { pairs: { "2-2": 1000, "1-5": 1000, "1-2": 1000, "2-1": 1000 } }\n`)).toEqual([
      'isolation.pairs.2-2: value 1000: must name two different poles',
      'isolation.pairs.1-5: value 1000: must name poles 1..4',
      'isolation.pairs.2-1: value 1000: pair 1-2 is given twice',
    ]);
  });

  it('refuses more poles than the rig can switch', () => {
    const problems = problemsOf(minimal.replace('poles: 4', 'poles: 9') + 'wiring: [1,2,3,4,5,6,7,8,9]\n');
    expect(problems.some((p) => p.startsWith('poles: value 9:'))).toBe(true);
  });

  it('refuses unknown keys and unknown fault kinds', () => {
    const problems = problemsOf(`${minimal}wiring: [1, 2, 3, 4]\nfaults: [{ atMs: 10, kind: meteor }]\nextra: 1\n`);
    expect(problems.some((p) => p.includes('extra'))).toBe(true);
    expect(problems.some((p) => p.startsWith('faults[0].kind'))).toBe(true);
  });

  it('a variant extends another scenario: objects merge key by key, lists replace', () => {
    const file = join(dir, 'variant.yaml');
    writeFileSync(file, `extends: ${defaultScenarioFile}\nname: variant\npoleOverrides: { 2: { holdingForceN: 50 } }\nwiring: [1, 2, 4, 3]\n`);
    const variant = loadScenario(file, rig);
    const base = loadScenario(defaultScenarioFile, rig);
    expect(variant.name).toBe('variant');
    expect(variant.wiring).toEqual([1, 2, 4, 3]);
    expect(poleParams(variant, 2)).toEqual({ ...poleParams(base, 2), holdingForceN: 50 });
    expect(poleParams(variant, 3)).toEqual(poleParams(base, 3));
  });

  it('refuses extends loops and extends values that are not a file path', () => {
    const a = join(dir, 'loop-a.yaml');
    const b = join(dir, 'loop-b.yaml');
    writeFileSync(a, 'extends: loop-b.yaml\nname: a\n');
    writeFileSync(b, 'extends: loop-a.yaml\nname: b\n');
    expect(() => loadScenario(a, rig)).toThrow(/extend each other in a loop/);
    expect(problemsOf('extends: 42\nname: x\n')).toEqual(['extends: value 42: expected the path of another file of the same kind']);
    expect(problemsOf('extends: no-such-file.yaml\nname: x\n')[0]).toMatch(/^extends: value "no-such-file.yaml": no such file \(/);
  });

  it('an error in a variant names the merged field and the variant file', () => {
    const problems = problemsOf(`extends: ${defaultScenarioFile}\npoleOverrides: { 1: { contactResistanceMilliohm: -1 } }\n`);
    expect(problems).toEqual(['poleOverrides.1.contactResistanceMilliohm: value -1: Too small: expected number to be >0']);
  });
});
