import { EventEmitter } from 'node:events';
import type { ByteLink } from '../../host/link/line-client.js';
import { BitFlipper } from './bit-flipper.js';

/** The device end: what the simulator offers (write bytes in, 'data' chunks out). */
export interface DeviceEnd {
  write(data: Uint8Array | string): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

export interface NoisyLinkOptions {
  /** Chance that a byte arrives changed, the same in both directions. */
  errorPerByte: number;
  seed: number;
}

/**
 * A serial line with random bit errors between a host client and a device, each direction with
 * its own seeded noise. It keeps what crossed it, for checking afterwards what each side really
 * sent and really received.
 */
export class NoisyLink implements ByteLink {
  readonly hostToDevice: BitFlipper;
  readonly deviceToHost: BitFlipper;
  /** Every byte the device sent, before the noise. */
  readonly deviceSent: Buffer[] = [];
  /** Every write of the host, before the noise. */
  readonly hostSent: Buffer[] = [];
  /** Every byte handed to the device, after the noise, in order. */
  readonly deviceReceived: Buffer[] = [];
  private readonly events = new EventEmitter<{ data: [chunk: Buffer] }>();
  private readonly device: DeviceEnd;
  private readonly onDeviceData = (chunk: Buffer): void => {
    this.deviceSent.push(chunk);
    this.events.emit('data', this.deviceToHost.pass(chunk));
  };

  constructor(device: DeviceEnd, options: NoisyLinkOptions) {
    this.device = device;
    // Two unrelated streams: noise on one wire says nothing about the other.
    this.hostToDevice = new BitFlipper(options.errorPerByte, options.seed * 2 + 1);
    this.deviceToHost = new BitFlipper(options.errorPerByte, options.seed * 2 + 2);
    device.on('data', this.onDeviceData);
  }

  write(data: Buffer | string): void {
    const clean = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.hostSent.push(clean);
    const received = this.hostToDevice.pass(clean);
    this.deviceReceived.push(received);
    this.device.write(received);
  }

  on(event: 'data', listener: (chunk: Buffer) => void): void {
    this.events.on(event, listener);
  }

  off(event: 'data', listener: (chunk: Buffer) => void): void {
    this.events.off(event, listener);
  }

  /** Stop listening to the device. */
  detach(): void {
    this.device.off('data', this.onDeviceData);
  }
}
