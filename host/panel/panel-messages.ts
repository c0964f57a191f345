import { z } from 'zod';
import { serialProblem } from '../station/serial-number.js';
import type { MeasurementCells } from '../results/rows-from-record.js';
import type { Outcome } from '../runner/test-record.js';

/**
 * What the panel's page may ask, one strict schema per request, all here. There is deliberately no
 * request that changes a plan, a limit, the calibration or a rig setting: operators run plans.
 */

const rig = z.string().min(1).max(24);

const serial = z
  .string()
  .transform((s) => s.trim())
  .superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: 'a serial number is required (scan the unit or type it)' });
    else {
      const problem = serialProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  });

export const PanelRequests = {
  start: z.strictObject({ serial }),
  abort: z.strictObject({ rig }),
  answer: z.strictObject({ promptId: z.string().min(1).max(64), answer: z.enum(['ok', 'skip', 'abort']) }),
  reset: z.strictObject({ rig }),
} as const;

export type PanelRequestName = keyof typeof PanelRequests;

/** A measured value with its limits, as a pole's row on the page shows it: the cells of the CSV's row, and the step's title. */
export type MeasurementView = MeasurementCells & { step: string };

export interface PoleView {
  pole: number;
  /** The lamp: waiting (nothing run yet), running (its first step runs), or the worst outcome of its steps so far. */
  status: 'waiting' | 'running' | Outcome;
  /** A step of this pole is running now. */
  active?: boolean;
  cause: string | null;
  measurements: MeasurementView[];
}

export interface PromptView {
  id: string;
  serial: string;
  text: string;
  pole?: number;
  /** `skip` is an allowed answer. */
  optional: boolean;
}

export interface UnitView {
  serial: string;
  attempt: number;
  /** 1-based index of the step running (or last run), of `totalSteps`. */
  stepIndex: number;
  totalSteps: number;
  step: { title: string; kind: string; pole?: number; attempt: number } | null;
  /** The live temperature during a rise (the live force is the curve's last point). */
  live: string | null;
  /** null while the unit runs. */
  outcome: Outcome | null;
  cause: string | null;
  poles: PoleView[];
  /** Unit-wide values (isolation figures not tied to one pole). */
  unitMeasurements: MeasurementView[];
}

export interface LaneView {
  rig: string;
  rigId: string | null;
  where: string | null;
  state: 'free' | 'busy' | 'down' | 'given-up';
  /** Why the rig is down (a lost link, a latched alarm), while it is. */
  fault: string | null;
  unit: UnitView | null;
  prompt: PromptView | null;
}

/** The force curve of the pull under way (or the last one), time in s and force in N. */
export interface CurveView {
  /** Changes with every pull: a page starts a new plot. */
  id: string;
  pole: number;
  title: string;
  targetN: number | null;
  points: Array<[number, number]>;
}

export interface ResultView {
  id: number;
  serial: string;
  attempt: number;
  rig: string;
  outcome: Outcome;
  cause: string | null;
  at: string;
  failingPoles: number[];
  retest: boolean;
  /** The run has a folder with its report and record (links offered). */
  files: boolean;
}

export interface PanelSnapshot {
  station: string;
  plan: { name: string; description: string };
  dut: string;
  conductor: string;
  queued: number;
  lanes: Array<LaneView & { curve: CurveView | null }>;
  results: ResultView[];
}

/** What the server pushes to a page (server-sent events, one JSON object per event). */
export type PanelMessage =
  | { type: 'snapshot'; snapshot: PanelSnapshot }
  | { type: 'lane'; lane: LaneView }
  | { type: 'queued'; queued: number }
  | { type: 'curve'; rig: string; curve: Omit<CurveView, 'points'>; from: number; points: Array<[number, number]> }
  | { type: 'results'; results: ResultView[] }
  | { type: 'notice'; text: string };
