import { randomUUID } from 'node:crypto';
import { relative, join } from 'node:path';
import type { Clock } from '../../shared/clock.js';
import type { ResolvedPlan } from '../../plans/resolved-plan.js';
import type { RunInput } from '../../results/journal/journal-line.js';
import { RunJournal } from '../../results/journal/run-journal.js';
import { runFolderName } from '../../results/run-folder.js';
import { writeRunOutputs } from '../../results/run-outputs.js';
import type { RigDriver } from '../../rig/rig-driver.js';
import { isoWithOffset } from '../../runner/iso-time.js';
import type { Operator } from '../../runner/operator.js';
import type { TestRecord } from '../../runner/test-record.js';
import { runPlan, type CalibrationRecordFinder } from '../../runner/run-plan.js';
import { analyseStudy } from './analyse-study.js';
import type { ToleranceBasis } from './grr-figures.js';
import { studyRunOrder, type StudyRun } from './run-order.js';
import { setUpSimulatedRun, type SimulatedOperator, type StudyBench } from './simulated-operators.js';
import type { GrrStudyRecord, StudyRunRecord } from './study-record.js';
import { studiedValue, studyRunPlan, type StudyTarget } from './study-target.js';

export interface StudyDesign {
  parts: number;
  operators: number;
  trials: number;
  /** Seeds the run order and, on the simulator, the insertions' scatter. */
  seed: number;
}

export interface GrrStudyOptions {
  driver: RigDriver;
  clock: Clock;
  plan: ResolvedPlan;
  target: StudyTarget;
  design: StudyDesign;
  operatorNames: readonly string[];
  partSerials: readonly string[];
  /** null: none; undefined: from the studied measurement's limits. */
  tolerance?: ToleranceBasis | null;
  poolAboveP?: number;
  /** Where run folders go (the results folder, as for `run`). */
  resultsDir: string;
  /** What each run's journal records as its input, so `resume` could resolve the same plan. */
  input: RunInput;
  /** The person at the rig, asked to mount each part (real rigs). */
  operator: Operator;
  /** On the simulator: the rig to swap units in and the operators' insertion habits. */
  simulated?: { sim: StudyBench; scenario: string; operators: readonly SimulatedOperator[]; unitSeedBase: number };
  write: (text: string) => void;
  allowUncalibrated?: string;
  calibrationRecordOf?: CalibrationRecordFinder;
  signal?: AbortSignal;
}

/** A study that could not finish: the runs made so far are on disk (their folders are named in `runs`). */
export class GrrStudyStopped extends Error {
  constructor(
    message: string,
    readonly runs: readonly StudyRunRecord[],
  ) {
    super(message);
    this.name = 'GrrStudyStopped';
  }
}

const MOUNT_STEP_ID = 'grr-mount';

/**
 * Run a crossed gauge study: every run in the recorded random order, each one a plan run with its own journal,
 * run.json, report and history entry in the results folder, exactly as `clampbench run` keeps them. Then the
 * ANOVA of the studied values. Throws GrrStudyStopped when a run gives no value or the operator aborts.
 */
export async function runGrrStudy(options: GrrStudyOptions): Promise<GrrStudyRecord> {
  const { target, design } = options;
  const studyId = randomUUID();
  const startedAt = isoWithOffset(new Date());
  const skipCause = `not in gauge R&R study ${studyId} (it studies ${target.measurement} of ${target.stepId} on pole ${target.pole})`;
  const { plan, skipSteps } = studyRunPlan(options.plan, target, skipCause);
  const order = studyRunOrder(design);
  const runs: StudyRunRecord[] = [];
  let unit = '';
  let limits: GrrStudyRecord['limits'] = null;

  for (const run of order) {
    const serial = options.partSerials[run.part - 1]!;
    const operatorName = options.operatorNames[run.operator - 1]!;
    const where = `run ${run.order}/${order.length} (trial ${run.trial}, ${operatorName}, part ${serial})`;
    if (options.signal?.aborted) throw new GrrStudyStopped(`${where}: the study was stopped`, runs);
    const simulatedSetup = await mountPart(options, run, serial, operatorName, where, runs);
    const { record, runId, dir } = await runAndKeep(options, { plan, skipSteps, serial, operatorName, where }, runs);
    const found = studiedValue(record, target);
    if (!found.ok) throw new GrrStudyStopped(`${where}: ${found.problem}; its records are in ${dir}`, runs);
    unit = found.unit;
    limits ??= { ...(found.limits.low === undefined ? {} : { low: found.limits.low }), ...(found.limits.high === undefined ? {} : { high: found.limits.high }), source: found.limits.source };
    runs.push({
      ...run,
      serial,
      operatorName,
      value: found.value,
      stepOutcome: found.stepOutcome,
      runId,
      folder: relative(options.resultsDir, dir),
      ...(simulatedSetup ? { simulated: simulatedSetup } : {}),
    });
    options.write(`${String(run.order).padStart(4)}/${order.length}  trial ${run.trial}  ${operatorName.padEnd(8)} ${serial.padEnd(10)} ${target.measurement} ${found.value.toFixed(4)} ${unit}  ${found.stepOutcome}\n`);
  }
  return studyRecord(options, { studyId, startedAt, plan, unit, runs, limits });
}

/**
 * One run of the study as `clampbench run` keeps it: its journal, then run.json, report and history entry.
 * Throws GrrStudyStopped when the journal could not be written.
 */
async function runAndKeep(
  options: GrrStudyOptions,
  run: { plan: ResolvedPlan; skipSteps: ReadonlyMap<string, string>; serial: string; operatorName: string; where: string },
  runsSoFar: readonly StudyRunRecord[],
): Promise<{ record: TestRecord; runId: string; dir: string }> {
  const { serial, operatorName, where } = run;
  const dir = join(options.resultsDir, runFolderName(new Date(), serial));
  let journalFailure: Error | null = null;
  const journal = RunJournal.create(dir, randomUUID(), options.input, { onFailure: (error) => (journalFailure = error) });
  let record;
  try {
    record = await runPlan(run.plan, options.driver, options.operator, {
      serial,
      operatorName,
      clock: options.clock,
      skipSteps: run.skipSteps,
      onEvent: journal.onEvent,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
      ...(options.calibrationRecordOf ? { calibrationRecordOf: options.calibrationRecordOf } : {}),
    });
  } finally {
    journal.close();
  }
  const outputs = await writeRunOutputs(record, { runId: journal.runId, complete: journalFailure === null, dir, journal: journal.path });
  for (const problem of outputs.problems) options.write(`warning: ${where}: ${problem}\n`);
  if (journalFailure !== null) throw new GrrStudyStopped(`${where}: its journal ${journal.path} could not be written (${(journalFailure as Error).message})`, runsSoFar);
  return { record, runId: journal.runId, dir };
}

/** The study's record: what was studied, on what, how, every run, and the analysis of the values. */
function studyRecord(
  options: GrrStudyOptions,
  study: { studyId: string; startedAt: string; plan: ResolvedPlan; unit: string; runs: StudyRunRecord[]; limits: GrrStudyRecord['limits'] },
): GrrStudyRecord {
  const { driver, target, design } = options;
  const { plan, unit, runs, limits } = study;
  const sim = options.simulated;
  return {
    kind: 'gauge-rr-crossed',
    version: 1,
    studyId: study.studyId,
    startedAt: study.startedAt,
    endedAt: isoWithOffset(new Date()),
    plan: { name: plan.name, hash: plan.planHash },
    dut: { partNumber: plan.dut.partNumber, poles: plan.dut.poles },
    conductor: plan.conductor.id,
    rig: { id: driver.identity.rigId, where: driver.identity.where, calDate: driver.identity.calDate },
    simulation: sim
      ? {
          scenario: sim.scenario,
          unitSeedBase: sim.unitSeedBase,
          operatorModel: `part n = unit seed ${sim.unitSeedBase} + n of the scenario's spread; each insertion shifts pole ${target.pole}'s contact resistance by the operator's offset plus a normal scatter (sd per operator), seeded by (study seed, run order)`,
        }
      : null,
    target: { ...target, unit },
    design: { ...design, order: 'trial by trial; each operator in turn measures every part, parts in a random order drawn per trial and operator from the seed' },
    operators: options.operatorNames.map((name, i) => ({ number: i + 1, name, ...(sim ? { simulated: sim.operators[i]! } : {}) })),
    parts: options.partSerials.map((serial, i) => ({ number: i + 1, serial })),
    runs,
    limits,
    ...analyseStudy(runs, design, options.tolerance === undefined ? limits : options.tolerance, unit, options.poolAboveP),
  };
}

/** Real rig: the person mounts the part (answering the runner's kind of prompt). Simulator: the unit is swapped in. */
async function mountPart(options: GrrStudyOptions, run: StudyRun, serial: string, operatorName: string, where: string, runsSoFar: readonly StudyRunRecord[]) {
  const { pole } = options.target;
  const sim = options.simulated;
  if (sim) return setUpSimulatedRun(sim.sim, pole, run, serial, sim.operators[run.operator - 1]!, { seed: options.design.seed, unitSeedBase: sim.unitSeedBase });
  const answer = await options.operator.confirm({
    text: `${where}: ${operatorName}, mount part ${serial}, take the conductor of pole ${pole} out and insert it again yourself; close the guard`,
    pole,
    stepId: MOUNT_STEP_ID,
    optional: false,
  });
  if (answer !== 'ok') throw new GrrStudyStopped(`${where}: the operator answered ${answer}`, runsSoFar);
  return undefined;
}
