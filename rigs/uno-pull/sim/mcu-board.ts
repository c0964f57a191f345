import { EventEmitter } from 'node:events';
import type { SimMode } from '../../../host/shared/simulated-board.js';
import { McuRunner, type McuRunnerOptions, type ResetCause } from './mcu-runner.js';
import type { PinBoard } from './pins.js';
import type { SimEvent } from './rig-hardware.js';
import type { Scenario, ScenarioFault } from './scenario.js';
import type { TimerHandle } from './scheduler.js';

/** What a simulated board of ours tells its listeners. */
export interface McuBoardEvents {
  /** Bytes the board's UART sent towards the host. */
  data: [chunk: Buffer];
  /** Something happened in the rig's world (a relay, the E-stop, a reset, a warning). */
  event: [event: SimEvent];
  reset: [cause: ResetCause];
  /** The USB cable between host and rig was pulled (false) or plugged back (true); the board runs on. */
  usb: [attached: boolean];
}

/** Options every simulated board takes; each adds its rig definition. */
export interface McuBoardOptions {
  /** Firmware image (Intel HEX file); default the board's own; null = load() later. */
  hexPath?: string | null;
  /** Scenario or a path to one (rigs/uno-pull/sim/scenarios); default the good 4-pole 831. */
  scenario?: Scenario | string;
  /** Which unit of the scenario's population is mounted (draws its spread); default the scenario's spread.unitSeed, else 1. */
  unitSeed?: number;
  mode?: SimMode;
  /** How the firmware's idle sleeps are simulated (default `skip`; McuRunnerOptions.sleep). */
  sleep?: McuRunnerOptions['sleep'];
}

/**
 * What every simulated board of ours shares, whatever hardware sits on its pins: the MCU in its
 * runner, simulated time and timers, the host's bytes in, the USB cable, and the board-level
 * scenario faults (a pulled cable, a reset). Subclasses make the runner and the hardware and say
 * how to log an event.
 */
export abstract class McuBoard extends EventEmitter<McuBoardEvents> {
  /** Made by the subclass's constructor (its hooks need the subclass's hardware). */
  protected abstract readonly runner: McuRunner;
  private readonly warnedOnce = new Set<string>();
  private usbAttached = true;

  /**
   * The runner for a subclass's constructor, with the hooks every board wires the same way: a
   * fresh MCU's ports go to `pins`, device bytes become 'data', resets and warnings are logged.
   */
  protected createRunner(options: { clockHz: number; baud: number; mode: SimMode; sleep?: McuRunnerOptions['sleep']; pins: PinBoard } & Pick<McuRunnerOptions['hooks'], 'adcRead' | 'spiTransfer'>): McuRunner {
    const { pins, adcRead, spiTransfer, ...timing } = options;
    return new McuRunner({
      ...timing,
      hooks: {
        onBoot: (machine, cause) => {
          pins.attach(machine.ports);
          this.logEvent('reset', cause);
          this.emit('reset', cause);
        },
        adcRead,
        spiTransfer,
        onDeviceBytes: (chunk) => this.emit('data', chunk),
        warn: (key, message) => this.warnOnce(key, message),
      },
    });
  }

  /** Put an event in the board's log (usb, warning …). */
  protected abstract logEvent(kind: string, detail: string): void;

  /** Simulated milliseconds since power-on (resets do not restart it). */
  get timeMs(): number {
    return this.runner.timeMs;
  }

  /** When the MCU finished receiving each of the host's last line ends (simulated ms, oldest first). */
  get hostLineEndsMs(): readonly number[] {
    return this.runner.hostLineEndsMs;
  }

  /** Queue bytes from the host; they reach the MCU one character time apart at the board's baud. */
  write(data: Uint8Array | string): void {
    this.runner.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Reset the MCU as the Uno's DTR line does; the world on its pins stays as it is. */
  reset(): void {
    this.runner.reset('host');
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
    if (!plugged) this.runner.dropHostBytes();
    this.logEvent('usb', plugged ? 'plugged' : 'unplugged');
    this.emit('usb', plugged);
  }

  /** Run fn when simulated time reaches simMs (since power-on). */
  at(simMs: number, fn: () => void): TimerHandle {
    return this.runner.at(simMs, fn);
  }

  /** Run fn simMsDelta of simulated time from now. */
  after(simMsDelta: number, fn: () => void): TimerHandle {
    return this.runner.after(simMsDelta, fn);
  }

  /** Advance exactly simMs of simulated time, yielding to the event loop every few ms of it. */
  runFor(simMs: number): Promise<void> {
    return this.runner.runFor(simMs);
  }

  /** Run freely until stop(): as fast as possible (fast) or paced by the wall clock (realtime). */
  start(): void {
    this.runner.start();
  }

  stop(): void {
    this.runner.stop();
  }

  get isRunning(): boolean {
    return this.runner.isRunning;
  }

  /** A scenario's board-level fault (unplug, reset) at its time; false for a fault of the rig's world, which the subclass handles. */
  protected scheduleBoardFault(fault: ScenarioFault): boolean {
    if (fault.kind === 'unplug') {
      this.at(fault.atMs, () => this.setUsbPlugged(false));
      if (fault.forMs !== undefined) this.at(fault.atMs + fault.forMs, () => this.setUsbPlugged(true));
      return true;
    }
    if (fault.kind === 'reset') {
      this.at(fault.atMs, () => this.runner.reset('glitch'));
      return true;
    }
    return false;
  }

  /** Log a warning once per key: something a real board would do differently. */
  protected warnOnce(key: string, message: string): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    this.logEvent('warning', message);
  }
}
