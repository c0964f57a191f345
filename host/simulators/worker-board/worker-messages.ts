import type { SerialUnitTruth, SimMode } from '../../shared/simulated-board.js';

/** Which simulator a worker runs, and on what. */
export interface WorkerBoardSpec {
  kind: 'uno-pull' | 'firmata';
  scenarioFile?: string;
  /** For a Firmata board: its rig file. */
  rigFile?: string;
  mode: SimMode;
}

/** From the host's thread to the simulator's. */
export type ToWorker =
  | { t: 'write'; bytes: Uint8Array }
  | { t: 'start' }
  | { t: 'stop' }
  | { t: 'reset' }
  | { t: 'after'; id: number; ms: number }
  | { t: 'cancel'; id: number }
  /** Mount the unit of this serial number (population scenario); answered by mounted. */
  | { t: 'mount'; id: number; serial: string }
  /** The host has seen the board's time up to here (fast mode: the board does not run further ahead than a step or two). */
  | { t: 'ack'; timeMs: number };

/** From the simulator's thread to the host's; every message carries the board's time then. */
export type FromWorker =
  | { t: 'data'; bytes: Uint8Array; timeMs: number }
  | { t: 'timer'; id: number; timeMs: number }
  | { t: 'usb'; plugged: boolean; timeMs: number }
  | { t: 'tick'; timeMs: number; runMs: number; running: boolean }
  | { t: 'mounted'; id: number; truth: SerialUnitTruth | null; error?: string; timeMs: number }
  | { t: 'failed'; message: string };
