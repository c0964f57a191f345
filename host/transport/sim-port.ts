import type { BindingPortInterface, OpenOptions, PortStatus, SetOptions, UpdateOptions } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { baudMismatch, garble } from './baud-mismatch.js';
import type { SimulatedBoard } from '../shared/simulated-board.js';

/** What a binding's pending read fails with when the port closes under it (SerialPortStream then ends quietly). */
class CanceledError extends Error {
  readonly canceled = true;
  constructor(message: string) {
    super(message);
    this.name = 'CanceledError';
  }
}

/** What a binding's pending read fails with when the device goes away (SerialPortStream then closes with it). */
class DisconnectedError extends Error {
  readonly disconnected = true;
  constructor(message: string) {
    super(message);
    this.name = 'DisconnectedError';
  }
}

interface PendingRead {
  buffer: Buffer;
  offset: number;
  length: number;
  resolve: (result: { buffer: Buffer; bytesRead: number }) => void;
  reject: (error: Error) => void;
}

/**
 * One open simulated serial port: the Uno's USB-serial bridge in front of a running simulator.
 * Bytes are garbled both ways while the host's baud rate is off the board's, and asserting DTR
 * after it was dropped resets the board, as on a real Uno.
 */
export class SimPort implements BindingPortInterface {
  readonly openOptions: Required<OpenOptions>;
  readonly sim: SimulatedBoard;
  isOpen = true;
  private baudRate: number;
  private dtr = true;
  private received: Buffer[] = [];
  private pendingRead: PendingRead | null = null;
  private readonly onClosed: () => void;
  /** The cable was pulled while open: the board runs on, only the port is gone. */
  private unplugged = false;
  private readonly onUsb = (plugged: boolean): void => {
    if (plugged || !this.isOpen) return;
    this.unplugged = true;
    this.sim.off('data', this.onDeviceBytes);
    this.received = [];
    const pending = this.pendingRead;
    this.pendingRead = null;
    pending?.reject(new DisconnectedError(`${this.openOptions.path}: the device was disconnected (USB cable pulled)`));
  };
  private readonly onDeviceBytes = (chunk: Buffer): void => {
    this.received.push(baudMismatch(this.baudRate, this.sim.baud) ? garble(chunk, this.baudRate) : chunk);
    this.serveRead();
  };

  constructor(sim: SimulatedBoard, openOptions: Required<OpenOptions>, onClosed: () => void) {
    this.sim = sim;
    this.openOptions = openOptions;
    this.baudRate = openOptions.baudRate;
    this.onClosed = onClosed;
    sim.on('data', this.onDeviceBytes);
    sim.on('usb', this.onUsb);
  }

  async close(): Promise<void> {
    this.requireOpen();
    this.isOpen = false;
    this.sim.off('data', this.onDeviceBytes);
    this.sim.off('usb', this.onUsb);
    // Closing the port of a plugged rig ends the simulation; an unplugged rig runs on without its host.
    if (!this.unplugged) this.sim.stop();
    this.received = [];
    const pending = this.pendingRead;
    this.pendingRead = null;
    pending?.reject(new CanceledError('port closed'));
    this.onClosed();
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (!this.isOpen) return Promise.reject(new CanceledError('port is not open'));
    if (this.unplugged) return Promise.reject(new DisconnectedError(`${this.openOptions.path}: the device was disconnected`));
    if (this.pendingRead) return Promise.reject(new Error('read: a read is already pending'));
    return new Promise((resolve, reject) => {
      this.pendingRead = { buffer, offset, length, resolve, reject };
      this.serveRead();
    });
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new CanceledError('port is not open');
    if (this.unplugged) throw new DisconnectedError(`${this.openOptions.path}: the device was disconnected`);
    this.sim.write(baudMismatch(this.baudRate, this.sim.baud) ? garble(buffer, this.baudRate) : buffer);
  }

  async update(options: UpdateOptions): Promise<void> {
    this.requireOpen();
    if (!(options.baudRate > 0)) throw new TypeError(`baud rate ${options.baudRate} is not a positive number`);
    this.baudRate = options.baudRate;
  }

  async set(options: SetOptions): Promise<void> {
    this.requireOpen();
    // Every call sets every flag (bindings-interface); DTR defaults to asserted. On the Uno a
    // capacitor turns DTR's assertion into a reset pulse.
    const dtr = options.dtr ?? true;
    if (dtr && !this.dtr) this.sim.reset();
    this.dtr = dtr;
  }

  async get(): Promise<PortStatus> {
    this.requireOpen();
    return { cts: false, dsr: false, dcd: false };
  }

  async getBaudRate(): Promise<{ baudRate: number }> {
    this.requireOpen();
    return { baudRate: this.baudRate };
  }

  async flush(): Promise<void> {
    this.requireOpen();
    this.received = [];
  }

  async drain(): Promise<void> {
    this.requireOpen();
  }

  private serveRead(): void {
    const pending = this.pendingRead;
    if (!pending || this.received.length === 0) return;
    this.pendingRead = null;
    let bytesRead = 0;
    while (bytesRead < pending.length && this.received.length > 0) {
      const chunk = this.received[0] as Buffer;
      const taken = chunk.copy(pending.buffer, pending.offset + bytesRead, 0, Math.min(chunk.length, pending.length - bytesRead));
      bytesRead += taken;
      if (taken === chunk.length) this.received.shift();
      else this.received[0] = chunk.subarray(taken);
    }
    pending.resolve({ buffer: pending.buffer, bytesRead });
  }

  private requireOpen(): void {
    if (!this.isOpen) throw new Error('port is not open');
  }
}
