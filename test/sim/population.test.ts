import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileValidationError } from '../../host/shared/validation-error.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { DutTwin } from '../../rigs/uno-pull/sim/dut-twin.js';
import { populationUnit, unitSeedOf, type UnitDefect } from '../../rigs/uno-pull/sim/population.js';
import { DEFECT_KINDS, PAIR_DEFECT_KINDS } from '../../rigs/uno-pull/sim/population-schema.js';
import { loadScenario, resolveScenarioForPoles, type Scenario } from '../../rigs/uno-pull/sim/scenario.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

// A population scenario's units drawn without firmware: identity from (seed, serial), defect rates,
// what each defect kind does to the twin, and the schema's refusals.
const rig = loadRigDefinition();
const scenarioFile = (name: string): string => fileURLToPath(new URL(`../../rigs/uno-pull/sim/scenarios/${name}.yaml`, import.meta.url));
const mixed = loadScenario(scenarioFile('population-mixed-831-1104-10mm2'), rig);
const good = loadScenario(scenarioFile('population-good-831-1104-10mm2'), rig);
const simulator = (scenario: Scenario): UnoPullSimulator => new UnoPullSimulator({ scenario, hexPath: null });

describe('a population scenario: each serial number its own unit', () => {
  it('the same (seed, serial) gives the same truth in two fresh simulators; the serial is in it', () => {
    const first = simulator(mixed).mountSerial('U-0042');
    const second = simulator(mixed).mountSerial('U-0042');
    expect(first).not.toBeNull();
    expect(second).toEqual(first);
    expect(first).toMatchObject({ serial: 'U-0042', populationSeed: 2026, unitSeed: unitSeedOf(2026, 'U-0042') });
  });

  it('different serials, or another population seed, are different units', () => {
    const sim = simulator(good);
    const a = sim.mountSerial('U-0001')!;
    const b = sim.mountSerial('U-0002')!;
    expect(a.unitSeed).not.toBe(b.unitSeed);
    expect(a.poles.map((p) => p.params.contactResistanceMilliohm)).not.toEqual(b.poles.map((p) => p.params.contactResistanceMilliohm));
    const otherSeed = simulator({ ...good, population: { ...good.population!, seed: 2027 } }).mountSerial('U-0001')!;
    expect(otherSeed.poles[0]!.params).not.toEqual(a.poles[0]!.params);
  });

  it('a unit mounted again is the same unit as when it was first mounted, whatever came between', () => {
    const sim = simulator(mixed);
    const first = sim.mountSerial('U-7')!;
    sim.mountSerial('U-8');
    expect(sim.mountSerial('U-7')).toEqual(first);
  });

  it('without a population, mountSerial leaves the unit in the rig and says null', () => {
    const plain = loadScenario(scenarioFile('good-831-1104-10mm2-spread'), rig);
    const sim = simulator(plain);
    const before = sim.dutTruth;
    expect(sim.mountSerial('U-1')).toBeNull();
    expect(sim.dutTruth).toEqual(before);
  });

  it('defect rates are honoured over 2,000 serials (3 % each: 60 expected, within 4 sigma of the binomial)', () => {
    const n = 2000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const kind = populationUnit(mixed.population!, mixed.poles, `R-${i}`).defect?.kind ?? 'none';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    const rate = 0.03;
    const sigma = Math.sqrt(n * rate * (1 - rate));
    for (const kind of DEFECT_KINDS) {
      expect(Math.abs((counts.get(kind) ?? 0) - n * rate), kind).toBeLessThan(4 * sigma);
    }
    const goodSigma = Math.sqrt(n * 0.21 * 0.79);
    expect(Math.abs((counts.get('none') ?? 0) - n * 0.79)).toBeLessThan(4 * goodSigma);
    // A population with no defect rates has no defective unit at all.
    for (let i = 0; i < 200; i++) expect(populationUnit(good.population!, good.poles, `R-${i}`).defect).toBeNull();
  });

  it('no serial of 1,000 in the good production population is near a production-qc limit', () => {
    // production-qc for 10 mm²: 3.2 mV at 5.7 A (MARGINAL from 2.88 mV), a 45 N pull, insulation ≥ 10 MΩ
    // (the meter reads up to 50 MΩ); so the bench's good batch can have no false fail from the units.
    const sim = simulator(good);
    for (let i = 0; i < 1000; i++) {
      const truth = sim.mountSerial(`G-${i}`)!;
      expect(truth.defect).toBeNull();
      expect(truth.poles.map((p) => p.pole)).toEqual([1, 2, 3, 4]);
      for (const p of truth.poles) {
        expect(p.params.contactResistanceMilliohm * 5.7).toBeLessThan(2.88);
        expect(p.params.holdingForceN).toBeGreaterThan(2 * 45);
        expect(p.params.slipOnsetN).toBeGreaterThan(45 + 5);
        expect([p.farEnd, p.conductorInserted, p.shortedTo]).toEqual([p.pole, true, []]);
      }
      // The population's leakage spread draws every pair's insulation, so each of the six pairs is here.
      expect(Object.keys(truth.pairLeakageOhm).sort()).toEqual(['1-2', '1-3', '1-4', '2-3', '2-4', '3-4']);
      for (const ohm of Object.values(truth.pairLeakageOhm)) expect(ohm).toBeGreaterThan(50e6);
    }
  });

  it('a defect names valid poles (two different ones for pair kinds) and a figure inside its range', () => {
    const effects = mixed.population!.defectEffects;
    const inRange = (value: number, range: { min: number; max: number }): boolean => value >= range.min && value <= range.max;
    const kindsSeen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const defect = populationUnit(mixed.population!, mixed.poles, `D-${i}`).defect;
      if (!defect) continue;
      kindsSeen.add(defect.kind);
      for (const pole of defect.poles) expect(pole >= 1 && pole <= mixed.poles, JSON.stringify(defect)).toBe(true);
      expect(defect.poles.length).toBe(PAIR_DEFECT_KINDS.has(defect.kind) ? 2 : 1);
      if (defect.poles.length === 2) expect(defect.poles[0]).toBeLessThan(defect.poles[1]!);
      if (defect.kind === 'highResistance') expect(inRange(defect.contactResistanceMilliohm, effects.highResistanceMilliohm)).toBe(true);
      if (defect.kind === 'looseConductor') expect(inRange(defect.holdingForceN, effects.looseHoldingForceN)).toBe(true);
      if (defect.kind === 'short') expect(inRange(defect.ohm, effects.shortOhm)).toBe(true);
      if (defect.kind === 'insulationLeak') expect(inRange(defect.ohm, effects.insulationLeakOhm)).toBe(true);
    }
    // At 3 % per kind, 1,000 serials hold about 30 units of each: every check above ran.
    expect([...kindsSeen].sort()).toEqual([...DEFECT_KINDS].sort());
  });
});

describe("each defect kind in the twin's truth", () => {
  const seed = 99;
  const twin = (defect: UnitDefect | null): DutTwin => new DutTwin(mixed, seed, defect);
  const sound = twin(null);

  it('open pole: no far end, conductor in; empty terminal: no far end, no conductor', () => {
    expect(twin({ kind: 'openPole', poles: [2] }).truth().poles.map((p) => [p.farEnd, p.conductorInserted])).toEqual([[1, true], [0, true], [3, true], [4, true]]);
    expect(twin({ kind: 'emptyTerminal', poles: [3] }).truth().poles.map((p) => [p.farEnd, p.conductorInserted])).toEqual([[1, true], [2, true], [0, false], [4, true]]);
    expect(twin({ kind: 'openPole', poles: [2] }).kelvinPathOhm(2)).toBeNull();
  });

  it('miswire swaps two far ends; short adds a short; insulation leak sets one pair', () => {
    expect(twin({ kind: 'miswire', poles: [1, 4] }).truth().poles.map((p) => p.farEnd)).toEqual([4, 2, 3, 1]);
    const shorted = twin({ kind: 'short', poles: [2, 3], ohm: 0.2 }).truth();
    expect(shorted.shorts).toEqual([{ poles: [2, 3], ohm: 0.2 }]);
    expect(shorted.poles.map((p) => p.shortedTo)).toEqual([[], [3], [2], []]);
    const leaky = twin({ kind: 'insulationLeak', poles: [1, 3], ohm: 400_000 });
    expect(leaky.insulationOhm(3, 1)).toBe(400_000);
    expect(leaky.insulationOhm(1, 2)).toBe(sound.insulationOhm(1, 2));
  });

  it('high resistance and a loose conductor change only their pole, with the drawn figure', () => {
    const high = twin({ kind: 'highResistance', poles: [3], contactResistanceMilliohm: 1.1 }).truth();
    expect(high.poles.map((p) => p.params.contactResistanceMilliohm)).toEqual(sound.truth().poles.map((p) => (p.pole === 3 ? 1.1 : p.params.contactResistanceMilliohm)));
    const loose = twin({ kind: 'looseConductor', poles: [4], holdingForceN: 20 }).truth();
    expect(loose.poles[3]!.params.holdingForceN).toBe(20);
    expect(loose.poles[3]!.params.slipOnsetN).toBeLessThanOrEqual(16);
    expect(loose.poles.slice(0, 3)).toEqual(sound.truth().poles.slice(0, 3));
  });

  it('a conductor short of full depth: contact resistance ÷ depth, holding force × depth', () => {
    const depthOnly: Scenario = { ...mixed, spread: { unitSeed: 1, truncateSigma: 4, insertionDepthFraction: { sigma: 0.1 } } };
    const poles = new DutTwin(depthOnly, 7).truth().poles;
    expect(poles.map((p) => p.pole)).toEqual([1, 2, 3, 4]);
    for (const pole of poles) {
      expect(pole.insertionDepthFraction).toBeLessThan(1);
      const nominal = { ...mixed.poleDefaults, ...mixed.poleOverrides[String(pole.pole)] };
      expect(pole.params.contactResistanceMilliohm).toBeCloseTo(nominal.contactResistanceMilliohm / pole.insertionDepthFraction, 12);
      expect(pole.params.holdingForceN).toBeCloseTo(nominal.holdingForceN * pole.insertionDepthFraction, 12);
    }
  });
});

describe('population block validation', () => {
  const problems = (population: unknown): string[] => {
    try {
      resolveScenarioForPoles({ ...good, population } as Scenario, rig.poles);
      return [];
    } catch (error) {
      if (error instanceof FileValidationError) return [...error.problems];
      throw error;
    }
  };

  it('refuses rates that add up to more than 1, naming the field and the sum', () => {
    const found = problems({ seed: 1, defects: { openPole: 0.6, short: 0.5 } });
    expect(found.join('\n')).toMatch(/population\.defects.*rates add up to 1\.1: at most 1/);
  });

  it('refuses an unknown defect kind and a rate outside 0..1, naming field and value', () => {
    expect(problems({ seed: 1, defects: { brokenHousing: 0.1 } }).join('\n')).toMatch(/population\.defects.*brokenHousing/);
    expect(problems({ seed: 1, defects: { short: 1.5 } }).join('\n')).toMatch(/population\.defects\.short.*1\.5/);
  });

  it('refuses a defect range whose min exceeds its max', () => {
    expect(problems({ seed: 1, defectEffects: { shortOhm: { min: 5, max: 1 } } }).join('\n')).toMatch(/population\.defectEffects\.shortOhm.*min must not exceed max/);
  });
});
