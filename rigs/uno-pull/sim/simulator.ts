import { FACTORY_CAL_DATE, factorySettings, settingsBlock } from './factory-settings.js';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADCMuxInputType, type ADCMuxInput } from 'avr8js';
import type { SerialUnitTruth, SimMode, SimulatedBoard } from '../../../host/shared/simulated-board.js';
import { loadRigDefinition, type RigDefinition } from '../rig-definition.js';
import { adcCounts } from './adc-counts.js';
import { exitLoopWordAddress } from './firmware-hang.js';
import { parseIntelHex } from './intel-hex.js';
import { ATMEGA328P_FLASH_BYTES } from './machine.js';
import { McuBoard, type McuBoardOptions } from './mcu-board.js';
import { McuRunner, type ResetCause, type SimStats } from './mcu-runner.js';
import { PinBoard } from './pins.js';
import type { DutTruth } from './dut-twin.js';
import { RigHardware, type SimEvent, type WorldSnapshot } from './rig-hardware.js';
import { populationUnit } from './population.js';
import { defaultScenarioFile, resolveScenarioForPoles, type Scenario } from './scenario.js';

export type { SimMode } from '../../../host/shared/simulated-board.js';
export type { SimStats } from './mcu-runner.js';

/** Where the firmware build puts the image. */
export { FACTORY_CAL_DATE } from './factory-settings.js';
export const defaultHexFile = fileURLToPath(new URL('../firmware/clampbench.hex', import.meta.url));

/** Line speed of the host link (PROTOCOL.md section 1). */
const HOST_BAUD = 115200;
/** The internal temperature sensor reads about 25 °C (avr8js's own default figure). */
const TEMPERATURE_SENSOR_V = 0.378125;

export interface SimulatorOptions extends McuBoardOptions {
  /** Rig definition or a path to one; default rigs/uno-pull/rig.yaml. */
  rig?: RigDefinition | string;
  /**
   * Calibration date in the rig's EEPROM at power-on (YYYYMMDD); default the scenario's rigCalibration.calDate,
   * else FACTORY_CAL_DATE. 0 is a rig that
   * was never calibrated; null leaves the EEPROM blank, as a freshly flashed board (the firmware stores its defaults).
   */
  calDate?: number | null;
}

/**
 * The Uno pull rig in software: the real firmware image running in avr8js, the rig's hardware on
 * its pins and a DUT twin behind them. Time is simulated time; tests drive it with runFor() and
 * at()/after(), the host transport with start()/stop().
 */
export class UnoPullSimulator extends McuBoard implements SimulatedBoard {
  readonly rig: RigDefinition;
  readonly scenario: Scenario;
  readonly mode: SimMode;
  readonly baud = HOST_BAUD;
  readonly stats: SimStats;

  protected readonly runner: McuRunner;
  private readonly pins = new PinBoard();
  private readonly hardware: RigHardware;

  constructor(options: SimulatorOptions = {}) {
    super();
    this.mode = options.mode ?? 'fast';
    this.rig = typeof options.rig === 'string' ? loadRigDefinition(options.rig) : options.rig ?? loadRigDefinition();
    this.scenario = resolveScenarioForPoles(options.scenario ?? defaultScenarioFile, this.rig.poles);
    this.runner = this.createRunner({
      clockHz: this.rig.board.clockHz,
      baud: HOST_BAUD,
      mode: this.mode,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      pins: this.pins,
      adcRead: (input, refV) => this.adcRead(input, refV),
      spiTransfer: (wireByte, spiMode) => {
        if (spiMode !== 0) this.warnOnce(`spi-mode-${spiMode}`, `SPI mode ${spiMode}: the rig's devices expect mode 0`);
        return this.hardware.spi.transfer(wireByte);
      },
    });
    this.stats = this.runner.stats;
    this.hardware = new RigHardware({
      rig: this.rig,
      scenario: this.scenario,
      ...(options.unitSeed === undefined ? {} : { unitSeed: checkUnitSeed(options.unitSeed) }),
      pins: this.pins,
      nowMs: () => this.timeMs,
      onEvent: (event) => this.emit('event', event),
    });
    this.scheduleWorld();
    const calDate = options.calDate === undefined ? (this.scenario.rigCalibration.calDate ?? FACTORY_CAL_DATE) : options.calDate;
    if (calDate !== null) {
      const settings = factorySettings(this.rig, calDate);
      // A span changed since the calibration: the stored checksum no longer matches countsPerN.
      if (this.scenario.rigCalibration.checksum === 'mismatch') settings.countsPerN = Number(settings.countsPerN) * 1.01;
      this.runner.programEeprom(settingsBlock(settings));
    }
    const hexPath = options.hexPath === undefined ? defaultHexFile : options.hexPath;
    if (hexPath !== null) {
      if (!existsSync(hexPath)) throw new Error(`firmware image ${hexPath} not found (build it, or pass hexPath: null and call load())`);
      this.load(readFileSync(hexPath, 'utf8'));
    }
  }

  /** Load a firmware image (Intel HEX text) and power the MCU up with it. */
  load(hexText: string): void {
    this.runner.load(parseIntelHex(hexText, ATMEGA328P_FLASH_BYTES));
  }

  /** The simulated world right now (a copy; changing it changes nothing). */
  get world(): WorldSnapshot {
    return this.hardware.snapshot();
  }

  /** What the unit in the rig really is: per pole the drawn parameters, far end and shorts (a copy). */
  get dutTruth(): DutTruth {
    return this.hardware.twin.truth();
  }

  /**
   * The operator takes the tested unit out and puts the next one in: a fresh DUT twin drawn with
   * this unit seed, conductors fully in their clamps, every pole at ambient. The MCU keeps
   * running (no reset), so the firmware sees what it would on a real bench. Throws when the
   * carriage is out far enough to stretch the new conductor.
   */
  replaceDut(unitSeed: number): void {
    this.hardware.replaceDut(checkUnitSeed(unitSeed));
  }

  /**
   * The operator takes pole p's conductor out and inserts it again, and how it sits shifts the pole's contact
   * resistance by `shiftMilliohm` from the unit's own (a gauge R&R study's operator effect). Kept until the next
   * shift or replaceDut(); dutTruth shows the shifted figure.
   */
  shiftContactResistance(pole: number, shiftMilliohm: number): void {
    this.hardware.shiftContactResistance(pole, shiftMilliohm);
  }

  /**
   * A population scenario: the operator puts in the unit with this serial number (replaceDut with
   * the serial's unit seed and defect, drawn from the population seed and the serial) and the
   * unit's truth comes back with the serial. Without a population: null, and the unit stays.
   */
  mountSerial(serial: string): (DutTruth & SerialUnitTruth) | null {
    const population = this.scenario.population;
    if (!population) return null;
    const unit = populationUnit(population, this.scenario.poles, serial);
    this.hardware.replaceDut(unit.unitSeed, unit.defect);
    return { serial, populationSeed: population.seed, ...this.dutTruth };
  }

  /** The event log (E-stop, relays, DAC, current, pull-out, resets, warnings), oldest first. */
  get events(): readonly SimEvent[] {
    return this.hardware.events;
  }

  /**
   * Fault: the firmware hangs, as one that runs into avr-libc's `_exit` (interrupts off, a jump to
   * itself). Simulated time goes on, but nothing is received, answered or switched any more; outputs
   * (current source, relays, motor enable) keep their last state. A reset ends it. Takes effect at
   * the end of the running slice (within 2 ms of simulated time).
   */
  hangFirmware(): void {
    const cpu = this.runner.machine.cpu;
    const exitWord = exitLoopWordAddress(cpu.progMem);
    this.after(0, () => {
      if (this.runner.machineOrNull?.cpu === cpu) cpu.pc = exitWord;
      this.hardware.log('hang', `firmware jumped to _exit (word 0x${exitWord.toString(16)})`);
    });
  }

  /** A copy of the rig's EEPROM as it is now (settings, latched alarms): to power another simulator up with it. */
  readEeprom(): Uint8Array {
    return this.runner.readEeprom();
  }

  /**
   * Write bytes into the EEPROM from `address`. Before load() (construct with hexPath: null) this is
   * what the board holds at power-on, e.g. readEeprom() of another simulator: a power cycle.
   */
  programEeprom(bytes: Uint8Array, address = 0): void {
    this.runner.programEeprom(bytes, address);
  }

  setEstop(pressed: boolean): void {
    this.hardware.setEstop(pressed);
  }

  setGuardOpen(open: boolean): void {
    this.hardware.setGuardOpen(open);
  }

  /** From now on the load cell reads `scale` × the true force + `offsetN` (a scenario's loadCellFault, at a moment a test picks). */
  setLoadCellFault(offsetN: number, scale = 1): void {
    this.hardware.applyFault({ atMs: this.timeMs, kind: 'loadCellFault', offsetN, scale });
  }

  /** Calibration: hang a known weight on the load cell (its force in N), 0 to take it off. */
  setDeadWeight(forceN: number): void {
    this.hardware.deadWeightN = forceN;
  }

  /** Calibration: wire a reference resistor (mΩ) to a rig pole in place of the DUT's, null to take it off. */
  setReferenceResistor(pole: number, milliohm: number | null): void {
    if (milliohm === null) this.hardware.referenceOhm.delete(pole);
    else this.hardware.referenceOhm.set(pole, milliohm / 1000);
  }

  /** Say which pole's conductor the puller grips (null = follow scenario / Kelvin selection). */
  setMountedPole(pole: number | null): void {
    this.hardware.mountedPoleOverride = pole;
  }

  /** HX711 conversions and scenario faults run in simulated time, through resets. */
  private scheduleWorld(): void {
    const conversionCycles = Math.round(this.rig.board.clockHz / this.rig.loadCell.rateHz);
    const convert = (atCycles: number): void => {
      this.runner.scheduler.schedule(atCycles, () => {
        this.hardware.hx711Conversion();
        convert(atCycles + conversionCycles);
      });
    };
    convert(conversionCycles);
    for (const fault of this.scenario.faults) {
      if (fault.kind !== 'unplug' && fault.kind !== 'reset') this.at(fault.atMs, () => this.hardware.applyFault(fault));
      else this.scheduleBoardFault(fault);
    }
  }

  private adcRead(input: ADCMuxInput, refV: number): number {
    if (Math.abs(refV - this.rig.current.adcRefV) > 1e-9) {
      this.warnOnce('adc-ref', `ADC reference ${refV} V: the rig's analog front ends are scaled for ${this.rig.current.adcRefV} V`);
    }
    let volts = 0;
    if (input.type === ADCMuxInputType.SingleEnded) {
      const lsbV = this.rig.current.adcRefV / 1024;
      volts = this.hardware.adcVolts(input.channel) + this.hardware.adcNoise.gaussian(this.scenario.noise.adcLsb * lsbV);
    } else if (input.type === ADCMuxInputType.Constant) {
      volts = input.voltage;
    } else if (input.type === ADCMuxInputType.Temperature) {
      volts = TEMPERATURE_SENSOR_V;
    }
    return adcCounts(volts, refV);
  }

  protected logEvent(kind: string, detail: string): void {
    this.hardware.log(kind, detail);
  }
}

function checkUnitSeed(unitSeed: number): number {
  if (!Number.isInteger(unitSeed) || unitSeed < 0) throw new RangeError(`unitSeed ${unitSeed}: expected an integer >= 0`);
  return unitSeed;
}
