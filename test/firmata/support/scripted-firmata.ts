import five from 'johnny-five';
import mockFirmata from 'mock-firmata';
import type { Firmata } from 'firmata-io';
import type { Clock } from '../../../host/shared/clock.js';

/**
 * mock-firmata's board (every IO call a no-op) with just enough behaviour for driver unit tests:
 * it remembers pin levels and PWM duties, answers pin-state queries from them, and while a
 * test has an analog channel reporting it sends that channel's scripted counts, one per tick.
 * No rig physics here: a test states the counts it wants the driver to see.
 */
export class ScriptedFirmata {
  readonly io: Firmata & { emit(event: string, ...args: unknown[]): boolean };
  readonly board: five.Board;
  /** Level or PWM duty each pin was last given. */
  readonly pinValues = new Map<number, number>();
  /** Every pin write in order: [pin, value]. */
  readonly writes: Array<[number, number]> = [];
  /** Counts each analog channel reports now; a function sees the pin values at the time of each reading. */
  analogCounts: (channel: number, pins: ReadonlyMap<number, number>) => number = () => 0;
  /** Level the E-stop pin reads (1 = pressed). */
  private digitalInputs = new Map<number, number>();
  private readonly reporting = new Set<number>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    const pins = structuredClone(mockFirmata.Pins.UNO) as unknown[];
    const io = new mockFirmata.Firmata({ pins, firmware: { name: 'StandardFirmata.ino', version: { major: 2, minor: 5 } }, version: { major: 2, minor: 5 } }) as ScriptedFirmata['io'];
    this.io = io;
    io.digitalWrite = (pin: number, value: number) => this.record(pin, value);
    io.analogWrite = (pin: number, value: number) => this.record(pin, value);
    io.queryPinState = (pin: number, callback: () => void) => {
      const pinRecord = io.pins[pin];
      if (pinRecord) pinRecord.state = this.pinValues.get(pin) ?? 0;
      setImmediate(callback);
    };
    io.reportAnalogPin = (channel: number, on: 0 | 1) => {
      if (on) this.reporting.add(channel);
      else this.reporting.delete(channel);
    };
    (io as unknown as { digitalRead(pin: number, cb: (v: number) => void): void }).digitalRead = (pin, callback) => {
      io.on(`digital-read-${pin}`, callback);
      setImmediate(() => io.emit(`digital-read-${pin}`, this.digitalInputs.get(pin) ?? 0));
    };
    this.board = new five.Board({ io, repl: false, debug: false, sigint: false } as five.BoardOption);
    io.emit('connect');
    io.emit('ready');
    this.timer = setInterval(() => this.tick(), 1);
  }

  /** Set a digital input (the E-stop) and report it as the board would. */
  setInput(pin: number, level: number): void {
    this.digitalInputs.set(pin, level);
    this.io.emit(`digital-read-${pin}`, level);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private record(pin: number, value: number): void {
    this.pinValues.set(pin, value);
    this.writes.push([pin, value]);
  }

  private tick(): void {
    for (const channel of this.reporting) this.io.emit(`analog-read-${channel}`, this.analogCounts(channel, this.pinValues));
  }
}

/** A clock whose waits end on the next turn of the event loop: unit tests do not wait out settle times. */
export const instantClock: Clock = {
  now: () => performance.now(),
  schedule: (_delayMs, fn) => setImmediate(fn),
  cancel: (handle) => clearImmediate(handle as NodeJS.Immediate),
};
