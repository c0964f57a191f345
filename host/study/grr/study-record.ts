import type { AnovaRow } from './crossed-anova.js';
import type { GrrFigures } from './grr-figures.js';
import type { SimulatedOperator, SimulatedSetup } from './simulated-operators.js';
import type { StudyTarget } from './study-target.js';

/**
 * A gauge R&R study as written to `study.json` in its folder: what was studied, on which rig, the design and
 * the order the runs took, every run with its measured value and the run folder that holds its records
 * (journal, run.json, report), then the ANOVA and the figures. Plain JSON (an F of ∞ is written as null).
 */
export interface GrrStudyRecord {
  kind: 'gauge-rr-crossed';
  version: 1;
  studyId: string;
  startedAt: string;
  endedAt: string;
  plan: { name: string; hash: string };
  dut: { partNumber: string; poles: number };
  conductor: string;
  rig: { id: string; where: string; calDate: number };
  /** Set on the simulator: the scenario, and the model standing in for parts and operators. */
  simulation: {
    scenario: string;
    unitSeedBase: number;
    operatorModel: string;
  } | null;
  target: StudyTarget & { unit: string };
  design: { parts: number; operators: number; trials: number; seed: number; order: string };
  operators: Array<{ number: number; name: string; simulated?: SimulatedOperator }>;
  parts: Array<{ number: number; serial: string }>;
  runs: StudyRunRecord[];
  /** The limits the measurement was judged against in the runs (the default tolerance). */
  limits: { low?: number; high?: number; source: string } | null;
  anova: {
    full: AnovaRow[];
    model: AnovaRow[];
    interactionP: number;
    interactionPooled: boolean;
    poolAboveP: number;
    grandMean: number;
  };
  figures: GrrFigures;
}

export interface StudyRunRecord {
  order: number;
  part: number;
  operator: number;
  trial: number;
  serial: string;
  operatorName: string;
  value: number;
  /** The studied step's outcome in that run (a FAIL still gives a value). */
  stepOutcome: string;
  runId: string;
  /** The run's folder, relative to the results folder. */
  folder: string;
  simulated?: SimulatedSetup;
}
