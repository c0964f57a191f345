import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRecord } from '../../host/runner/test-record.js';
import { SIM_TRUTH_FILE, type SimTruthLine } from '../../host/session/mount-serial-unit.js';
import { openStation } from '../../host/station/open-station.js';
import { StationConfig } from '../../host/station/station-config.js';
import type { StationEvent, StationEventOf } from '../../host/station/station-events.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import type { DutTruth } from '../../rigs/uno-pull/sim/dut-twin.js';
import { populationUnit } from '../../rigs/uno-pull/sim/population.js';
import { loadScenario } from '../../rigs/uno-pull/sim/scenario.js';
import { clampbench } from '../support/clampbench-cli.js';
import { measurement, step } from '../runner/fixtures/builtin-plan-runs.js';
import { defaultRigSimulators } from '../../host/simulators/default-simulators.js';

// A population scenario behind a station's simulated rig (in its worker thread) and behind `run`:
// each serial's unit is mounted before its test, its truth logged to sim-truth.jsonl, and the
// verdicts follow that unit. Serials are picked by the pure draw (no figure typed in here): the
// first two good ones and the first with a high-resistance pole.
const scenarioFile = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/population-mixed-831-1104-10mm2.yaml', import.meta.url));
const scenario = loadScenario(scenarioFile, loadRigDefinition());
const drawn = Array.from({ length: 400 }, (_, i) => populationUnit(scenario.population!, scenario.poles, `PS-${i}`));
const [goodA, goodB] = drawn.filter((u) => u.defect === null);
const highResistance = drawn.find((u) => u.defect?.kind === 'highResistance')!;
/** Resolution of the drop at 5.7 A is ~0.002 mΩ per count; 64 averaged conversions with 1.5 LSB noise stay well inside this. */
const TOLERANCE_MILLIOHM = 0.005;

const dir = mkdtempSync(join(tmpdir(), 'clampbench-population-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Uno pull rig's simulator logs its whole DutTruth beside the serial. */
type UnitTruthLine = SimTruthLine & DutTruth;
const readTruth = (results: string): UnitTruthLine[] => readFileSync(join(results, SIM_TRUTH_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as UnitTruthLine);
const truthMilliohm = (truth: UnitTruthLine): number[] => truth.poles.map((p) => p.params.contactResistanceMilliohm);
const readRecord = (runDir: string): TestRecord => JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as TestRecord;
const resistance = (record: TestRecord, pole: number): number => measurement(step(record, 'continuity', pole), 'resistance').value as number;
const resistances = (record: TestRecord): number[] => record.poles.map((p) => resistance(record, p.pole));

describe('a station on a simulated rig with a population scenario', () => {
  const results = join(dir, 'station');
  const events: StationEvent[] = [];
  const finished = (serial: string): StationEventOf<'unit-finished'> => events.find((e): e is StationEventOf<'unit-finished'> => e.event === 'unit-finished' && e.serial === serial)!;

  beforeAll(async () => {
    const config = StationConfig.parse({
      station: 'population-test',
      plan: 'production-qc',
      dut: '831-1104/322-004',
      conductor: '10mm2-fine',
      results,
      simulators: 'threads',
      rigs: [{ name: 'A', port: `sim:${scenarioFile}` }],
    });
    const { station, slots } = await openStation(config, (e) => events.push(e), () => undefined, { simulators: defaultRigSimulators });
    try {
      for (const unit of [goodA!, goodB!, highResistance]) station.submit(unit.serial);
      await station.finish();
    } finally {
      await Promise.all(slots.map((s) => s.close()));
    }
  }, 90_000);

  it("logs each mounted unit's truth with its serial, as the pure draw says", () => {
    const truths = readTruth(results);
    expect(truths.map((t) => [t.serial, t.unitSeed, t.defect])).toEqual([goodA!, goodB!, highResistance].map((u) => [u.serial, u.unitSeed, u.defect]));
    expect(truths[0]).toMatchObject({ populationSeed: 2026, rig: 'A', rigId: expect.any(String), mountedAt: expect.any(String) });
  });

  it("measures each good serial's own contact resistances, within tolerance of its truth", () => {
    const truths = readTruth(results);
    for (const [index, unit] of [goodA!, goodB!].entries()) {
      const event = finished(unit.serial);
      expect(event.outcome, JSON.stringify(event)).toBe('PASS');
      const truth = truthMilliohm(truths[index]!);
      const measured = resistances(readRecord(event.runDir));
      expect(truth).toHaveLength(scenario.poles);
      expect(measured).toHaveLength(scenario.poles);
      measured.forEach((value, i) => expect(Math.abs(value - truth[i]!), `${unit.serial} pole ${i + 1}: ${value} vs ${truth[i]}`).toBeLessThan(TOLERANCE_MILLIOHM));
    }
    // The two units really differ (by more than the tolerance on some pole), so the check above tells them apart.
    const [a, b] = [truthMilliohm(truths[0]!), truthMilliohm(truths[1]!)];
    expect(Math.max(...a!.map((r, i) => Math.abs(r - b![i]!)))).toBeGreaterThan(2 * TOLERANCE_MILLIOHM);
  });

  it('a serial with a high-resistance pole FAILs on that pole\'s voltage drop, measuring the drawn resistance', () => {
    const defect = highResistance.defect as { kind: 'highResistance'; poles: [number]; contactResistanceMilliohm: number };
    const event = finished(highResistance.serial);
    expect([event.outcome, event.failingSteps, event.failingPoles]).toEqual(['FAIL', [`pole ${defect.poles[0]} continuity`], [defect.poles[0]]]);
    const measured = resistance(readRecord(event.runDir), defect.poles[0]);
    expect(Math.abs(measured - defect.contactResistanceMilliohm), `${measured} vs ${defect.contactResistanceMilliohm}`).toBeLessThan(TOLERANCE_MILLIOHM + 0.01 * defect.contactResistanceMilliohm);
  });
});

describe('clampbench run with a population scenario', () => {
  it("mounts the serial's unit and logs its truth in --out", async () => {
    const out = join(dir, 'run');
    const unit = goodB!;
    const exit = await clampbench(['run', '--port', `sim:${scenarioFile}`, '--serial', unit.serial, '--yes', '--out', out]);
    expect(exit.code, exit.stderr).toBe(0);
    const [truth, ...more] = readTruth(out);
    expect(more).toEqual([]);
    expect([truth!.serial, truth!.unitSeed, truth!.defect]).toEqual([unit.serial, unit.unitSeed, null]);
    const runDir = readdirSync(out).find((name) => name.endsWith(unit.serial))!;
    const expected = truthMilliohm(truth!);
    const measured = resistances(readRecord(join(out, runDir)));
    expect(expected).toHaveLength(scenario.poles);
    expect(measured).toHaveLength(scenario.poles);
    measured.forEach((value, i) => expect(Math.abs(value - expected[i]!), `pole ${i + 1}: ${value} vs ${expected[i]}`).toBeLessThan(TOLERANCE_MILLIOHM));
  });
});
