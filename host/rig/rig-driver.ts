import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';
import type { LinkCounts } from '../link/link-counts.js';
import type { Outcome } from '../shared/outcome.js';
import type { RigUncertaintyFigures } from './rig-uncertainty.js';

/**
 * A rig's capabilities as async methods. One driver per rig kind; the runner sees only this.
 * Every method leaves the rig safe when it fails (current off, motion stopped).
 */
export interface RigDriver {
  /** Rig id, firmware and protocol version, calibration date, as recorded with each run. */
  readonly identity: { rigId: string; firmwareVersion: string; protocol: string; calDate: number; where: string };
  /** What the rig says of its calibration, for the check before any verdict (runner/calibration-status.ts). */
  readonly calibration: RigCalibration;
  /** The reference resistor wired to a free pole for the shift-start check (plan step check-standard); absent when the rig has none. */
  readonly checkStandard?: CheckStandard;
  /** INFO caps, e.g. vdrop, iso, pull, heat, temp. */
  readonly capabilities: ReadonlySet<string>;
  /** Most poles the rig can switch. */
  readonly maxPoles: number;
  /** INFO's figures that bound what a plan may ask (names as in commands.yaml); pre-flight checks every step against them. */
  readonly limits: { forceCapN: number; capacityN: number; maxCurrentA: number; maxSpeedMmps?: number; maxTempC?: number; maxSlackMm?: number };
  /** The figures of its measuring chains for the uncertainty budgets; absent: its values carry no uncertainty. */
  readonly uncertaintyFigures?: RigUncertaintyFigures;

  measureDrop(pole: number, currentA: number, samples: number): Promise<DropReading>;
  checkIsolation(poles: number): Promise<IsolationReading>;
  /**
   * Insulation resistance between poles a and b, every other pole guarded; only on rigs with an
   * insulation meter (INFO cap `insul`, figures in `insulationMeter`).
   */
  measureInsulation?(a: number, b: number): Promise<InsulationReading>;
  /** The insulation meter's figures (rig definition), which its uncertainty budget needs. */
  readonly insulationMeter?: InsulationMeter;
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

/**
 * `senseSdMv` / `shuntSdA`: the standard deviation of one conversion of the sense channel (as a drop) and the
 * shunt channel (as a current) over the averaged conversions, from rigs that report it (protocol 2.2 on).
 */
export type DropReading = { open: false; dropMv: number; currentA: number; resistanceMilliohm: number; senseSdMv?: number; shuntSdA?: number } | { open: true };

export interface IsolationReading {
  farEndByPole: number[];
  shortedPairs: Array<[number, number]>;
}

/**
 * One pole pair's insulation. `range` in: `resistanceOhm` is the value; above / below: the value lies
 * beyond the meter's range, and `resistanceOhm` is the bound it lies beyond (never a made-up value).
 */
export interface InsulationReading {
  a: number;
  b: number;
  range: 'in' | 'above' | 'below';
  resistanceOhm: number;
  /** Standard deviation of one ADC conversion in counts, of the pair reading and of the open-bus (drive) reading. */
  spreadCounts: { pair: number; drive: number };
}

/**
 * A reference-resistor insulation meter (rig.yaml isolation.insulation): R = Rref · n / (d − n) from the
 * ADC means n (the pair) and d (the open bus), both through the same follower and divider.
 */
export interface InsulationMeter {
  referenceOhm: number;
  /** Half-width of the reference resistor's tolerance, as a fraction. */
  referenceTolerance: number;
  bufferOffsetV: number;
  bufferBiasA: number;
  adcNoiseLsb: number;
  adcInlLsb: number;
  /** ADC conversions averaged per reading. */
  conversions: number;
  /** Drive voltage at the bus with nothing connected. */
  driveV: number;
  /** Volts at the bus per ADC count (reference / 1024 / divider ratio). */
  busVoltsPerCount: number;
  rangeLowOhm: number;
  rangeHighOhm: number;
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

/** A rig's check standard, from its rig definition (calibration.checkStandard and checkCurrentA). */
export interface CheckStandard {
  id: string;
  pole: number;
  milliohm: number;
  toleranceFraction: number;
  currentA: number;
}

/** A rig's calibration as the rig holds it. */
export interface RigCalibration {
  /** Date of the last calibration, YYYYMMDD; 0 = never calibrated. */
  calDate: number;
  /** Days a calibration stays valid (the rig definition's calibration.intervalDays). */
  intervalDays: number;
  /**
   * The checksum stored on the rig (protocol 2.2 `calCheck`, null when the firmware keeps none) and whether it
   * matches the calibration values the rig holds now. null for a rig that keeps its calibration in its rig
   * file rather than on the board (Firmata): there is nothing on the rig to tamper with.
   */
  checksum: { stored: number | null; matches: boolean } | null;
}
