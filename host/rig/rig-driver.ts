import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';
import type { LinkCounts } from '../link/link-counts.js';
import type { Outcome } from '../runner/test-record.js';

/**
 * A rig's capabilities as async methods. One driver per rig kind; the runner sees only this.
 * Every method leaves the rig safe when it fails (current off, motion stopped).
 */
export interface RigDriver {
  /** Rig id, firmware and protocol version, calibration date, as recorded with each run. */
  readonly identity: { rigId: string; firmwareVersion: string; protocol: string; calDate: number; where: string };
  /** INFO caps, e.g. vdrop, iso, pull, heat, temp. */
  readonly capabilities: ReadonlySet<string>;
  /** Most poles the rig can switch. */
  readonly maxPoles: number;
  /** INFO's figures that bound what a plan may ask (names as in commands.yaml); pre-flight checks every step against them. */
  readonly limits: { forceCapN: number; capacityN: number; maxCurrentA: number; maxSpeedMmps?: number; maxTempC?: number; maxSlackMm?: number };

  measureDrop(pole: number, currentA: number, samples: number): Promise<DropReading>;
  checkIsolation(poles: number): Promise<IsolationReading>;
  /** Pull pole `pole`'s conductor; `onSample` sees each sample as it arrives (live display). */
  pull(pole: number, profile: PullProfile, onSample?: (sample: SampleMessage) => void): Promise<PullReading>;
  /** Switch the test current on through `pole` (temperature rise); `heatOff` switches it off. */
  heatOn(pole: number, currentA: number): Promise<void>;
  heatOff(): Promise<void>;
  readTemperatureC(): Promise<number>;
  /** The rig's safety inputs and latched alarms (STATUS); a latched alarm refuses motion and current until `resetAlarms`. */
  readSafetyState(): Promise<SafetyState>;
  /** Clear the latched alarms (RESET); throws RigResetRefusedError while the E-stop is still pressed. */
  resetAlarms(): Promise<void>;
  /**
   * Return the puller to its home switch, for rigs that pull. The driver does it itself before a pull
   * whenever the position is not known (after boot, an alarm or an abort: the firmware refuses PULL
   * with NOT_HOMED); run-until-done calls it before a run goes on after the rig rebooted or its link
   * was lost, as a pull cut off mid-ramp leaves the carriage out with the conductor under tension.
   */
  homePuller?(): Promise<void>;
  /**
   * Show the operator the unit's result on the rig itself (a lamp, a buzzer), for rigs that have
   * them: 'running' when a unit starts, its outcome when it ends (after the rig is safe).
   */
  signalOutcome?(outcome: Outcome | 'running'): Promise<void>;
  /**
   * What the rig's line link went through so far (retries, damaged lines …), for rigs that talk over a
   * LineClient; the runner records the difference per step.
   */
  linkCounts?(): LinkCounts;
  /** Current off, motion stopped, relays open. Tries every step; then throws when the rig did not confirm one. */
  makeSafe(): Promise<void>;
  close(): Promise<void>;
}

/** What the rig's safety circuit says now. */
export interface SafetyState {
  /** Codes of the latching alarms in force, in the order the rig lists them; empty when none. */
  latchedAlarms: number[];
  estopPressed: boolean;
  guardOpen: boolean;
}

export type DropReading = { open: false; dropMv: number; currentA: number; resistanceMilliohm: number } | { open: true };

export interface IsolationReading {
  farEndByPole: number[];
  shortedPairs: Array<[number, number]>;
}

export interface PullProfile {
  forceN: number;
  rateNps: number;
  holdMs: number;
  preloadN: number;
  /** undefined: the rig's default approach speed. */
  approachMmps?: number;
  slipLimitMm: number;
}

export interface PullReading {
  /**
   * noload: the approach took up the rig's `limits.maxSlackMm` without reaching the preload (nothing in the
   * grip); the pull was not carried out, and the rig is back home, nothing latched, ready for the next pole.
   */
  /** `unknown`: a result word this host does not know (a newer firmware's), kept in `unknownResult`. */
  result: 'held' | 'slip' | 'pullout' | 'noload' | 'aborted' | 'alarm' | 'unknown';
  unknownResult?: string;
  peakN: number;
  holdMinN: number;
  holdMaxN: number;
  slipMm: number;
  alarm?: number;
  samples: SampleMessage[];
  samplesLost: number;
  /** The end of the pull came by asking the rig (RESULT) because its DONE line was lost on the link. */
  doneRecovered?: boolean;
}
