// firmata-io 2.3.0 ships no types: the part of its API clampbench uses.
declare module 'firmata-io' {
  import type { EventEmitter } from 'node:events';

  interface FirmataPin {
    mode?: number;
    value?: number;
    state?: number;
    report?: number;
    supportedModes: number[];
    analogChannel: number;
  }

  class Firmata extends EventEmitter {
    constructor(transport: unknown, options?: { reportVersionTimeout?: number; samplingInterval?: number; skipCapabilities?: boolean });
    readonly MODES: { INPUT: number; OUTPUT: number; ANALOG: number; PWM: number; PULLUP: number };
    readonly HIGH: 1;
    readonly LOW: 0;
    readonly pins: FirmataPin[];
    readonly analogPins: number[];
    readonly version: { major?: number; minor?: number };
    readonly firmware: { name?: string; version?: { major: number; minor: number } };
    isReady: boolean;
    pinMode(pin: number, mode: number): void;
    digitalWrite(pin: number, value: number, enqueue?: boolean): void;
    flushDigitalPorts(): void;
    analogWrite(pin: number, value: number): void;
    reportAnalogPin(channel: number, value: 0 | 1): void;
    queryPinState(pin: number, callback: () => void): void;
    setSamplingInterval(ms: number): void;
  }

  const bindTransport: { Firmata: typeof Firmata };
  export default bindTransport;
  export type { Firmata, FirmataPin };
}
