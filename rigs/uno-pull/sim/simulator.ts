import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { avrInstruction, ADCMuxInputType, EEPROMMemoryBackend, type ADCMuxInput, type AVRUSART } from 'avr8js';
import { FileValidationError, describeIssues } from '../../../host/config/validation-error.js';
import { loadRigDefinition, type RigDefinition } from '../rig-definition.js';
import { exitLoopWordAddress } from './firmware-hang.js';
import { parseIntelHex } from './intel-hex.js';
import { ATMEGA328P_FLASH_BYTES, Machine } from './machine.js';
import { PinBoard } from './pins.js';
import type { DutTruth } from './dut-twin.js';
import { RigHardware, type SimEvent, type WorldSnapshot } from './rig-hardware.js';
import { defaultScenarioFile, loadScenario, scenarioSchemaFor, type Scenario } from './scenario.js';
import { SimScheduler, type TimerHandle } from './scheduler.js';

/** Where the firmware build puts the image. */
export const defaultHexFile = fileURLToPath(new URL('../firmware/clampbench.hex', import.meta.url));

/** Line speed of the host link (PROTOCOL.md section 1). */
const HOST_BAUD = 115200;
/** Bits per character on the wire at 8N1. */
const BITS_PER_CHAR = 10;
/** The UART's clock divider cannot hit 115200 exactly (U2X: 117647, +2.1 %); beyond this a real link garbles. */
const BAUD_TOLERANCE = 0.03;
/** ATmega328P EEPROM size. */
const EEPROM_BYTES = 1024;
/** The internal temperature sensor reads about 25 °C (avr8js's own default figure). */
const TEMPERATURE_SENSOR_V = 0.378125;
/** Simulated time between yields to the event loop, so serial I/O and test timers keep flowing. */
const FAST_SLICE_MS = 2;
/** In realtime mode, never try to catch up more than this in one go (after a stall, resync instead). */
const REALTIME_MAX_CATCH_UP_MS = 100;
/** In realtime mode, hand device bytes over at least this often in simulated time (a 115200 character is 0.087 ms). */
const REALTIME_FLUSH_MS = 0.1;
/**
 * In realtime mode, poll the wall clock without sleeping until this long after the host's last
 * byte: long enough for the longest reply (INFO, ~215 characters = 19 ms). Output the device
 * starts on its own (samples, alarms) waits for the next 1 ms tick instead: polling through a
 * whole pull would take a core from the host.
 */
const REALTIME_ACTIVE_MS = 25;
/** In realtime mode, run at most this much simulated time between yields, so I/O and host timers keep flowing while it catches up. */
const REALTIME_MAX_STEP_MS = 5;

/**
 * Bound once for the hot loop: vitest's module transform turns every use of an import into a property
 * read on the module's namespace, which per instruction cost half the simulation's wall time.
 */
const executeInstruction = avrInstruction;

export type SimMode = 'fast' | 'realtime';

export interface SimulatorOptions {
  /** Firmware image; default the build output; null = load() later. */
  hexPath?: string | null;
  /** Rig definition or a path to one; default rigs/uno-pull/rig.yaml. */
  rig?: RigDefinition | string;
  /** Scenario or a path to one; default the good 4-pole 831 scenario. */
  scenario?: Scenario | string;
  /** Which unit of the scenario's population is mounted (draws its spread); default the scenario's spread.unitSeed, else 1. */
  unitSeed?: number;
  mode?: SimMode;
}

export interface SimStats {
  hostBytesSent: number;
  hostBytesLost: number;
  deviceBytes: number;
  resets: number;
  watchdogResets: number;
}

export interface UnoPullSimulatorEvents {
  data: [chunk: Buffer];
  event: [event: SimEvent];
  reset: [cause: 'power-on' | 'host' | 'watchdog' | 'glitch'];
  /** The USB cable between host and rig was pulled (false) or plugged back (true); the board runs on. */
  usb: [attached: boolean];
}

/**
 * The Uno pull rig in software: the real firmware image running in avr8js, the rig's hardware on
 * its pins and a DUT twin behind them. Time is simulated time; tests drive it with runFor() and
 * at()/after(), the host transport with start()/stop().
 */
export class UnoPullSimulator extends EventEmitter<UnoPullSimulatorEvents> {
  readonly rig: RigDefinition;
  readonly scenario: Scenario;
  readonly mode: SimMode;
  readonly stats: SimStats = { hostBytesSent: 0, hostBytesLost: 0, deviceBytes: 0, resets: 0, watchdogResets: 0 };

  private flash: Uint8Array | null = null;
  private machine: Machine | null = null;
  private readonly eeprom = new EEPROMMemoryBackend(EEPROM_BYTES);
  private readonly pins = new PinBoard();
  private readonly hardware: RigHardware;
  private readonly scheduler = new SimScheduler();
  private readonly cyclesPerMs: number;
  /** Cycles run by machines before the current one (a reset starts a new CPU at cycle 0). */
  private cycleBase = 0;
  /** End of the current run slice in the current CPU's cycles; a watchdog reset sets it to -1. */
  private sliceEnd = 0;
  private watchdogResetPending = false;
  private readonly hostQueue: number[] = [];
  private rxInFlight = false;
  private rxRetryPending = false;
  private txPending: number[] = [];
  private running = false;
  /** Bumped by every start(), so a loop callback left over from an earlier run ends itself. */
  private runGeneration = 0;
  private runForActive = false;
  /** Realtime mode: wall time of the host's last byte, which keeps the loop polling. */
  private lastHostByteWallMs = -Infinity;
  /** Realtime mode, while running: bring simulated time up to the wall clock and poll from now on. */
  private realtimeCatchUp: (() => void) | null = null;
  private readonly warnedOnce = new Set<string>();
  private usbAttached = true;

  constructor(options: SimulatorOptions = {}) {
    super();
    this.mode = options.mode ?? 'fast';
    this.rig = typeof options.rig === 'string' ? loadRigDefinition(options.rig) : options.rig ?? loadRigDefinition();
    this.scenario = resolveScenario(options.scenario, this.rig);
    this.cyclesPerMs = this.rig.board.clockHz / 1000;
    this.hardware = new RigHardware({
      rig: this.rig,
      scenario: this.scenario,
      ...(options.unitSeed === undefined ? {} : { unitSeed: checkUnitSeed(options.unitSeed) }),
      pins: this.pins,
      nowMs: () => this.timeMs,
      onEvent: (event) => this.emit('event', event),
    });
    this.scheduleWorld();
    const hexPath = options.hexPath === undefined ? defaultHexFile : options.hexPath;
    if (hexPath !== null) {
      if (!existsSync(hexPath)) throw new Error(`firmware image ${hexPath} not found (build it, or pass hexPath: null and call load())`);
      this.load(readFileSync(hexPath, 'utf8'));
    }
  }

  /** Load a firmware image (Intel HEX text) and power the MCU up with it. */
  load(hexText: string): void {
    this.flash = parseIntelHex(hexText, ATMEGA328P_FLASH_BYTES);
    this.rebuild('power-on');
  }

  /** Simulated milliseconds since power-on (resets do not restart it). */
  get timeMs(): number {
    return this.nowCycles / this.cyclesPerMs;
  }

  private get nowCycles(): number {
    return this.cycleBase + (this.machine?.cpu.cycles ?? 0);
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

  /** The event log (E-stop, relays, DAC, current, pull-out, resets, warnings), oldest first. */
  get events(): readonly SimEvent[] {
    return this.hardware.events;
  }

  /** Queue bytes from the host; they reach the MCU one character time apart at 115200 baud. */
  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    for (const byte of bytes) this.hostQueue.push(byte);
    // The bytes arrive now on the wall clock: the MCU must not take them at a simulated time it
    // has not caught up from (up to an idle sleep behind), or replies would beat the wire time.
    this.lastHostByteWallMs = performance.now();
    this.realtimeCatchUp?.();
    this.pumpRx();
  }

  /** Reset the MCU as the Uno's DTR line does; the world (position, temperatures, EEPROM) stays. */
  reset(): void {
    this.rebuild('host');
  }

  /** True while the host's USB cable is plugged in (the rig is powered on its own and runs either way). */
  get usbPlugged(): boolean {
    return this.usbAttached;
  }

  /**
   * Pull the USB cable (false) or plug it back (true). The rig has its own supply, so the MCU runs on
   * without its host: bytes it sends meanwhile are lost, and the port is gone until it is plugged back.
   */
  setUsbPlugged(plugged: boolean): void {
    if (plugged === this.usbAttached) return;
    this.usbAttached = plugged;
    if (!plugged) this.hostQueue.length = 0;
    this.hardware.log('usb', plugged ? 'plugged' : 'unplugged');
    this.emit('usb', plugged);
  }

  /**
   * Fault: the firmware hangs, as one that runs into avr-libc's `_exit` (interrupts off, a jump to
   * itself). Simulated time goes on, but nothing is received, answered or switched any more; outputs
   * (current source, relays, motor enable) keep their last state. A reset ends it. Takes effect at
   * the end of the running slice (within 2 ms of simulated time).
   */
  hangFirmware(): void {
    const cpu = this.requireMachine().cpu;
    const exitWord = exitLoopWordAddress(cpu.progMem);
    this.after(0, () => {
      if (this.machine?.cpu === cpu) cpu.pc = exitWord;
      this.hardware.log('hang', `firmware jumped to _exit (word 0x${exitWord.toString(16)})`);
    });
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

  /** Say which pole's conductor the puller grips (null = follow scenario / Kelvin selection). */
  setMountedPole(pole: number | null): void {
    this.hardware.mountedPoleOverride = pole;
  }

  /** Run fn when simulated time reaches simMs (since power-on). */
  at(simMs: number, fn: () => void): TimerHandle {
    return this.scheduler.schedule(Math.round(simMs * this.cyclesPerMs), fn);
  }

  /** Run fn simMsDelta of simulated time from now. */
  after(simMsDelta: number, fn: () => void): TimerHandle {
    return this.scheduler.schedule(this.nowCycles + Math.round(simMsDelta * this.cyclesPerMs), fn);
  }

  /** Advance exactly simMs of simulated time, yielding to the event loop every few ms of it. */
  async runFor(simMs: number): Promise<void> {
    if (this.running || this.runForActive) throw new Error('runFor: the simulator is already running');
    this.requireMachine();
    this.runForActive = true;
    try {
      const target = this.nowCycles + Math.round(simMs * this.cyclesPerMs);
      const slice = FAST_SLICE_MS * this.cyclesPerMs;
      while (this.nowCycles < target) {
        this.runUntil(Math.min(target, this.nowCycles + slice));
        this.flushTx();
        await yieldToEventLoop();
      }
    } finally {
      this.runForActive = false;
    }
  }

  /** Run freely until stop(): as fast as possible (fast) or paced by the wall clock (realtime). */
  start(): void {
    if (this.running || this.runForActive) throw new Error('start: the simulator is already running');
    this.requireMachine();
    this.running = true;
    const generation = ++this.runGeneration;
    const current = (): boolean => this.running && generation === this.runGeneration;
    if (this.mode === 'fast') {
      const slice = FAST_SLICE_MS * this.cyclesPerMs;
      const loop = (): void => {
        if (!current()) return;
        this.runUntil(this.nowCycles + slice);
        this.flushTx();
        setImmediate(loop);
      };
      setImmediate(loop);
      return;
    }
    this.startRealtime(current);
  }

  /**
   * Pace by the wall clock. While the host talks, and while catching up, the loop polls
   * (setImmediate), so a request meets the firmware and its reply the host within a fraction of
   * a character time; otherwise it sleeps 1 ms at a time so an idle rig does not spin a core.
   */
  private startRealtime(current: () => boolean): void {
    let wallStartMs = performance.now();
    let simStartCycles = this.nowCycles;
    let stepping = false;
    let sleeping: ReturnType<typeof setTimeout> | null = null;
    const flushCycles = REALTIME_FLUSH_MS * this.cyclesPerMs;
    const maxStepCycles = REALTIME_MAX_STEP_MS * this.cyclesPerMs;
    /** Run towards the wall clock; true when caught up. */
    const step = (): boolean => {
      stepping = true;
      try {
        let due = simStartCycles + (performance.now() - wallStartMs) * this.cyclesPerMs;
        if (due - this.nowCycles > REALTIME_MAX_CATCH_UP_MS * this.cyclesPerMs) {
          // We fell behind (debugger, slow machine): resync rather than race to catch up.
          wallStartMs = performance.now();
          simStartCycles = this.nowCycles;
          due = this.nowCycles + FAST_SLICE_MS * this.cyclesPerMs;
        }
        const stepEnd = Math.min(due, this.nowCycles + maxStepCycles);
        while (this.nowCycles < stepEnd && current()) {
          this.runUntil(Math.min(stepEnd, this.nowCycles + flushCycles));
          this.flushTx();
        }
        return stepEnd === due;
      } finally {
        stepping = false;
      }
    };
    const busy = (): boolean =>
      this.hostQueue.length > 0 || this.rxInFlight || this.txPending.length > 0 || performance.now() - this.lastHostByteWallMs < REALTIME_ACTIVE_MS;
    const loop = (): void => {
      sleeping = null;
      if (!current()) return;
      const caughtUp = step();
      if (!caughtUp || busy()) setImmediate(loop);
      else sleeping = setTimeout(loop, 1);
    };
    this.realtimeCatchUp = () => {
      // Inside a step (a scheduled callback or a data listener writing back) time is current.
      if (stepping || !current()) return;
      step();
      if (sleeping) {
        clearTimeout(sleeping);
        sleeping = null;
        setImmediate(loop);
      }
    };
    setTimeout(loop, 0);
  }

  stop(): void {
    this.running = false;
    this.realtimeCatchUp = null;
    this.flushTx();
  }

  get isRunning(): boolean {
    return this.running;
  }

  private requireMachine(): Machine {
    if (!this.machine) throw new Error('no firmware loaded: call load(hexText) first');
    return this.machine;
  }

  /** The hot loop: execute instructions until targetCycles, stopping at scheduled events. */
  private runUntil(targetCycles: number): void {
    while (this.nowCycles < targetCycles) {
      const machine = this.requireMachine();
      const cpu = machine.cpu;
      this.sliceEnd = Math.min(targetCycles, this.scheduler.nextDueCycles()) - this.cycleBase;
      while (cpu.cycles < this.sliceEnd) {
        executeInstruction(cpu);
        cpu.tick();
      }
      if (this.watchdogResetPending) {
        this.watchdogResetPending = false;
        this.stats.watchdogResets++;
        this.rebuild('watchdog');
      }
      this.scheduler.runDue(this.nowCycles);
    }
  }

  /** Power-on or reset: a fresh MCU on the same wires. */
  private rebuild(cause: 'power-on' | 'host' | 'watchdog' | 'glitch'): void {
    if (!this.flash) throw new Error('no firmware loaded');
    if (this.machine) this.cycleBase += this.machine.cpu.cycles;
    this.rxInFlight = false; // a character on the wire during reset is lost
    this.machine = new Machine(this.flash, this.rig.board.clockHz, this.eeprom, {
      onTxByte: (byte) => {
        this.txPending.push(byte);
        this.stats.deviceBytes++;
      },
      onRxComplete: () => {
        this.rxInFlight = false;
        this.pumpRx();
      },
      adcRead: (input, refV) => this.adcRead(input, refV),
      spiTransfer: (wireByte, spiMode) => {
        if (spiMode !== 0) this.warnOnce(`spi-mode-${spiMode}`, `SPI mode ${spiMode}: the rig's devices expect mode 0`);
        return this.hardware.spi.transfer(wireByte);
      },
      onWatchdogReset: () => {
        this.watchdogResetPending = true;
        this.sliceEnd = -1;
      },
      onUsartConfig: (usart) => this.checkBaud(usart),
    });
    this.pins.attach(this.machine.ports);
    this.stats.resets++;
    this.hardware.log('reset', cause);
    this.emit('reset', cause);
    this.pumpRx();
  }

  /** HX711 conversions and scenario faults run in simulated time, through resets. */
  private scheduleWorld(): void {
    const conversionCycles = Math.round(this.rig.board.clockHz / this.rig.loadCell.rateHz);
    const convert = (atCycles: number): void => {
      this.scheduler.schedule(atCycles, () => {
        this.hardware.hx711Conversion();
        convert(atCycles + conversionCycles);
      });
    };
    convert(conversionCycles);
    for (const fault of this.scenario.faults) {
      if (fault.kind === 'unplug') {
        this.at(fault.atMs, () => this.setUsbPlugged(false));
        if (fault.forMs !== undefined) this.at(fault.atMs + fault.forMs, () => this.setUsbPlugged(true));
      } else if (fault.kind === 'reset') {
        this.at(fault.atMs, () => this.rebuild('glitch'));
      } else {
        this.at(fault.atMs, () => this.hardware.applyFault(fault));
      }
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
    const raw = Math.floor((Math.min(Math.max(volts, 0), refV) / refV) * 1024);
    return Math.min(raw, 1023);
  }

  /** Feed the next host byte once the previous one has landed in UDR. */
  private pumpRx(): void {
    const machine = this.machine;
    if (!machine || this.rxInFlight || this.rxRetryPending || this.hostQueue.length === 0) return;
    if (machine.usart.rxEnable) {
      const byte = this.hostQueue.shift() as number;
      if (machine.usart.writeByte(byte) !== false) {
        this.rxInFlight = true;
        this.stats.hostBytesSent++;
        return;
      }
      // Still receiving the previous character: onRxComplete will call again.
      this.hostQueue.unshift(byte);
      return;
    }
    // Receiver off (booting, or reset): the byte goes down the wire and nobody hears it.
    this.hostQueue.shift();
    this.stats.hostBytesLost++;
    this.warnOnce('rx-off', 'host bytes sent while the MCU receiver was off were lost (wait for the banner)');
    this.rxRetryPending = true;
    this.after((BITS_PER_CHAR / HOST_BAUD) * 1000, () => {
      this.rxRetryPending = false;
      this.pumpRx();
    });
  }

  private checkBaud(usart: AVRUSART): void {
    if (!usart.rxEnable && !usart.txEnable) return;
    const error = Math.abs(usart.baudRate - HOST_BAUD) / HOST_BAUD;
    if (error > BAUD_TOLERANCE) this.warnOnce(`baud-${usart.baudRate}`, `UART at ${usart.baudRate} baud, host link is ${HOST_BAUD}`);
  }

  private flushTx(): void {
    if (this.txPending.length === 0) return;
    const chunk = Buffer.from(this.txPending);
    this.txPending = [];
    this.emit('data', chunk);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    this.hardware.log('warning', message);
  }
}

function checkUnitSeed(unitSeed: number): number {
  if (!Number.isInteger(unitSeed) || unitSeed < 0) throw new RangeError(`unitSeed ${unitSeed}: expected an integer >= 0`);
  return unitSeed;
}

function resolveScenario(scenario: Scenario | string | undefined, rig: RigDefinition): Scenario {
  if (scenario === undefined || typeof scenario === 'string') return loadScenario(scenario ?? defaultScenarioFile, rig);
  const schema = scenarioSchemaFor(rig);
  const result = schema.safeParse(scenario);
  if (!result.success) throw new FileValidationError('(scenario object)', describeIssues(scenario, result.error.issues, schema));
  return result.data;
}
