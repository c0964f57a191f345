import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SerialUnitTruth, SimMode, SimulatedBoard, SimulatedBoardEvents } from '../../shared/simulated-board.js';
import type { FromWorker, ToWorker, WorkerBoardSpec } from './worker-messages.js';

const entry = new URL('./sim-worker-entry.js', import.meta.url);

export interface WorkerBoardOptions extends WorkerBoardSpec {
  /** Known to the host before the worker has started: for the port's description. */
  scenarioName: string;
  baud: number;
}

/**
 * A simulated board running in a worker thread: the same simulator as in-process, so a station with
 * several simulated rigs uses every core instead of one. The host sees it through SimulatedBoard;
 * the board's time reaches the host with every message (and every few ms), and timers run in the
 * worker, in the board's own time. The worker does not keep the process alive.
 */
export class WorkerBoard extends EventEmitter<SimulatedBoardEvents> implements SimulatedBoard {
  readonly scenario: { readonly name: string };
  readonly mode: SimMode;
  readonly baud: number;
  /** Wall ms the worker's simulator spent running its CPU model (its share of the process's CPU). */
  runMs = 0;
  private lastTimeMs = 0;
  private running = false;
  private plugged = true;
  private nextTimerId = 1;
  private readonly timers = new Map<number, () => void>();
  private readonly mounts = new Map<number, { resolve: (truth: SerialUnitTruth | null) => void; reject: (error: Error) => void }>();
  private readonly worker: Worker;

  constructor(options: WorkerBoardOptions) {
    super();
    this.scenario = { name: options.scenarioName };
    this.mode = options.mode;
    this.baud = options.baud;
    const spec: WorkerBoardSpec = { kind: options.kind, mode: options.mode, ...(options.scenarioFile ? { scenarioFile: options.scenarioFile } : {}), ...(options.rigFile ? { rigFile: options.rigFile } : {}) };
    this.worker = new Worker(entry, { workerData: spec });
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => this.onMessage(message));
    this.worker.on('error', (error) => this.fail(error.message));
  }

  get timeMs(): number {
    return this.lastTimeMs;
  }

  get usbPlugged(): boolean {
    return this.plugged;
  }

  get isRunning(): boolean {
    return this.running;
  }

  write(data: Uint8Array | string): void {
    this.send({ t: 'write', bytes: typeof data === 'string' ? Buffer.from(data, 'latin1') : data });
  }

  reset(): void {
    this.send({ t: 'reset' });
  }

  start(): void {
    this.running = true;
    this.send({ t: 'start' });
  }

  stop(): void {
    this.running = false;
    this.send({ t: 'stop' });
  }

  after(simMsDelta: number, fn: () => void): { cancel(): void } {
    const id = this.nextTimerId++;
    this.timers.set(id, fn);
    this.send({ t: 'after', id, ms: simMsDelta });
    return {
      cancel: () => {
        if (this.timers.delete(id)) this.send({ t: 'cancel', id });
      },
    };
  }

  /** Mount the serial's unit in the worker's simulator (SimulatedBoard.mountSerial). */
  mountSerial(serial: string): Promise<SerialUnitTruth | null> {
    const id = this.nextTimerId++;
    return new Promise((resolve, reject) => {
      this.mounts.set(id, { resolve, reject });
      this.send({ t: 'mount', id, serial });
    });
  }

  /** End the worker thread (the board is gone for good). */
  async dispose(): Promise<void> {
    await this.worker.terminate();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private onMessage(message: FromWorker): void {
    if (message.t === 'failed') return this.fail(message.message);
    this.lastTimeMs = message.timeMs;
    switch (message.t) {
      case 'data':
        this.emit('data', Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
        break;
      case 'timer': {
        const fn = this.timers.get(message.id);
        this.timers.delete(message.id);
        fn?.();
        break;
      }
      case 'mounted': {
        const mount = this.mounts.get(message.id);
        this.mounts.delete(message.id);
        if (message.error !== undefined) mount?.reject(new Error(message.error));
        else mount?.resolve(message.truth);
        break;
      }
      case 'usb':
        this.plugged = message.plugged;
        this.emit('usb', message.plugged);
        break;
      case 'tick':
        this.runMs = message.runMs;
        // Seen: a fast board may run on (it waits for this so as not to leave its host behind).
        this.send({ t: 'ack', timeMs: message.timeMs });
        break;
    }
  }

  /** The simulator itself failed (a bug, not a rig fault): loud, on stderr, once. */
  private fail(message: string): void {
    process.stderr.write(`clampbench: simulated board (${this.scenario.name}) in its worker thread failed: ${message}\n`);
    for (const mount of this.mounts.values()) mount.reject(new Error(`the simulated board failed: ${message}`));
    this.mounts.clear();
  }
}
