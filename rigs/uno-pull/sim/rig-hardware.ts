import { mmPerStep, type RigDefinition } from '../rig-definition.js';
import { analogInputVolts } from './analog-inputs.js';
import { DutTwin } from './dut-twin.js';
import type { UnitDefect } from './population.js';
import { actualCurrentA, singleSelectedPole } from './models/current-source.js';
import { Mcp4921 } from './models/dac.js';
import { Hx711 } from './models/hx711.js';
import { SeededRandom } from '../../../host/shared/seeded-random.js';
import { ShiftRegisterChain } from './models/shift-register.js';
import { SpiBus, type SpiSlave } from './models/spi-bus.js';
import { Stepper } from './models/stepper.js';
import { Max31855, type Max31855Reading } from './models/thermocouple.js';
import type { PinBoard } from './pins.js';
import type { Scenario, WorldFault } from './scenario.js';

/** One entry of the simulator's event log. */
export interface SimEvent {
  timeMs: number;
  kind: string;
  detail: string;
}

/** Read-only picture of the simulated world at one instant. */
export interface WorldSnapshot {
  timeMs: number;
  posMm: number;
  /** Pulses that moved the carriage (net position is posMm). */
  stepCount: number;
  blockedSteps: number;
  /** Sim time of the last STEP rising edge (moved or not), null if none yet. */
  lastStepPulseMs: number | null;
  /** Sim time of the last STEP pulse that moved the carriage. */
  lastMoveMs: number | null;
  motorEnabled: boolean;
  dirPull: boolean;
  atHome: boolean;
  /** True force on the conductor (before load-cell faults and noise). */
  forceN: number;
  grippedPole: number;
  poles: { pole: number; slipMm: number; pulledOut: boolean; pullOutForceN: number; temperatureC: number }[];
  kelvinMask: number;
  isoDriveMask: number;
  muxByte: number;
  dacCode: number;
  currentSetpointA: number;
  currentEnabled: boolean;
  actualCurrentA: number;
  estopPressed: boolean;
  guardOpen: boolean;
  thermocoupleOpen: boolean;
  hx711Conversions: number;
  hx711Reads: number;
}

export interface RigHardwareOptions {
  rig: RigDefinition;
  scenario: Scenario;
  /** Which unit of the scenario's population is mounted first (default: the scenario's). */
  unitSeed?: number;
  pins: PinBoard;
  /** Simulated time since power-on. */
  nowMs: () => number;
  onEvent: (event: SimEvent) => void;
}

/**
 * Hard mechanical stops of the carriage relative to home (hardware contract; not in rig.yaml
 * because the firmware never uses them: they only bound what a runaway motor can do).
 */
const HARD_STOP_BEHIND_HOME_MM = 0.5;
const HARD_STOP_BEYOND_TRAVEL_MM = 1;

/** How many log entries to keep; enough for a whole pull test's notable events. */
const EVENT_LOG_LIMIT = 5000;

/**
 * The rig's hardware on the MCU pins (stepper, HX711, relay chain, DAC + current source,
 * MAX31855, switches, analog front ends) with the DUT twin behind it. Everything that depends
 * on elapsed time is brought up to date (sync) before any state change, so the physics sees
 * each interval with the conditions that really held during it.
 */
export class RigHardware {
  /** The unit in the rig; replaced by replaceDut(). */
  twin: DutTwin;
  readonly stepper: Stepper;
  readonly hx711: Hx711;
  readonly relays: ShiftRegisterChain;
  readonly dac: Mcp4921;
  readonly thermo: Max31855;
  readonly spi: SpiBus;
  readonly events: SimEvent[] = [];

  currentEnabled = false;
  estopPressed = false;
  guardOpen = false;
  thermocoupleOpen = false;
  loadCellOffsetN = 0;
  loadCellScale = 1;
  /** A known weight hung on the load cell (calibration): its force adds to the conductor's. */
  deadWeightN = 0;
  /**
   * Reference resistors wired to rig poles in place of a DUT pole, Ω by pole: the check standard on its pole
   * from power-on, and those a calibration connects for its resistance check.
   */
  readonly referenceOhm = new Map<number, number>();
  lastStepPulseMs: number | null = null;
  lastMoveMs: number | null = null;
  grippedPole: number;
  /** Set by tests (an operator moving the grip to another pole); wins over scenario and relays. */
  mountedPoleOverride: number | null = null;

  private readonly rig: RigDefinition;
  private readonly scenario: Scenario;
  private readonly pins: PinBoard;
  private readonly nowMs: () => number;
  private readonly onEvent: (event: SimEvent) => void;
  private readonly forceNoise: SeededRandom;
  readonly adcNoise: SeededRandom;
  private readonly tareCounts: number;
  private readonly countsPerN: number;
  private lastSyncMs = 0;

  constructor(options: RigHardwareOptions) {
    const { rig, scenario, pins } = options;
    this.rig = rig;
    this.scenario = scenario;
    this.pins = pins;
    this.nowMs = options.nowMs;
    this.onEvent = options.onEvent;
    this.twin = new DutTwin(scenario, options.unitSeed);
    // Separate streams so that, e.g., an extra ADC read does not change the force noise.
    this.forceNoise = new SeededRandom(scenario.noise.seed);
    this.adcNoise = new SeededRandom(scenario.noise.seed + 0x51);
    this.tareCounts = scenario.loadCell.tareCounts ?? rig.loadCell.defaultTareCounts;
    this.countsPerN = scenario.loadCell.countsPerN ?? rig.loadCell.defaultCountsPerN;
    this.grippedPole = scenario.mountedPole ?? 1;
    const standard = rig.calibration.checkStandard;
    // Wired to a pole no DUT pole uses; a DUT with that many poles takes its place.
    if (standard.pole > scenario.poles) this.referenceOhm.set(standard.pole, (scenario.checkStandard.milliohm ?? standard.milliohm) / 1000);

    this.stepper = new Stepper({ mmPerStep: mmPerStep(rig), minPosMm: -HARD_STOP_BEHIND_HOME_MM, maxPosMm: rig.motion.travelMm + HARD_STOP_BEYOND_TRAVEL_MM });
    this.hx711 = new Hx711((high) => pins.driveInput(rig.pins.loadCellData, high));
    this.relays = new ShiftRegisterChain(rig.relays.chainBytes);
    const warn = (message: string): void => this.log('warning', message);
    this.dac = new Mcp4921(rig.current.dacFullScaleA, warn);
    this.thermo = new Max31855(() => this.thermoReading());
    this.spi = new SpiBus(this.relays, warn);
    this.wirePins();
  }

  private wirePins(): void {
    const { pins, rig } = this;
    const p = rig.pins;
    // Inputs idle: E-stop and guard NC contacts closed (LOW), carriage at 0 so home LOW.
    pins.driveInput(p.estop, false);
    pins.driveInput(p.guard, false);
    pins.driveInput(p.home, false);
    // Floating levels = what the board's pull resistors give before the firmware drives a pin:
    // driver disabled, current source off, chip selects deselected.
    pins.watchOutput(p.step, false, (high) => {
      if (high) this.stepRising();
    });
    pins.watchOutput(p.dir, false, () => undefined);
    pins.watchOutput(p.motorEnable, true, (high) => this.log('motorEnable', high ? 'disabled' : 'enabled'));
    pins.watchOutput(p.loadCellClock, false, (high) => {
      if (high) this.hx711.clockRising();
    });
    pins.watchOutput(p.currentEnable, false, (high) => {
      this.sync();
      this.currentEnabled = high;
      this.log('currentEnable', high ? 'on' : 'off');
    });
    pins.watchOutput(p.relayLatch, false, (high) => {
      if (!high) return;
      this.sync();
      const out = this.relays.latch();
      this.log('relays', `kelvin=0x${hex2(out.kelvinMask)} isoDrive=0x${hex2(out.isoDriveMask)} mux=0x${hex2(out.muxByte)}`);
    });
    pins.watchOutput(p.thermoCs, true, (high) => this.spi.setSelected(this.thermo, !high));
    const dacSlave: SpiSlave = {
      select: () => this.dac.select(),
      transfer: (byte) => this.dac.transfer(byte),
      deselect: () => {
        this.sync();
        if (this.dac.deselect()) this.log('dac', `code=${this.dac.code} setpointA=${this.dac.setpointA.toFixed(3)}`);
      },
    };
    pins.watchOutput(p.dacCs, true, (high) => this.spi.setSelected(dacSlave, !high));
  }

  log(kind: string, detail: string): void {
    const event = { timeMs: this.nowMs(), kind, detail };
    this.events.push(event);
    if (this.events.length > EVENT_LOG_LIMIT) this.events.splice(0, this.events.length - EVENT_LOG_LIMIT);
    this.onEvent(event);
  }

  /** Bring time-dependent physics (creep, heating) up to now. */
  sync(): void {
    const now = this.nowMs();
    const dtS = (now - this.lastSyncMs) / 1000;
    if (dtS <= 0) return;
    this.twin.advance(dtS, this.grippedPole, this.stepper.posMm, singleSelectedPole(this.relays.outputs.kelvinMask), this.actualCurrentA);
    this.lastSyncMs = now;
  }

  get actualCurrentA(): number {
    return actualCurrentA({
      enabled: this.currentEnabled,
      setpointA: this.dac.setpointA,
      gainError: this.scenario.currentSource.gainError,
      complianceV: this.rig.current.complianceV,
      kelvinMask: this.relays.outputs.kelvinMask,
      loopResistanceOhm: (pole) => {
        const pathOhm = this.referenceOhm.get(pole) ?? this.twin.kelvinPathOhm(pole);
        return pathOhm === null ? null : pathOhm + this.scenario.currentSource.loopOhm;
      },
    });
  }

  /** True force on the gripped conductor. */
  get forceN(): number {
    return this.twin.pole(this.grippedPole)?.conductor.forceAt(this.stepper.posMm) ?? 0;
  }

  private stepRising(): void {
    this.sync();
    const now = this.nowMs();
    this.lastStepPulseMs = now;
    const enabled = !this.pins.outputLevel(this.rig.pins.motorEnable);
    const pull = this.pins.outputLevel(this.rig.pins.dir);
    this.regrip();
    if (!this.stepper.pulse(enabled, pull)) return;
    this.lastMoveMs = now;
    const conductor = this.twin.pole(this.grippedPole)?.conductor;
    if (conductor?.moved(this.stepper.posMm)) {
      this.log('pullOut', `pole=${this.grippedPole} forceN=${conductor.pullOutForceN.toFixed(2)} posMm=${this.stepper.posMm.toFixed(4)}`);
    }
    this.pins.driveInput(this.rig.pins.home, this.stepper.posMm > 0);
  }

  /**
   * Which conductor the puller holds. Re-decided only while the conductor is slack (no force
   * can jump): the test's override, else the scenario's mounted pole, else the single
   * Kelvin-selected pole (the firmware selects the pole before PULL), else pole 1.
   */
  private regrip(): void {
    const held = this.twin.pole(this.grippedPole);
    if (held && !held.conductor.pulledOut && held.conductor.forceAt(this.stepper.posMm) > 0) return;
    const selected = singleSelectedPole(this.relays.outputs.kelvinMask);
    const next = this.mountedPoleOverride ?? this.scenario.mountedPole ?? (selected === 0 ? 1 : selected);
    if (next !== this.grippedPole) {
      this.grippedPole = next;
      this.log('grip', `pole=${next}`);
    }
  }

  /**
   * The operator swaps the unit: the old one's physics is brought up to now, then a fresh unit
   * (new spread draw, conductors fully in, every pole at ambient) takes its place. Refused while
   * the carriage is out far enough to stretch the new conductor: nobody swaps a unit mid-pull,
   * and the new conductor would appear already under tension.
   */
  replaceDut(unitSeed: number, defect: UnitDefect | null = null): void {
    this.sync();
    const next = new DutTwin(this.scenario, unitSeed, defect);
    const tensionN = next.pole(this.grippedPole)?.conductor.forceAt(this.stepper.posMm) ?? 0;
    if (tensionN > 0) {
      throw new Error(`replaceDut: the carriage at ${this.stepper.posMm.toFixed(3)} mm would stretch the new conductor (${tensionN.toFixed(1)} N); return home first`);
    }
    this.twin = next;
    this.log('dut', `replaced unitSeed=${next.unitSeed}${defect ? ` defect=${defect.kind} poles=${defect.poles.join('-')}` : ''}`);
  }

  /** Pole p's conductor re-inserted, its contact resistance shifted from the unit's own (DutTwin.shiftContactResistance). */
  shiftContactResistance(pole: number, shiftMilliohm: number): void {
    this.sync();
    this.twin.shiftContactResistance(pole, shiftMilliohm);
    this.log('dut', `pole ${pole} re-inserted: contact resistance ${shiftMilliohm >= 0 ? '+' : ''}${shiftMilliohm.toFixed(4)} mΩ from the unit's own`);
  }

  /** A conversion of the HX711 (called every 1/rateHz of sim time). */
  hx711Conversion(): void {
    this.sync();
    const cellForceN = (this.forceN + this.deadWeightN) * this.loadCellScale + this.loadCellOffsetN;
    const noiseN = this.forceNoise.gaussian(this.scenario.noise.forceN);
    this.hx711.conversionReady(this.tareCounts + (cellForceN + noiseN) * this.countsPerN);
  }

  /** Analog voltage at an ADC channel pin, noise-free. */
  adcVolts(channel: number): number {
    const { rig, scenario, twin, referenceOhm } = this;
    return analogInputVolts(channel, { rig, scenario, twin, outputs: this.relays.outputs, referenceOhm, currentA: () => this.actualCurrentA });
  }

  /** What the MAX31855 measures: the single Kelvin-selected pole, else the ambient air. */
  thermoReading(): Max31855Reading {
    this.sync();
    const pole = this.twin.pole(singleSelectedPole(this.relays.outputs.kelvinMask));
    const ambientC = this.scenario.ambientC;
    return { thermocoupleC: pole?.thermal.temperatureC ?? ambientC, internalC: ambientC, open: this.thermocoupleOpen, shortToGnd: false, shortToVcc: false };
  }

  setEstop(pressed: boolean): void {
    this.estopPressed = pressed;
    this.pins.driveInput(this.rig.pins.estop, pressed);
    this.log('estop', pressed ? 'pressed' : 'released');
  }

  setGuardOpen(open: boolean): void {
    this.guardOpen = open;
    this.pins.driveInput(this.rig.pins.guard, open);
    this.log('guard', open ? 'open' : 'closed');
  }

  applyFault(fault: WorldFault): void {
    switch (fault.kind) {
      case 'estop':
        this.setEstop(fault.pressed);
        break;
      case 'guard':
        this.setGuardOpen(fault.open);
        break;
      case 'thermocoupleOpen':
        this.thermocoupleOpen = fault.open;
        this.log('thermocoupleOpen', String(fault.open));
        break;
      case 'loadCellFault':
        this.loadCellOffsetN = fault.offsetN;
        this.loadCellScale = fault.scale;
        this.log('loadCellFault', `offsetN=${fault.offsetN} scale=${fault.scale}`);
        break;
    }
  }

  snapshot(): WorldSnapshot {
    this.sync();
    const out = this.relays.outputs;
    return {
      timeMs: this.nowMs(),
      posMm: this.stepper.posMm,
      stepCount: this.stepper.stepCount,
      blockedSteps: this.stepper.blockedSteps,
      lastStepPulseMs: this.lastStepPulseMs,
      lastMoveMs: this.lastMoveMs,
      motorEnabled: !this.pins.outputLevel(this.rig.pins.motorEnable),
      dirPull: this.pins.outputLevel(this.rig.pins.dir),
      atHome: this.stepper.posMm <= 0,
      forceN: this.forceN,
      grippedPole: this.grippedPole,
      poles: this.twin.poles.map((p) => ({
        pole: p.pole,
        slipMm: p.conductor.slipMm,
        pulledOut: p.conductor.pulledOut,
        pullOutForceN: p.conductor.pullOutForceN,
        temperatureC: p.thermal.temperatureC,
      })),
      kelvinMask: out.kelvinMask,
      isoDriveMask: out.isoDriveMask,
      muxByte: out.muxByte,
      dacCode: this.dac.code,
      currentSetpointA: this.dac.setpointA,
      currentEnabled: this.currentEnabled,
      actualCurrentA: this.actualCurrentA,
      estopPressed: this.estopPressed,
      guardOpen: this.guardOpen,
      thermocoupleOpen: this.thermocoupleOpen,
      hx711Conversions: this.hx711.conversions,
      hx711Reads: this.hx711.readsCompleted,
    };
  }
}

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}
