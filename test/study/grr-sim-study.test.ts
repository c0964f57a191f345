import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import type { VoltageDropStep } from '../../host/plans/resolved-plan.js';
import { openUnoPullDriver, type OpenUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runGrrStudy } from '../../host/study/grr/run-study.js';
import type { GrrStudyRecord } from '../../host/study/grr/study-record.js';
import { CONDUCTOR, DUT, scenarioPort } from '../runner/fixtures/builtin-plan-runs.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import type { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

// A small crossed study on the simulated population: 3 units of the spread scenario, 2 operators whose
// insertions shift the contact resistance by −0.02 and +0.02 mΩ (scatter 0.001 mΩ), 2 trials each, the
// voltage drop of pole 1 from production-qc. The study must find that operator effect in its figures.
const OFFSET_MILLIOHM = 0.02;
const INSERTION_SD_MILLIOHM = 0.001;

describe('a gauge R&R study on the simulated rig (3 parts × 2 operators × 2 trials)', () => {
  let rig: OpenUnoPullDriver<UnoPullSimulator>;
  let study: GrrStudyRecord;
  let currentA: number;
  const resultsDir = mkdtempSync(join(tmpdir(), 'clampbench-grr-'));

  beforeAll(async () => {
    rig = await openUnoPullDriver(scenarioPort('good-831-1104-10mm2-spread'), { createSimulator: createUnoPullSimulator });
    const plan = resolvePlan({ plan: 'production-qc', dut: DUT, conductor: CONDUCTOR, rig: rig.driver });
    currentA = (plan.poleSteps.find((s) => s.id === 'continuity') as VoltageDropStep).currentA;
    study = await runGrrStudy({
      driver: rig.driver,
      clock: rig.transport.clock,
      plan,
      target: { stepId: 'continuity', measurement: 'drop', pole: 1 },
      design: { parts: 3, operators: 2, trials: 2, seed: 11 },
      operatorNames: ['ana', 'ben'],
      partSerials: ['P1', 'P2', 'P3'],
      resultsDir,
      input: { plan: 'production-qc', dut: DUT, conductor: CONDUCTOR },
      operator: autoConfirmOperator,
      simulated: {
        sim: rig.transport.sim!,
        scenario: 'good-831-1104-10mm2-spread',
        operators: [
          { offsetMilliohm: -OFFSET_MILLIOHM, insertionSdMilliohm: INSERTION_SD_MILLIOHM },
          { offsetMilliohm: OFFSET_MILLIOHM, insertionSdMilliohm: INSERTION_SD_MILLIOHM },
        ],
        unitSeedBase: 100,
      },
      write: () => undefined,
    });
  });
  afterAll(async () => {
    await rig.driver.close();
  });

  const operatorMean = (operator: number): number => {
    const values = study.runs.filter((r) => r.operator === operator).map((r) => r.value);
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  const component = (name: string) => study.figures.components.find((c) => c.name === name)!;

  it('measures every part with every operator in every trial, each part a unit of its own', () => {
    expect(study.runs).toHaveLength(12);
    const cells = new Set(study.runs.map((r) => `${r.part}/${r.operator}/${r.trial}`));
    expect(cells.size).toBe(12);
    expect(study.runs.map((r) => r.simulated?.unitSeed)).toEqual(study.runs.map((r) => 100 + r.part));
    // Trial by trial, each operator measures all three parts before the next one starts.
    expect(study.runs.map((r) => `${r.trial}${r.operator}`)).toEqual(['11', '11', '11', '12', '12', '12', '21', '21', '21', '22', '22', '22']);
  });

  it('recovers the operators’ difference, 2 × 0.02 mΩ × the test current, within 10 %', () => {
    // Each operator mean has 6 readings; insertion scatter and rig noise (≈ 0.01 mV together) leave it about
    // 0.005 mV uncertain, 2 % of the 0.228 mV expected; 10 % is far outside chance and far inside a wrong model.
    const expectedMv = 2 * OFFSET_MILLIOHM * currentA;
    expect(Math.abs(operatorMean(2) - operatorMean(1) - expectedMv)).toBeLessThan(0.1 * expectedMv);
  });

  it('puts that difference into reproducibility: σ_operator = √2 · 0.02 mΩ × the current within 10 %, above repeatability', () => {
    // Two fixed offsets ±d: the ANOVA's operator variance estimates Σα² / (o − 1) = 2 d².
    const expectedSdMv = Math.SQRT2 * OFFSET_MILLIOHM * currentA;
    expect(Math.abs(component('operator').sd - expectedSdMv)).toBeLessThan(0.1 * expectedSdMv);
    expect(component('reproducibility').sd).toBeGreaterThan(3 * component('repeatability').sd);
    expect(component('part').sd).toBeGreaterThan(0);
  });

  it('keeps every run as a record: journal, run.json (part serial, operator, the studied value) and report', () => {
    expect(study.runs).toHaveLength(12);
    for (const run of study.runs) {
      const dir = join(resultsDir, run.folder);
      expect(existsSync(join(dir, 'journal.jsonl'))).toBe(true);
      expect(existsSync(join(dir, 'report.html'))).toBe(true);
      const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
      expect([record.runId, record.serial, record.operator]).toEqual([run.runId, run.serial, run.operatorName]);
      const pole = record.poles.find((p: { pole: number }) => p.pole === 1);
      const drop = pole.steps.find((s: { stepId: string }) => s.stepId === 'continuity').attempts.at(-1).measurements.find((m: { name: string }) => m.name === 'drop');
      expect(drop.value).toBe(run.value);
      // Only the studied step ran; the others are on record as skipped for the study.
      expect(record.unitSteps.map((s: { outcome: string; cause: string }) => [s.outcome, s.cause.startsWith(`not in gauge R&R study ${study.studyId}`)])).toEqual([
        ['SKIPPED', true],
        ['SKIPPED', true],
      ]);
    }
    expect(existsSync(join(resultsDir, 'history.sqlite'))).toBe(true);
  });

  it('takes the tolerance from the plan’s one-sided limit: 3 σ_GRR over the distance from the mean to 3.2 mV', () => {
    expect(study.figures.tolerance).toMatchObject({ kind: 'one-sided', limit: 3.2, side: 'upper' });
    const expected = (100 * 3 * component('grr').sd) / (3.2 - study.anova.grandMean);
    expect(study.figures.percentGrrOfTolerance).toBeCloseTo(expected, 10);
  });
});
