import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';

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
  readonly limits: { forceCapN: number; capacityN: number; maxCurrentA: number; maxSpeedMmps?: number };

  measureDrop(pole: number, currentA: number, samples: number): Promise<DropReading>;
  checkIsolation(poles: number): Promise<IsolationReading>;
  /** Pull pole `pole`'s conductor; `onSample` sees each sample as it arrives (live display). */
  pull(pole: number, profile: PullProfile, onSample?: (sample: SampleMessage) => void): Promise<PullReading>;
  /** Switch the test current on through `pole` (temperature rise); `heatOff` switches it off. */
  heatOn(pole: number, currentA: number): Promise<void>;
  heatOff(): Promise<void>;
  readTemperatureC(): Promise<number>;
  /** Current off, motion stopped, relays open. Never throws. */
  makeSafe(): Promise<void>;
  close(): Promise<void>;
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
  result: 'held' | 'slip' | 'pullout' | 'aborted' | 'alarm';
  peakN: number;
  holdMinN: number;
  holdMaxN: number;
  slipMm: number;
  alarm?: number;
  samples: SampleMessage[];
  samplesLost: number;
}
