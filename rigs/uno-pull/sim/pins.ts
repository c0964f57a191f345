import { PinState, type AVRIOPort } from 'avr8js';

export type PortName = 'B' | 'C' | 'D';

/** Where an Arduino Uno pin number lives on the ATmega328P: D0-7 = PORTD, D8-13 = PORTB, A0-A5 (14-19) = PORTC. */
export function unoPinToPort(pin: number): { port: PortName; bit: number } {
  if (pin >= 0 && pin <= 7) return { port: 'D', bit: pin };
  if (pin >= 8 && pin <= 13) return { port: 'B', bit: pin - 8 };
  if (pin >= 14 && pin <= 19) return { port: 'C', bit: pin - 14 };
  throw new Error(`Arduino Uno pin ${pin} does not exist (0..19)`);
}

export type Ports = Record<PortName, AVRIOPort>;

interface WatchedPin {
  bit: number;
  /** What the outside hardware makes of a pin state; onChange runs when that changes. */
  levelOf: (state: PinState) => boolean | PinState;
  level: boolean | PinState | null;
  onChange: (level: never) => void;
}

/**
 * The pins of the MCU as the outside hardware sees them: output levels the models react to, and
 * input levels the models drive. Levels are kept here, not in the avr8js ports, because the
 * ports are rebuilt on every reset while the wires and the hardware on them stay.
 */
export class PinBoard {
  private readonly watched: Record<PortName, WatchedPin[]> = { B: [], C: [], D: [] };
  private readonly inputs = new Map<number, boolean>();
  private ports: Ports | null = null;

  /**
   * Call onChange whenever the level seen on `pin` changes. `floatingHigh` is the level the
   * external hardware pulls a pin to while the MCU does not drive it (after reset, before setup).
   */
  watchOutput(pin: number, floatingHigh: boolean, onChange: (high: boolean) => void): void {
    const { port, bit } = unoPinToPort(pin);
    const levelOf = (state: PinState): boolean => state === PinState.High || state === PinState.InputPullUp || (state === PinState.Input && floatingHigh);
    this.watched[port].push({ bit, levelOf, level: floatingHigh, onChange });
  }

  /**
   * Call onChange with the pin's state (output high/low, input, input with pull-up) whenever it
   * changes, and once on the first attach: for hardware that tells a driven HIGH from a pull-up.
   */
  watchState(pin: number, onChange: (state: PinState) => void): void {
    const { port, bit } = unoPinToPort(pin);
    this.watched[port].push({ bit, levelOf: (state) => state, level: null, onChange });
  }

  /** Level on an input pin, driven by the outside hardware. */
  driveInput(pin: number, high: boolean): void {
    this.inputs.set(pin, high);
    const { port, bit } = unoPinToPort(pin);
    this.ports?.[port].setPin(bit, high);
  }

  inputLevel(pin: number): boolean | undefined {
    return this.inputs.get(pin);
  }

  /** Current level of a watched output pin. */
  outputLevel(pin: number): boolean {
    const { port, bit } = unoPinToPort(pin);
    const found = this.watched[port].find((w) => w.bit === bit);
    if (typeof found?.level !== 'boolean') throw new Error(`pin ${pin} is not watched with watchOutput`);
    return found.level;
  }

  /** Connect to a freshly built set of ports: re-drive the inputs and re-read every output. */
  attach(ports: Ports): void {
    this.ports = ports;
    for (const [pin, high] of this.inputs) {
      const { port, bit } = unoPinToPort(pin);
      ports[port].setPin(bit, high);
    }
    for (const name of ['B', 'C', 'D'] as const) {
      const port = ports[name];
      const watchers = this.watched[name];
      if (watchers.length === 0) continue;
      const update = (): void => {
        for (const w of watchers) {
          const level = w.levelOf(port.pinState(w.bit));
          if (level !== w.level) {
            w.level = level;
            (w.onChange as (level: boolean | PinState) => void)(level);
          }
        }
      };
      port.addListener(update);
      update();
    }
  }
}
