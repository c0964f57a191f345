import five from 'johnny-five';
import type { Firmata } from 'firmata-io';
import { AlarmCode } from '../../../firmware-protocol/generated/codes.js';
import type { Clock } from '../../shared/clock.js';
import type { Outcome } from '../../shared/outcome.js';
import { adcVoltsPerCount, firmataResolution, setpointDuty, type FirmataRigDefinition } from '../../../rigs/firmata-continuity/rig-definition.js';
import { LinkClosedError } from '../../link/request-errors.js';
import { RigAlarmError, RigResetRefusedError } from '../rig-errors.js';
import type { DropReading, IsolationReading, PullReading, RigDriver, SafetyState } from '../rig-driver.js';
import type { RigUncertaintyFigures } from '../rig-uncertainty.js';
import { sampleChannels } from './analog-sampler.js';
import { firmataUncertaintyFigures } from './firmata-uncertainty.js';
import { FirmataOutputs } from './firmata-outputs.js';
import { waitMs } from './wait-ms.js';

/** What this rig kind can do, in the INFO capability words the plans' steps name. */
const FIRMATA_CAPABILITIES: ReadonlySet<string> = new Set(['vdrop', 'iso']);

/** How long (wall time) the board may take to report the E-stop input after it is set up. */
const FIRST_INPUT_TIMEOUT_MS = 3000;

/** Conversions averaged per far-end channel and driven pole in the isolation check. */
const ISOLATION_SAMPLES = 4;

/**
 * Volts at the pin for a mean ADC count: the ATmega's converter truncates (a count n stands for
 * n..n+1 LSB), so the middle of the counted bin is half a count up; the noise dithers the mean.
 */
function midpointVolts(meanCount: number, rig: FirmataRigDefinition): number {
  return (meanCount + 0.5) * adcVoltsPerCount(rig);
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** A request the rig cannot serve: the plan should have been refused before it started (plan-refusal.ts). */
export class CapabilityMissingError extends Error {
  constructor(what: string, rigId: string) {
    super(`rig ${rigId} (StandardFirmata continuity rig) cannot ${what}: it has no such hardware; its capabilities are ${[...FIRMATA_CAPABILITIES].join(', ')}`);
    this.name = 'CapabilityMissingError';
  }
}

export interface FirmataDriverOptions {
  rig: FirmataRigDefinition;
  board: five.Board;
  io: Firmata;
  /** Settle times and beeps run on this clock: the simulator's behind `sim`, the wall clock on a real port. */
  clock: Clock;
  where: string;
  /** Closes the board's port. */
  closePort: () => Promise<void>;
  /** The calibration date when not the rig file's (a simulated rig's factory calibration). */
  calDate?: number;
}

/**
 * A continuity and isolation rig on a stock Arduino running StandardFirmata, through johnny-five:
 * the host does what clampbench's own firmware does on the other rig (select a path, set the test
 * current, average the sense and shunt readings, judge open circuits), at the Firmata board's
 * resolution. Safety the board cannot enforce itself is the rig's hardware (the E-stop breaks the
 * current source's supply) and this driver's: the E-stop latches here until `resetAlarms`.
 */
export class FirmataDriver implements RigDriver {
  readonly identity: RigDriver['identity'];
  readonly calibration: RigDriver['calibration'];
  readonly capabilities = FIRMATA_CAPABILITIES;
  readonly maxPoles: number;
  readonly limits: RigDriver['limits'];
  readonly uncertaintyFigures: RigUncertaintyFigures;
  private readonly outputs: FirmataOutputs;
  private estopPressed = false;
  private estopLatched = false;
  private closed = false;
  /** Why the port went away under the driver (a pulled cable); the driver is finished then. */
  private linkLost: string | null = null;
  /** Aborted by an E-stop or a lost port: a running measurement stops at once. */
  private interrupt = new AbortController();

  /** Build the driver once the board has reported its E-stop input, so the first safety check sees the switch as it is. */
  static async create(options: FirmataDriverOptions): Promise<FirmataDriver> {
    const pin = options.rig.pins.estop;
    const firstReading = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Firmata board on ${options.where} did not report its E-stop input (pin ${pin}) within ${FIRST_INPUT_TIMEOUT_MS} ms`)), FIRST_INPUT_TIMEOUT_MS);
      options.io.once(`digital-read-${pin}`, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const driver = new FirmataDriver(options);
    await firstReading;
    return driver;
  }

  private constructor(private readonly options: FirmataDriverOptions) {
    const { rig, io, board } = options;
    const firmware = io.firmware;
    const name = (firmware.name ?? 'unknown firmware').replace(/\.ino$/i, '');
    const fwVersion = firmware.version ? `${firmware.version.major}.${firmware.version.minor}` : '?';
    this.identity = {
      rigId: rig.rigId,
      firmwareVersion: `${name} ${fwVersion}`,
      protocol: `Firmata ${io.version.major ?? '?'}.${io.version.minor ?? '?'}`,
      calDate: options.calDate ?? rig.calDate,
      where: options.where,
    };
    // The board keeps nothing of ours: the rig file holds the calibration, and there is no checksum to compare.
    this.calibration = { calDate: this.identity.calDate, intervalDays: rig.calibration.intervalDays, checksum: null };
    this.maxPoles = rig.poles;
    this.limits = { forceCapN: 0, capacityN: 0, maxCurrentA: rig.current.maxTestCurrentA };
    this.uncertaintyFigures = firmataUncertaintyFigures(rig);
    this.outputs = new FirmataOutputs(io, board, rig);
    this.outputs.allOff();
    // The Button sets the pin up (input, reporting on). NC contact to GND with the rig's external
    // pull-up (the MCU's own is lost through firmata.js, rig.yaml): HIGH is pressed, and a broken
    // wire reads as pressed too. The latch takes every raw reading rather than the Button's
    // 'press', which johnny-five debounces by 7 ms of wall time.
    new five.Button({ pin: rig.pins.estop, invert: false, board });
    io.on(`digital-read-${rig.pins.estop}`, (level: number) => this.onEstop(level !== 0));
  }

  /** Resolution of this rig's readings: one ADC count. */
  get resolution(): { dropMv: number; currentA: number } {
    return firmataResolution(this.options.rig);
  }

  async measureDrop(pole: number, currentA: number, samples: number): Promise<DropReading> {
    const during = `voltage drop on pole ${pole}`;
    this.requireUsable(during);
    this.checkPole(pole);
    const { rig, io, clock } = this.options;
    if (!(currentA > 0 && currentA <= rig.current.maxTestCurrentA)) {
      throw new RangeError(`${during}: test current ${currentA} A: allowed above 0 up to the rig's ${rig.current.maxTestCurrentA} A (rig file current.maxTestCurrentA)`);
    }
    const { duty, setpointA } = setpointDuty(rig, currentA);
    try {
      this.outputs.selectPaths(pole, null);
      await waitMs(clock, rig.relays.settleMs);
      this.outputs.setCurrentDuty(duty);
      await waitMs(clock, rig.current.settleMs);
      this.requireUsable(during);
      const means = await sampleChannels(io, [rig.pins.senseAdc, rig.pins.shuntAdc], samples, this.interrupt.signal, () => this.stopError(during));
      const shuntV = midpointVolts(means.get(rig.pins.shuntAdc) ?? 0, rig);
      const senseV = midpointVolts(means.get(rig.pins.senseAdc) ?? 0, rig);
      const actualA = shuntV / rig.current.shuntGain / (rig.current.shuntMilliohm / 1000);
      const dropMv = (senseV / rig.current.senseGain) * 1000;
      if (actualA < rig.current.openCircuitRatio * setpointA) return { open: true };
      // The decimals the clampbench firmware reports (VDROP: mv and mohm 4, currentA 3), finer than one ADC count.
      return { open: false, dropMv: round(dropMv, 4), currentA: round(actualA, 3), resistanceMilliohm: round(dropMv / actualA, 4) };
    } finally {
      this.outputs.allOff();
    }
  }

  async checkIsolation(poles: number): Promise<IsolationReading> {
    const during = `isolation check of ${poles} poles`;
    this.requireUsable(during);
    this.checkPole(poles);
    const { rig, io, clock } = this.options;
    const farChannels = rig.pins.farEndAdc.slice(0, poles);
    const thresholdCounts = (rig.isolation.thresholdV * rig.isolation.dividerRatio) / adcVoltsPerCount(rig);
    const farEndByPole: number[] = [];
    const shorted = new Set<string>();
    try {
      for (let drive = 1; drive <= poles; drive++) {
        this.outputs.selectPaths(null, drive);
        await waitMs(clock, rig.relays.settleMs);
        const means = await sampleChannels(io, farChannels, ISOLATION_SAMPLES, this.interrupt.signal, () => this.stopError(during));
        const reached = farChannels.flatMap((channel, k) => ((means.get(channel) ?? 0) > thresholdCounts ? [k + 1] : []));
        // The pole's own terminal when it is among those reached (a short shows as the others), else the lowest.
        farEndByPole.push(reached.includes(drive) ? drive : (reached[0] ?? 0));
        for (const terminal of reached) if (terminal !== farEndByPole[drive - 1]) shorted.add([drive, terminal].sort((a, b) => a - b).join('-'));
      }
    } finally {
      this.outputs.allOff();
    }
    const shortedPairs = [...shorted].map((pair) => pair.split('-').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return { farEndByPole, shortedPairs };
  }

  async pull(): Promise<PullReading> {
    throw new CapabilityMissingError('pull', this.identity.rigId);
  }

  async heatOn(): Promise<void> {
    throw new CapabilityMissingError('heat a pole (temperature rise)', this.identity.rigId);
  }

  async heatOff(): Promise<void> {
    this.outputs.allOff();
  }

  async readTemperatureC(): Promise<number> {
    throw new CapabilityMissingError('measure temperature', this.identity.rigId);
  }

  async readSafetyState(): Promise<SafetyState> {
    return { latchedAlarms: this.estopLatched ? [AlarmCode.ESTOP] : [], estopPressed: this.estopPressed, guardOpen: false };
  }

  async resetAlarms(): Promise<void> {
    if (this.estopPressed) throw new RigResetRefusedError(this.estopLatched ? [AlarmCode.ESTOP] : []);
    this.estopLatched = false;
    if (this.linkLost === null && this.interrupt.signal.aborted) this.interrupt = new AbortController();
  }

  /** Lamp off while a unit runs; at the end lamp on and `passBeeps` for PASS, lamp off and `failBeeps` otherwise. */
  async signalOutcome(outcome: Outcome | 'running'): Promise<void> {
    const { rig, clock } = this.options;
    const { lamp, buzzer } = this.outputs;
    if (outcome === 'running') {
      lamp.off();
      return;
    }
    const pass = outcome === 'PASS';
    if (pass) lamp.on();
    else lamp.off();
    const beeps = pass ? rig.signals.passBeeps : outcome === 'SKIPPED' ? 0 : rig.signals.failBeeps;
    for (let i = 0; i < beeps; i++) {
      if (i > 0) await waitMs(clock, rig.signals.beepMs);
      buzzer.high();
      await waitMs(clock, rig.signals.beepMs);
      buzzer.low();
    }
  }

  async makeSafe(): Promise<void> {
    if (this.closed) return;
    if (this.linkLost !== null) throw new Error(`cannot reach the Firmata board to make it safe: ${this.linkLost}; its E-stop and the current source's pull-down stay in force`);
    this.outputs.allOff();
    const stillOn = await this.outputs.confirmSafe();
    if (stillOn) throw new Error(`the Firmata board did not confirm the safe state: ${stillOn}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.linkLost === null) this.outputs.allOff();
    } finally {
      this.closed = true;
      await this.options.closePort();
    }
  }

  private onEstop(pressed: boolean): void {
    this.estopPressed = pressed;
    if (!pressed) return;
    this.estopLatched = true;
    this.interrupt.abort();
    // The hardware has already cut the current; the host opens every path as well.
    if (!this.closed && this.linkLost === null) this.outputs.allOff();
  }

  /** The port closed under the driver (`reason` says why): what runs stops as "link lost", nothing more is sent. */
  portLost(reason: string): void {
    this.linkLost ??= reason;
    this.interrupt.abort();
  }

  /** Why the running operation must stop: the lost port first (nothing can be sent), then the E-stop. */
  private stopError(during: string): Error {
    if (this.linkLost !== null) return new LinkClosedError(during, this.linkLost);
    return new RigAlarmError(AlarmCode.ESTOP, during);
  }

  /** Refuse while the port is gone or the E-stop is latched (the clampbench firmware answers ALARM_LOCKED then). */
  private requireUsable(during: string): void {
    if (this.closed) throw new Error(`${during}: the Firmata rig's port is closed`);
    if (this.linkLost !== null || this.estopLatched) throw this.stopError(during);
  }

  private checkPole(pole: number): void {
    if (!Number.isInteger(pole) || pole < 1 || pole > this.maxPoles) {
      throw new RangeError(`pole ${pole}: this rig switches poles 1..${this.maxPoles} (rig file poles)`);
    }
  }
}
