import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { avrInstruction, EEPROMMemoryBackend, type AVRUSART } from 'avr8js';
import type { SimMode } from '../../../host/shared/simulated-board.js';
import { Machine, type MachineHooks } from './machine.js';
import { FAST_SLICE_MS, paceByWallClock } from './realtime-pacer.js';
import { SimScheduler, type TimerHandle } from './scheduler.js';
import { SEI_OPCODE, SLEEP_OPCODE, sleepAt, sleepSkipper, type SleepSimulation, type SleepSkipper } from './sleep-skip.js';

/** Bits per character on the wire at 8N1. */
const BITS_PER_CHAR = 10;
/** A UART's clock divider rarely hits the nominal rate (115200 with U2X: 117647, +2.1 %); beyond this a real link garbles. */
const BAUD_TOLERANCE = 0.03;
const LINE_END = 0x0a;
/** Host line ends whose reception time is kept (hostLineEndsMs). */
const LINE_ENDS_KEPT = 64;
/** ATmega328P EEPROM size. */
const EEPROM_BYTES = 1024;
/**
 * In realtime mode, poll the wall clock without sleeping until this long after the host's last
 * byte: long enough for the longest reply (the clampbench INFO, ~215 characters = 19 ms).
 * Output the device starts on its own (samples, alarms, Firmata reports) waits for the next 1 ms
 * tick instead: polling through a whole pull would take a core from the host.
 */
const REALTIME_ACTIVE_MS = 25;

/**
 * Imports the hot loop uses, bound once: vitest's module transform turns every use of an import into a
 * getter call on the module's namespace. Per instruction those getters cost half the simulation's wall
 * time for the function, and a third of the rest for the two opcodes compared before each instruction.
 */
const executeInstruction = avrInstruction;
const SLEEP = SLEEP_OPCODE;
const SEI = SEI_OPCODE;

export type ResetCause = 'power-on' | 'host' | 'watchdog' | 'glitch';

export interface SimStats {
  hostBytesSent: number;
  hostBytesLost: number;
  deviceBytes: number;
  resets: number;
  watchdogResets: number;
  /** EEPROM bytes the firmware wrote (each write of a byte, erase-and-write, counts once; reads never). */
  eepromWrites: number;
  /** Wall ms spent executing the simulated CPU and its world models: what the simulation costs the host's CPU. */
  runMs: number;
  /** CPU cycles the firmware slept (idle-mode SLEEP) and the simulator skipped rather than executed. */
  sleptCycles: number;
}

export interface McuRunnerOptions {
  clockHz: number;
  /** Line speed of the host link, for the firmware's UART set-up check and the wire time of a lost byte. */
  baud: number;
  mode: SimMode;
  /**
   * How the firmware's idle-mode sleep is simulated (default `skip`): `skip` jumps simulated time to
   * the next event that matters; `tick` advances it clock event by clock event (the reference);
   * `execute` runs SLEEP as avr8js does, a no-op, so the main loop spins through every cycle.
   */
  sleep?: SleepSimulation | 'execute';
  hooks: Pick<MachineHooks, 'adcRead' | 'spiTransfer'> & {
    /** A fresh MCU was built (power-on or reset): wire the outside hardware to its ports. */
    onBoot: (machine: Machine, cause: ResetCause) => void;
    /** Bytes the UART sent, batched per run slice. */
    onDeviceBytes: (chunk: Buffer) => void;
    /** Something a real board would do differently; `key` says which, so each is told once. */
    warn: (key: string, message: string) => void;
  };
}

/** The EEPROM's memory, counting the bytes the firmware writes. */
class CountingEeprom extends EEPROMMemoryBackend {
  constructor(
    size: number,
    private readonly onWrite: () => void,
  ) {
    super(size);
  }

  override writeMemory(addr: number, value: number): void {
    this.onWrite();
    super.writeMemory(addr, value);
  }
}

/**
 * One simulated ATmega328P board running in simulated time: the firmware in avr8js, rebuilt on
 * every reset; host bytes fed into its UART one character at a time; device bytes handed out per
 * run slice; timers in simulated time that survive resets; free running (fast or paced by the
 * wall clock) or stepped by runFor(). The rig's hardware is the owner's business, via the hooks.
 */
export class McuRunner {
  readonly mode: SimMode;
  readonly baud: number;
  readonly cyclesPerMs: number;
  readonly stats: SimStats = { hostBytesSent: 0, hostBytesLost: 0, deviceBytes: 0, resets: 0, watchdogResets: 0, eepromWrites: 0, runMs: 0, sleptCycles: 0 };
  /** Events in simulated time (CPU cycles since power-on); owners schedule world events here. */
  readonly scheduler = new SimScheduler();

  private readonly clockHz: number;
  private readonly sleepHow: SleepSimulation | 'execute';
  private skipper: SleepSkipper | null = null;
  /** PC of the current CPU while it sleeps across run slices (-1: awake). */
  private sleepingPc = -1;
  private readonly hooks: McuRunnerOptions['hooks'];
  /** The EEPROM outlives every reset of the MCU (only a new runner starts blank). */
  private readonly eeprom = new CountingEeprom(EEPROM_BYTES, () => this.stats.eepromWrites++);
  private flash: Uint8Array | null = null;
  private current: Machine | null = null;
  /** Cycles run by machines before the current one (a reset starts a new CPU at cycle 0). */
  private cycleBase = 0;
  /** End of the current run slice in the current CPU's cycles; a watchdog reset sets it to -1. */
  private sliceEnd = 0;
  private watchdogResetPending = false;
  private readonly hostQueue: number[] = [];
  private rxInFlight = false;
  private rxByteInFlight = -1;
  /** Simulated ms at which the MCU finished receiving each of the last host line ends, oldest first. */
  private readonly lineEndsMs: number[] = [];
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

  constructor(options: McuRunnerOptions) {
    this.mode = options.mode;
    this.baud = options.baud;
    this.clockHz = options.clockHz;
    this.cyclesPerMs = options.clockHz / 1000;
    this.sleepHow = options.sleep ?? 'skip';
    this.hooks = options.hooks;
  }

  /** Write bytes into the EEPROM from `address` (before load(): what the board was shipped with). */
  programEeprom(bytes: Uint8Array, address = 0): void {
    this.eeprom.memory.set(bytes, address);
  }

  /** A copy of the whole EEPROM as it is now (to power a new board up with it: programEeprom()). */
  readEeprom(): Uint8Array {
    return this.eeprom.memory.slice();
  }

  /** Put a flash image in and power the MCU up with it. */
  load(flash: Uint8Array): void {
    this.flash = flash;
    this.reset('power-on');
  }

  /** The MCU as it is now; throws before load(). */
  get machine(): Machine {
    return this.requireLoaded();
  }

  /** The MCU, or null before load(). */
  get machineOrNull(): Machine | null {
    return this.current;
  }

  get nowCycles(): number {
    return this.cycleBase + (this.current?.cpu.cycles ?? 0);
  }

  /** Simulated milliseconds since power-on (resets do not restart it). */
  get timeMs(): number {
    return this.nowCycles / this.cyclesPerMs;
  }

  /** Run fn when simulated time reaches simMs (since power-on). */
  at(simMs: number, fn: () => void): TimerHandle {
    return this.scheduler.schedule(Math.round(simMs * this.cyclesPerMs), fn);
  }

  /** Run fn simMsDelta of simulated time from now. */
  after(simMsDelta: number, fn: () => void): TimerHandle {
    return this.scheduler.schedule(this.nowCycles + Math.round(simMsDelta * this.cyclesPerMs), fn);
  }

  /**
   * When the MCU received the newline of each of the host's last lines (simulated ms, oldest first, at
   * most LINE_ENDS_KEPT): what the firmware's host-silence watchdog counts from, as the firmware saw it.
   */
  get hostLineEndsMs(): readonly number[] {
    return this.lineEndsMs;
  }

  private noteLineEnd(): void {
    this.lineEndsMs.push(this.timeMs);
    if (this.lineEndsMs.length > LINE_ENDS_KEPT) this.lineEndsMs.shift();
  }

  /** Queue bytes from the host; they reach the MCU one character time apart. */
  write(bytes: Uint8Array): void {
    for (const byte of bytes) this.hostQueue.push(byte);
    // The bytes arrive now on the wall clock: the MCU must not take them at a simulated time it
    // has not caught up from (up to an idle sleep behind), or replies would beat the wire time.
    this.lastHostByteWallMs = performance.now();
    this.realtimeCatchUp?.();
    this.pumpRx();
  }

  /** Bytes still on their way from the host are gone (the cable was pulled). */
  dropHostBytes(): void {
    this.hostQueue.length = 0;
  }

  /** Power-on or reset: a fresh MCU on the same wires. */
  reset(cause: ResetCause): void {
    if (!this.flash) throw new Error('no firmware loaded');
    if (this.current) this.cycleBase += this.current.cpu.cycles;
    this.rxInFlight = false; // a character on the wire during reset is lost
    this.current = new Machine(this.flash, this.clockHz, this.eeprom, {
      onTxByte: (byte) => {
        this.txPending.push(byte);
        this.stats.deviceBytes++;
      },
      onRxComplete: () => {
        this.rxInFlight = false;
        if (this.rxByteInFlight === LINE_END) this.noteLineEnd();
        this.pumpRx();
      },
      adcRead: this.hooks.adcRead,
      spiTransfer: this.hooks.spiTransfer,
      onWatchdogReset: () => {
        this.watchdogResetPending = true;
        this.sliceEnd = -1;
      },
      onUsartConfig: (usart) => this.checkBaud(usart),
    });
    this.skipper = this.sleepHow === 'execute' ? null : sleepSkipper(this.current.cpu, this.current.timers, this.sleepHow);
    this.sleepingPc = -1;
    this.stats.resets++;
    this.hooks.onBoot(this.current, cause);
    this.pumpRx();
  }

  /** Advance exactly simMs of simulated time, yielding to the event loop every few ms of it. */
  async runFor(simMs: number): Promise<void> {
    if (this.running || this.runForActive) throw new Error('runFor: the simulator is already running');
    this.requireLoaded();
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
    this.requireLoaded();
    this.running = true;
    const generation = ++this.runGeneration;
    const current = (): boolean => this.running && generation === this.runGeneration;
    if (this.mode === 'fast') {
      // One slice of simulated time per turn of the event loop: the host's turns (its I/O, its
      // promises) keep simulated time from running far ahead of it.
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
    this.realtimeCatchUp = paceByWallClock({
      cyclesPerMs: this.cyclesPerMs,
      nowCycles: () => this.nowCycles,
      runUntil: (targetCycles) => this.runUntil(targetCycles),
      flush: () => this.flushTx(),
      busy: () =>
        this.hostQueue.length > 0 || this.rxInFlight || this.txPending.length > 0 || performance.now() - this.lastHostByteWallMs < REALTIME_ACTIVE_MS,
      current,
    });
  }

  stop(): void {
    this.running = false;
    this.realtimeCatchUp = null;
    this.flushTx();
  }

  get isRunning(): boolean {
    return this.running;
  }

  private requireLoaded(): Machine {
    if (!this.current) throw new Error('no firmware loaded: call load(hexText) first');
    return this.current;
  }

  /** The hot loop: execute instructions until targetCycles, stopping at scheduled events. */
  private runUntil(targetCycles: number): void {
    const t0 = performance.now();
    try {
      this.runUntilUntimed(targetCycles);
    } finally {
      this.stats.runMs += performance.now() - t0;
    }
  }

  private runUntilUntimed(targetCycles: number): void {
    while (this.nowCycles < targetCycles) {
      const cpu = this.requireLoaded().cpu;
      this.sliceEnd = Math.min(targetCycles, this.scheduler.nextDueCycles()) - this.cycleBase;
      const { progMem } = cpu;
      const skipper = this.skipper;
      // Still asleep from the last slice (a world event or the slice's end is no reason to wake).
      if (skipper && this.sleepingPc === cpu.pc) this.sleep(skipper, cpu.pc);
      while (cpu.cycles < this.sliceEnd) {
        const opcode = progMem[cpu.pc];
        if (skipper && (opcode === SLEEP || (opcode === SEI && progMem[cpu.pc + 1] === SLEEP))) {
          // The AVR runs the instruction after SEI before any interrupt, so SEI; SLEEP sleeps and an
          // interrupt already pending wakes it at once (avr8js alone would take it between the two).
          if (opcode === SEI) executeInstruction(cpu);
          const state = sleepAt(cpu);
          const sleepPc = cpu.pc + 1;
          executeInstruction(cpu);
          cpu.tick();
          if (state === 'idle' && cpu.pc === sleepPc) this.sleep(skipper, sleepPc);
          else if (state === 'unsupported-mode') this.hooks.warn('sleep-mode', 'the firmware sleeps in a mode other than idle: simulated as a no-op');
          continue;
        }
        executeInstruction(cpu);
        cpu.tick();
      }
      if (this.watchdogResetPending) {
        this.watchdogResetPending = false;
        this.stats.watchdogResets++;
        this.reset('watchdog');
      }
      this.scheduler.runDue(this.nowCycles);
    }
  }

  /** The CPU sleeps at sleepPc (just after its SLEEP): skip to its wake-up or the slice's end, whichever comes first. */
  private sleep(skipper: SleepSkipper, sleepPc: number): void {
    const cpu = this.requireLoaded().cpu;
    this.stats.sleptCycles += skipper.sleepUntil(this.sliceEnd);
    this.sleepingPc = cpu.pc === sleepPc ? sleepPc : -1;
  }

  /** Feed the next host byte once the previous one has landed in UDR. */
  private pumpRx(): void {
    const machine = this.current;
    if (!machine || this.rxInFlight || this.rxRetryPending || this.hostQueue.length === 0) return;
    if (machine.usart.rxEnable) {
      const byte = this.hostQueue.shift() as number;
      if (machine.usart.writeByte(byte) !== false) {
        this.rxInFlight = true;
        this.rxByteInFlight = byte;
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
    this.hooks.warn('rx-off', 'host bytes sent while the MCU receiver was off were lost (wait for the banner)');
    this.rxRetryPending = true;
    this.after((BITS_PER_CHAR / this.baud) * 1000, () => {
      this.rxRetryPending = false;
      this.pumpRx();
    });
  }

  private checkBaud(usart: AVRUSART): void {
    if (!usart.rxEnable && !usart.txEnable) return;
    const error = Math.abs(usart.baudRate - this.baud) / this.baud;
    if (error > BAUD_TOLERANCE) this.hooks.warn(`baud-${usart.baudRate}`, `UART at ${usart.baudRate} baud, host link is ${this.baud}`);
  }

  /** Hand the device's pending bytes over; true when there were any. */
  private flushTx(): boolean {
    if (this.txPending.length === 0) return false;
    const chunk = Buffer.from(this.txPending);
    this.txPending = [];
    this.hooks.onDeviceBytes(chunk);
    return true;
  }
}
