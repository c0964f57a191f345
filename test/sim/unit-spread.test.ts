import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileValidationError } from '../../host/shared/validation-error.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { DutTwin } from '../../rigs/uno-pull/sim/dut-twin.js';
import { defaultScenarioFile, loadScenario, poleParams, type Scenario } from '../../rigs/uno-pull/sim/scenario.js';
import { unitPoleParams } from '../support/unit-pole-params.js';

const rig = loadRigDefinition();
const scenarioDir = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));
const good = loadScenario(defaultScenarioFile, rig);
const spreadScenario = loadScenario(join(scenarioDir, 'good-831-1104-10mm2-spread.yaml'), rig);

/** IEC 60947-7-1: 3.2 mV at 0.1 x the 57 A test current of 10 mm² (5.7 A). */
const VDROP_LIMIT_MV = 3.2;
const TEST_CURRENT_A = 5.7;
const IEC_FORCE_10MM2_N = 90;
const PRODUCTION_FORCE_N = 45;

function stats(values: number[]): { mean: number; sigma: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, sigma: Math.sqrt(variance) };
}

describe('unit-to-unit spread', () => {
  it('without a spread every unit is exactly the nominal (pole 1 stays 0.300 mΩ), whatever the unit seed', () => {
    expect(good.spread).toBeUndefined();
    for (const seed of [1, 2, 999]) {
      const twin = new DutTwin(good, seed);
      for (let pole = 1; pole <= 4; pole++) expect(twin.pole(pole)?.params).toEqual(poleParams(good, pole));
    }
    expect(new DutTwin(good).pole(1)?.params.contactResistanceMilliohm).toBe(0.3);
  });

  it('draws are deterministic per seed and differ between seeds and between poles', () => {
    const a = new DutTwin(spreadScenario, 7).truth();
    const b = new DutTwin(spreadScenario, 7).truth();
    const c = new DutTwin(spreadScenario, 8).truth();
    expect(a).toEqual(b);
    expect(a.unitSeed).toBe(7);
    for (let i = 0; i < 4; i++) expect(a.poles[i]?.params.contactResistanceMilliohm).not.toBe(c.poles[i]?.params.contactResistanceMilliohm);
    expect(a.poles[0]?.params.holdingForceN).not.toBe(a.poles[1]?.params.holdingForceN);
    // Without a seed from the simulator the scenario's own spread.unitSeed picks the unit.
    expect(new DutTwin(spreadScenario).truth()).toEqual(new DutTwin(spreadScenario, spreadScenario.spread?.unitSeed).truth());
  });

  it('a parameter without a sigma keeps its nominal; adding a sigma to one parameter leaves the others drawn the same', () => {
    const base = spreadScenario.spread;
    if (!base) throw new Error('spread scenario has no spread');
    const { timeConstantS: _dropped, ...withoutTau } = base;
    const fewer: Scenario = { ...spreadScenario, spread: withoutTau };
    for (const seed of [1, 2, 3]) {
      for (let pole = 1; pole <= 4; pole++) {
        const all = unitPoleParams(spreadScenario, pole, seed);
        const some = unitPoleParams(fewer, pole, seed);
        expect(some.timeConstantS).toBe(poleParams(spreadScenario, pole).timeConstantS);
        expect({ ...some, timeConstantS: 0 }).toEqual({ ...all, timeConstantS: 0 });
      }
    }
  });

  it('over 1000 units each parameter has the configured mean and sigma', () => {
    const n = 1000;
    const pole = 3; // nominal 0.318 mΩ, 185 N (pole override on top of the defaults)
    const nominal = poleParams(spreadScenario, pole);
    const draws = Array.from({ length: n }, (_, seed) => unitPoleParams(spreadScenario, pole, seed));
    const expected: [keyof typeof nominal, number][] = [
      ['contactResistanceMilliohm', 0.08 * nominal.contactResistanceMilliohm],
      ['holdingForceN', 12],
      ['slipOnsetN', 10],
      ['stiffnessNPerMm', 0.1 * nominal.stiffnessNPerMm],
      ['slackMm', 0.1],
      ['thermalResistanceKPerW', 0.05 * nominal.thermalResistanceKPerW],
    ];
    for (const [name, sigma] of expected) {
      const s = stats(draws.map((d) => d[name]));
      // Standard error of the mean sigma/sqrt(1000) = 0.032 sigma; of sigma ~0.022 sigma: 4 SE bounds.
      expect(Math.abs(s.mean - nominal[name]), `${name} mean`).toBeLessThan(0.13 * sigma);
      expect(Math.abs(s.sigma / sigma - 1), `${name} sigma`).toBeLessThan(0.09);
    }
  });

  it('keeps draws in their physical range: positive, within the truncation, slip onset <= holding force', () => {
    const wide: Scenario = {
      ...spreadScenario,
      spread: { unitSeed: 1, truncateSigma: 10, contactResistanceMilliohm: { sigmaFraction: 0.5 }, slackMm: { sigma: 1 }, holdingForceN: { sigma: 60 }, slipOnsetN: { sigma: 60 } },
    };
    for (let seed = 0; seed < 1000; seed++) {
      for (let pole = 1; pole <= 4; pole++) {
        const p = unitPoleParams(wide, pole, seed);
        expect(p.contactResistanceMilliohm).toBeGreaterThan(0);
        expect(p.slackMm).toBeGreaterThanOrEqual(0);
        expect(p.holdingForceN).toBeGreaterThan(0);
        expect(p.slipOnsetN).toBeLessThanOrEqual(p.holdingForceN);
        expect(p.slipOnsetN).toBeGreaterThanOrEqual(0);
      }
    }
    for (let seed = 0; seed < 1000; seed++) {
      const p = unitPoleParams(spreadScenario, 1, seed);
      expect(Math.abs(p.holdingForceN - poleParams(spreadScenario, 1).holdingForceN)).toBeLessThanOrEqual(4 * 12);
    }
  });

  it('no unit of a 1000-unit batch of the good population is near a production-qc or type-test limit', () => {
    for (let seed = 0; seed < 1000; seed++) {
      const poles = new DutTwin(spreadScenario, seed).truth().poles;
      expect(poles.map((p) => p.pole)).toEqual([1, 2, 3, 4]);
      for (const p of poles) {
        expect(p.params.contactResistanceMilliohm * TEST_CURRENT_A).toBeLessThan(0.8 * VDROP_LIMIT_MV);
        expect(p.params.holdingForceN).toBeGreaterThan(IEC_FORCE_10MM2_N + 30);
        // No creep at the 90 N hold, including its ±1 N control band and noise.
        expect(p.params.slipOnsetN).toBeGreaterThan(IEC_FORCE_10MM2_N + 5);
        expect(p.params.slipOnsetN).toBeGreaterThan(PRODUCTION_FORCE_N);
        expect(p.farEnd).toBe(p.pole);
        expect(p.shortedTo).toEqual([]);
      }
    }
  });
});

describe('spread section of a scenario file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-spread-'));
  function problemsOf(spreadYaml: string): string[] {
    const file = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, `extends: ${defaultScenarioFile}\nspread: ${spreadYaml}\n`);
    try {
      loadScenario(file, rig);
    } catch (error) {
      expect(error).toBeInstanceOf(FileValidationError);
      return [...(error as FileValidationError).problems];
    }
    return [];
  }

  it('accepts sigma or sigmaFraction per pole parameter and defaults unitSeed 1, truncateSigma 4', () => {
    expect(problemsOf('{ holdingForceN: { sigma: 12 }, contactResistanceMilliohm: { sigmaFraction: 0.08 } }')).toEqual([]);
    expect(spreadScenario.spread?.truncateSigma).toBe(4);
  });

  it('refuses both or neither sigma, unknown parameters and negative seeds', () => {
    expect(problemsOf('{ holdingForceN: { sigma: 12, sigmaFraction: 0.1 } }')).toEqual(['spread.holdingForceN: value {"sigma":12,"sigmaFraction":0.1}: give exactly one of sigma or sigmaFraction']);
    expect(problemsOf('{ holdingForceN: {} }')).toEqual(['spread.holdingForceN: value {}: give exactly one of sigma or sigmaFraction']);
    expect(problemsOf('{ gripN: { sigma: 1 } }').some((p) => p.includes('gripN'))).toBe(true);
    expect(problemsOf('{ unitSeed: -1 }').some((p) => p.startsWith('spread.unitSeed'))).toBe(true);
  });
});
