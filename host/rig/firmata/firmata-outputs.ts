import five from 'johnny-five';
import type { Firmata } from 'firmata-io';
import type { FirmataRigDefinition } from '../../../rigs/firmata-continuity/rig-definition.js';

/** johnny-five's Relay has `isClosed`; @types/johnny-five leaves it out. */
type Relay = five.Relay & { readonly isClosed: boolean };

/**
 * The Firmata rig's outputs as johnny-five components: one Relay per Kelvin and isolation path,
 * the current source's PWM setpoint, the result lamp (Led) and the active buzzer (Pin).
 * A relay is opened or closed only when its state changes: each change is one Firmata message of
 * 3 bytes (0.5 ms at 57600 baud).
 */
export class FirmataOutputs {
  readonly kelvin: Relay[];
  readonly iso: Relay[];
  readonly lamp: five.Led;
  readonly buzzer: five.Pin;
  private readonly relayPins: number[];

  constructor(
    private readonly io: Firmata,
    board: five.Board,
    private readonly rig: FirmataRigDefinition,
  ) {
    const relay = (pin: number): Relay => {
      // johnny-five's Relay writes the pin but leaves its mode: make it an output first.
      io.pinMode(pin, io.MODES.OUTPUT);
      return new five.Relay({ pin, type: 'NO', board }) as Relay;
    };
    this.kelvin = rig.pins.kelvinRelays.map(relay);
    this.iso = rig.pins.isoRelays.map(relay);
    this.relayPins = [...rig.pins.kelvinRelays, ...rig.pins.isoRelays];
    io.pinMode(rig.pins.currentSetpoint, io.MODES.PWM);
    this.lamp = new five.Led({ pin: rig.pins.lamp, board });
    this.buzzer = new five.Pin({ pin: rig.pins.buzzer, type: 'digital', mode: 1, board } as five.PinOption);
  }

  /**
   * Close exactly these relays (the Kelvin path of `kelvinPole`, the isolation drive of `isoPole`)
   * and open every other, opening first: two paths are never closed at the same time.
   */
  selectPaths(kelvinPole: number | null, isoPole: number | null): void {
    const wanted = new Set<Relay>();
    if (kelvinPole !== null) wanted.add(this.relay(this.kelvin, kelvinPole));
    if (isoPole !== null) wanted.add(this.relay(this.iso, isoPole));
    for (const relay of [...this.kelvin, ...this.iso]) if (relay.isClosed && !wanted.has(relay)) relay.open();
    for (const relay of wanted) if (!relay.isClosed) relay.close();
  }

  private relay(relays: Relay[], pole: number): Relay {
    const relay = relays[pole - 1];
    if (!relay) throw new RangeError(`pole ${pole}: this rig switches poles 1..${relays.length}`);
    return relay;
  }

  /** PWM duty 0..255 of the current source's setpoint (0 = no current). */
  setCurrentDuty(duty: number): void {
    this.io.analogWrite(this.rig.pins.currentSetpoint, duty);
  }

  /** Setpoint to 0 first, then every relay open (sent even if believed open): the contacts never break the test current. */
  allOff(): void {
    this.setCurrentDuty(0);
    for (const relay of [...this.kelvin, ...this.iso]) relay.open();
  }

  /** What the board's own pin state says about the safe state; null when safe, else what is still on. */
  async confirmSafe(): Promise<string | null> {
    const pins = [this.rig.pins.currentSetpoint, ...this.relayPins];
    await Promise.all(pins.map((pin) => new Promise<void>((resolve) => this.io.queryPinState(pin, resolve))));
    const on = pins.filter((pin) => (this.io.pins[pin]?.state ?? 0) !== 0);
    return on.length === 0 ? null : `pins ${on.join(', ')} still report a non-zero state`;
  }
}
