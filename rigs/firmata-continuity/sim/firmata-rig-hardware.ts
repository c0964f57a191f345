import { PinState } from 'avr8js';
import { DutTwin, type DutTruth } from '../../uno-pull/sim/dut-twin.js';
import { actualCurrentA } from '../../uno-pull/sim/models/current-source.js';
import { SeededRandom } from '../../../host/shared/seeded-random.js';
import type { PinBoard } from '../../uno-pull/sim/pins.js';
import type { SimEvent } from '../../uno-pull/sim/rig-hardware.js';
import type { Scenario } from '../../uno-pull/sim/scenario.js';
import type { FirmataRigDefinition } from '../rig-definition.js';
import { Indicator } from './indicator.js';

export interface FirmataRigHardwareOptions {
  rig: FirmataRigDefinition;
  scenario: Scenario;
  /** Which unit of the scenario's population is in the rig (default: the scenario's). */
  unitSeed?: number;
  pins: PinBoard;
  /** Simulated time since power-on. */
  nowMs: () => number;
  /** PWM duty (0..1) at the current source's control input right now. */
  setpointDuty: () => number;
  onEvent: (event: SimEvent) => void;
}

/** How many log entries to keep; enough for a whole production run's relay moves. */
const EVENT_LOG_LIMIT = 5000;

/**
 * The Firmata rig's hardware on the Uno's pins (rig.yaml): Kelvin and isolation relays, the
 * PWM-set current source with its shunt and sense amplifiers, the far-end dividers, the E-stop,
 * the lamp and the buzzer, with the DUT twin behind them. Nothing here depends on elapsed time
 * (no RC filter, no heating), so state is worked out when a pin changes or the ADC samples.
 */
export class FirmataRigHardware {
  readonly twin: DutTwin;
  readonly kelvinClosed: boolean[];
  readonly isoClosed: boolean[];
  readonly lamp = new Indicator();
  readonly buzzer = new Indicator();
  readonly events: SimEvent[] = [];
  readonly adcNoise: SeededRandom;
  estopPressed = false;

  private readonly rig: FirmataRigDefinition;
  private readonly scenario: Scenario;
  private readonly pins: PinBoard;
  private readonly nowMs: () => number;
  private readonly setpointDuty: () => number;
  private readonly onEvent: (event: SimEvent) => void;

  constructor(options: FirmataRigHardwareOptions) {
    const { rig, scenario, pins } = options;
    this.rig = rig;
    this.scenario = scenario;
    this.pins = pins;
    this.nowMs = options.nowMs;
    this.setpointDuty = options.setpointDuty;
    this.onEvent = options.onEvent;
    this.twin = new DutTwin(scenario, options.unitSeed);
    this.adcNoise = new SeededRandom(scenario.noise.seed);
    this.kelvinClosed = rig.pins.kelvinRelays.map(() => false);
    this.isoClosed = rig.pins.isoRelays.map(() => false);
    // Relay drivers are active HIGH: only a pin driven HIGH as an output closes a relay (a pull-up cannot drive the transistor).
    rig.pins.kelvinRelays.forEach((pin, k) => pins.watchState(pin, (state) => this.setRelay('kelvin', k, state === PinState.High)));
    rig.pins.isoRelays.forEach((pin, k) => pins.watchState(pin, (state) => this.setRelay('iso', k, state === PinState.High)));
    pins.watchState(rig.pins.lamp, (state) => {
      if (this.lamp.set(state === PinState.High, this.nowMs())) this.log('lamp', this.lamp.on ? 'on' : 'off');
    });
    pins.watchState(rig.pins.buzzer, (state) => {
      if (this.buzzer.set(state === PinState.High, this.nowMs())) this.log('buzzer', this.buzzer.on ? 'on' : 'off');
    });
    pins.watchState(rig.pins.estop, () => this.driveEstopPin());
    this.driveEstopPin();
  }

  log(kind: string, detail: string): void {
    const event: SimEvent = { timeMs: this.nowMs(), kind, detail };
    this.events.push(event);
    if (this.events.length > EVENT_LOG_LIMIT) this.events.splice(0, this.events.length - EVENT_LOG_LIMIT);
    this.onEvent(event);
  }

  truth(): DutTruth {
    return this.twin.truth();
  }

  setEstop(pressed: boolean): void {
    if (pressed === this.estopPressed) return;
    this.estopPressed = pressed;
    this.log('estop', pressed ? 'pressed' : 'released');
    this.driveEstopPin();
  }

  /** Bitmask of the closed Kelvin relays (bit k = pole k+1). */
  get kelvinMask(): number {
    return this.kelvinClosed.reduce((mask, closed, k) => (closed ? mask | (1 << k) : mask), 0);
  }

  get isoDriveMask(): number {
    return this.isoClosed.reduce((mask, closed, k) => (closed ? mask | (1 << k) : mask), 0);
  }

  /** Volts the PWM's RC filter puts on the source's control input. */
  get setpointV(): number {
    return this.setpointDuty() * this.rig.adc.refV;
  }

  /**
   * Current through the loop now: the setpoint through the one closed Kelvin relay's pole, limited
   * by compliance; 0 with the E-stop pressed (it breaks the source's supply), no relay or two
   * closed, or an open path.
   */
  currentA(): number {
    const loopOhm = this.scenario.currentSource.loopOhm;
    return actualCurrentA({
      enabled: !this.estopPressed,
      setpointA: this.setpointV * this.rig.current.ampsPerVolt,
      gainError: this.scenario.currentSource.gainError,
      complianceV: this.rig.current.complianceV,
      kelvinMask: this.kelvinMask,
      loopResistanceOhm: (pole) => {
        const pathOhm = this.twin.kelvinPathOhm(pole);
        return pathOhm === null ? null : pathOhm + loopOhm;
      },
    });
  }

  /** Noiseless volts at ADC channel `channel` (0..5 = A0..A5), within the amplifiers' 0..5 V rails. */
  adcVolts(channel: number): number {
    const { pins, current, isolation } = this.rig;
    if (channel === pins.senseAdc || channel === pins.shuntAdc) {
      const currentA = this.currentA();
      if (currentA === 0) return 0;
      if (channel === pins.shuntAdc) return rail(currentA * (current.shuntMilliohm / 1000) * current.shuntGain);
      const pole = this.kelvinClosed.indexOf(true) + 1;
      return rail(currentA * (this.twin.kelvinPathOhm(pole) ?? 0) * current.senseGain);
    }
    const farEnd = pins.farEndAdc.indexOf(channel);
    if (farEnd < 0) return 0;
    const terminalV = this.twin.isolationSenseV({
      rigPoles: this.rig.poles,
      isoDriveMask: this.isoDriveMask,
      sense: { end: 'far', pole: farEnd + 1 },
      driveV: isolation.driveV,
      seriesOhm: isolation.seriesOhm,
      senseInputOhm: isolation.senseInputOhm,
    });
    return rail(terminalV * isolation.dividerRatio);
  }

  private setRelay(bank: 'kelvin' | 'iso', k: number, closed: boolean): void {
    const states = bank === 'kelvin' ? this.kelvinClosed : this.isoClosed;
    if (states[k] === closed) return;
    states[k] = closed;
    this.log('relay', `${bank} ${k + 1} ${closed ? 'closed' : 'open'}`);
    if (bank === 'kelvin' && closed && states.filter(Boolean).length > 1) {
      const poles = states.flatMap((on, i) => (on ? [i + 1] : []));
      this.log('fault', `Kelvin relays ${poles.join(' and ')} closed at once: the source would feed poles in parallel, so it gives 0 A`);
    }
  }

  /**
   * The E-stop is an NC contact to GND: released, it holds the pin LOW; pressed (or a broken wire),
   * the rig's external pull-up (rig file estop.pullUpOhm) lifts it, whatever the MCU's own pull-up
   * does (firmata.js turns that one off, see rig.yaml).
   */
  private driveEstopPin(): void {
    const pin = this.rig.pins.estop;
    if (this.pins.inputLevel(pin) !== this.estopPressed) this.pins.driveInput(pin, this.estopPressed);
  }
}

/** An amplifier output cannot leave its 0..5 V supply. */
function rail(volts: number): number {
  return Math.min(Math.max(volts, 0), 5);
}
