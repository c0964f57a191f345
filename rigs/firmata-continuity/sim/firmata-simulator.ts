import { readFileSync } from 'node:fs';
import { ADCMuxInputType, type ADCMuxInput } from 'avr8js';
import type { CreateSimulatedBoard, SimMode, SimulatedBoard } from '../../../host/shared/simulated-board.js';
import { adcCounts } from '../../uno-pull/sim/adc-counts.js';
import type { DutTruth } from '../../uno-pull/sim/dut-twin.js';
import { parseIntelHex } from '../../uno-pull/sim/intel-hex.js';
import { ATMEGA328P_FLASH_BYTES } from '../../uno-pull/sim/machine.js';
import { McuBoard, type McuBoardOptions } from '../../uno-pull/sim/mcu-board.js';
import { McuRunner, type ResetCause, type SimStats } from '../../uno-pull/sim/mcu-runner.js';
import { PinBoard } from '../../uno-pull/sim/pins.js';
import { FACTORY_CAL_DATE } from '../../uno-pull/sim/factory-settings.js';
import type { SimEvent } from '../../uno-pull/sim/rig-hardware.js';
import { defaultScenarioFile, resolveScenarioForPoles, type Scenario } from '../../uno-pull/sim/scenario.js';
import { loadFirmataRigDefinition, type FirmataRigDefinition } from '../rig-definition.js';
import { FirmataRigHardware } from './firmata-rig-hardware.js';
import type { IndicatorChange } from './indicator.js';
import { pwmDuty } from './pwm-duty.js';
import { cachedStandardFirmataHexFile, standardFirmataCacheDir, standardFirmataHexFile } from './standard-firmata-hex.js';

/** What no Firmata-rig hardware answers on the SPI bus (nothing is wired to it): MISO idles high. */
const SPI_IDLE_BYTE = 0xff;

/** hexPath: default the cached StandardFirmata image (see standardFirmataHexFile()). */
export interface FirmataSimulatorOptions extends McuBoardOptions {
  /** Rig definition or a path to one; default rigs/firmata-continuity/rig.yaml. */
  rig?: FirmataRigDefinition | string;
  /**
   * The simulated rig's calibration date (YYYYMMDD, 0 = never); default the simulated factory calibration
   * (FACTORY_CAL_DATE, the first of the current month) instead of the rig file's, which is the real rig's.
   */
  calDate?: number;
}

/**
 * The Firmata continuity rig in software: the real StandardFirmata image running in avr8js, the
 * rig's relays, current source, amplifiers, dividers, E-stop, lamp and buzzer on its pins, and
 * the DUT twin of the Uno pull rig's scenarios behind them. Serve it on a `sim` port with
 * `openTransport(port, { baudRate: 57600, createSimulator: createFirmataSimulator })`.
 */
export class FirmataSimulator extends McuBoard implements SimulatedBoard {
  readonly rig: FirmataRigDefinition;
  /** The simulated rig's calibration date (YYYYMMDD, 0 = never). */
  readonly calDate: number;
  readonly scenario: Scenario;
  readonly mode: SimMode;
  readonly baud: number;
  readonly stats: SimStats;

  protected readonly runner: McuRunner;
  private readonly pins = new PinBoard();
  private readonly hardware: FirmataRigHardware;

  /** A simulator with the StandardFirmata image fetched into the cache first if needed. */
  static async create(options: Omit<FirmataSimulatorOptions, 'hexPath'> = {}): Promise<FirmataSimulator> {
    return new FirmataSimulator({ ...options, hexPath: await standardFirmataHexFile() });
  }

  constructor(options: FirmataSimulatorOptions = {}) {
    super();
    this.mode = options.mode ?? 'fast';
    this.rig = typeof options.rig === 'string' ? loadFirmataRigDefinition(options.rig) : options.rig ?? loadFirmataRigDefinition();
    this.calDate = options.calDate ?? FACTORY_CAL_DATE;
    this.baud = this.rig.board.baud;
    this.scenario = resolveScenarioForPoles(options.scenario ?? defaultScenarioFile, this.rig.poles);
    this.runner = this.createRunner({
      clockHz: this.rig.board.clockHz,
      baud: this.baud,
      mode: this.mode,
      pins: this.pins,
      adcRead: (input, refV) => this.adcRead(input, refV),
      spiTransfer: () => SPI_IDLE_BYTE,
    });
    this.stats = this.runner.stats;
    this.hardware = new FirmataRigHardware({
      rig: this.rig,
      scenario: this.scenario,
      ...(options.unitSeed === undefined ? {} : { unitSeed: options.unitSeed }),
      pins: this.pins,
      nowMs: () => this.timeMs,
      setpointDuty: () => {
        const machine = this.runner.machineOrNull;
        return machine ? pwmDuty(machine.cpu, this.rig.pins.currentSetpoint) : 0;
      },
      onEvent: (event) => this.emit('event', event),
    });
    this.scheduleFaults();
    const hexPath = options.hexPath === undefined ? cachedStandardFirmataHexFile() : options.hexPath;
    if (options.hexPath === undefined && hexPath === null) {
      throw new Error(
        `the StandardFirmata image is not in the cache (${standardFirmataCacheDir()}): call await standardFirmataHexFile() first ` +
          '(it fetches it), or make the simulator with await FirmataSimulator.create()',
      );
    }
    if (hexPath !== null) this.load(readFileSync(hexPath, 'utf8'));
  }

  /** Load a firmware image (Intel HEX text) and power the MCU up with it. */
  load(hexText: string): void {
    this.runner.load(parseIntelHex(hexText, ATMEGA328P_FLASH_BYTES));
  }

  /** Which relays are closed now, index k = pole k+1 (copies). */
  get relays(): { kelvin: boolean[]; iso: boolean[] } {
    return { kelvin: [...this.hardware.kelvinClosed], iso: [...this.hardware.isoClosed] };
  }

  /** Current through the test loop now. */
  get currentA(): number {
    return this.hardware.currentA();
  }

  /** Volts at the current source's control input (PWM duty × 5 V after the RC filter). */
  get setpointV(): number {
    return this.hardware.setpointV;
  }

  /** Volts at ADC channel 0..5 now, before ADC noise: what a perfect converter would read. */
  analogInputV(channel: number): number {
    return this.hardware.adcVolts(channel);
  }

  get lampOn(): boolean {
    return this.hardware.lamp.on;
  }

  /** Every lamp change with its simulated time, oldest first. */
  get lampChanges(): readonly IndicatorChange[] {
    return this.hardware.lamp.changes;
  }

  /** The buzzer now: on or off, how many times it switched, how long it has sounded. */
  get buzzer(): { on: boolean; edges: number; onMs: number } {
    const { buzzer } = this.hardware;
    return { on: buzzer.on, edges: buzzer.edges, onMs: buzzer.onMs(this.timeMs) };
  }

  get estopPressed(): boolean {
    return this.hardware.estopPressed;
  }

  /** What the unit in the rig really is: per pole the drawn parameters, far end and shorts (a copy). */
  get dutTruth(): DutTruth {
    return this.hardware.truth();
  }

  /** The event log (relays, E-stop, lamp, buzzer, driver faults, resets, USB, warnings), oldest first. */
  get events(): readonly SimEvent[] {
    return this.hardware.events;
  }

  /** Press (true) or release (false) the E-stop. */
  setEstop(pressed: boolean): void {
    this.hardware.setEstop(pressed);
  }

  /** Scenario faults this rig has hardware for run in simulated time; the others are named once and ignored. */
  private scheduleFaults(): void {
    const ignored = new Set<string>();
    for (const fault of this.scenario.faults) {
      if (fault.kind === 'estop') this.at(fault.atMs, () => this.setEstop(fault.pressed));
      else if (!this.scheduleBoardFault(fault)) ignored.add(fault.kind);
    }
    if (ignored.size > 0) {
      this.warnOnce('faults', `scenario faults ignored, the Firmata rig has no hardware for them: ${[...ignored].join(', ')}`);
    }
  }

  private adcRead(input: ADCMuxInput, refV: number): number {
    if (Math.abs(refV - this.rig.adc.refV) > 1e-9) {
      this.warnOnce('adc-ref', `ADC reference ${refV} V: the rig's analog front ends are scaled for ${this.rig.adc.refV} V`);
    }
    if (input.type === ADCMuxInputType.Constant) return adcCounts(input.voltage, refV);
    if (input.type !== ADCMuxInputType.SingleEnded) return 0;
    // scenario.noise.adcLsb is in LSB of the converter that reads it: here 5 V / 1024.
    const lsbV = this.rig.adc.refV / 2 ** this.rig.adc.bits;
    return adcCounts(this.hardware.adcVolts(input.channel) + this.hardware.adcNoise.gaussian(this.scenario.noise.adcLsb * lsbV), refV);
  }

  protected logEvent(kind: string, detail: string): void {
    this.hardware.log(kind, detail);
  }
}

/** For openTransport's createSimulator: a FirmataSimulator on the default rig file (the image must be cached: await standardFirmataHexFile() first). */
export const createFirmataSimulator: CreateSimulatedBoard<FirmataSimulator> = (scenarioFile, mode) =>
  new FirmataSimulator({ mode, ...(scenarioFile === undefined ? {} : { scenario: scenarioFile }) });
