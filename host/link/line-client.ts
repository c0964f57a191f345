import { EventEmitter } from 'node:events';
import { ReadlineParser } from '@serialport/parser-readline';
import { decodeDeviceLine } from '../../firmware-protocol/codec/device-line.js';
import type { DeviceMessage } from '../../firmware-protocol/codec/device-message.js';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import type { OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import { LIMITS, errorName, errorText } from '../../firmware-protocol/generated/codes.js';
import { wallClock, type Clock } from './clock.js';

/** The byte stream under the client: a serial port stream, the simulator, a PTY. */
export interface ByteLink {
  write(data: Buffer | string): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

/** The device answered `error:N`. */
export class DeviceError extends Error {
  readonly code: number;
  readonly request: string;
  constructor(code: number, request: string) {
    super(`${request}: error ${code} ${errorName(code)} (${errorText(code)})`);
    this.name = 'DeviceError';
    this.code = code;
    this.request = request;
  }
}

/** No reply within the timeout. */
export class RequestTimeoutError extends Error {
  constructor(request: string, timeoutMs: number) {
    super(`${request}: no reply within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export interface LineClientOptions {
  clock?: Clock;
  requestTimeoutMs?: number;
}

interface Pending {
  request: string;
  resolve: (message: OkMessage) => void;
  reject: (error: Error) => void;
  timer: unknown;
}

type PushKind = Exclude<DeviceMessage['kind'], 'ok' | 'error'>;
type PushOf<K extends PushKind> = Extract<DeviceMessage, { kind: K }>;

/**
 * Lines in, typed messages out: every request carries an id and a CRC, every device line must
 * carry a valid CRC (a corrupted line is reported as 'rejected', never interpreted), replies are
 * matched to requests by id, push messages are emitted by kind.
 */
export class LineClient extends EventEmitter {
  private readonly link: ByteLink;
  private readonly clock: Clock;
  private readonly requestTimeoutMs: number;
  private readonly parser = new ReadlineParser({ delimiter: '\n', encoding: 'latin1' });
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly onBytes = (chunk: Buffer): void => {
    this.parser.write(chunk);
  };

  constructor(link: ByteLink, options: LineClientOptions = {}) {
    super();
    this.link = link;
    this.clock = options.clock ?? wallClock;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 2000;
    this.parser.on('data', (line: string) => this.handleLine(line));
    link.on('data', this.onBytes);
  }

  /** Stop listening to the link; pending requests fail. */
  close(): void {
    this.link.off('data', this.onBytes);
    for (const [id, pending] of this.pending) {
      this.clock.cancel(pending.timer);
      pending.reject(new Error(`${pending.request}: link closed`));
      this.pending.delete(id);
    }
  }

  /** Send `command args…` with a fresh id and CRC; resolves with the `ok` reply, rejects with DeviceError or RequestTimeoutError. */
  request(command: string, args: ReadonlyArray<string | number> = [], timeoutMs = this.requestTimeoutMs): Promise<OkMessage> {
    const body = [command, ...args.map(String)].join(' ');
    const id = this.takeId();
    return new Promise<OkMessage>((resolve, reject) => {
      const timer = this.clock.schedule(timeoutMs, () => {
        this.pending.delete(id);
        reject(new RequestTimeoutError(body, timeoutMs));
      });
      this.pending.set(id, { request: body, resolve, reject, timer });
      this.link.write(`${sealLine(body, id)}\n`);
    });
  }

  /**
   * Send PING every `everyMs` on the client's clock, so the firmware's host-silence watchdog stays
   * fed during long operations; returns the function that stops it.
   */
  startKeepAlive(everyMs: number): () => void {
    let handle: unknown;
    const tick = (): void => {
      this.request('PING').catch(() => undefined);
      handle = this.clock.schedule(everyMs, tick);
    };
    handle = this.clock.schedule(everyMs, tick);
    return () => this.clock.cancel(handle);
  }

  /** Send raw text as it is (a terminal user's line, a realtime byte, a deliberately broken line). */
  sendRaw(text: string | Buffer): void {
    this.link.write(text);
  }

  /** Resolve with the next push message of `kind` that satisfies `accept`. */
  waitFor<K extends PushKind>(kind: K, accept: (message: PushOf<K>) => boolean = () => true, timeoutMs = this.requestTimeoutMs): Promise<PushOf<K>> {
    return new Promise((resolve, reject) => {
      const listener = (message: PushOf<K>): void => {
        if (!accept(message)) return;
        this.off(kind, listener);
        this.clock.cancel(timer);
        resolve(message);
      };
      const timer = this.clock.schedule(timeoutMs, () => {
        this.off(kind, listener);
        reject(new Error(`no ${kind} message within ${timeoutMs} ms`));
      });
      this.on(kind, listener);
    });
  }

  private takeId(): number {
    const id = this.nextId;
    this.nextId = id >= LIMITS.requestIdMax ? 1 : id + 1;
    return id;
  }

  private handleLine(line: string): void {
    this.emit('line', line);
    const decoded = decodeDeviceLine(line, { requireCrc: true });
    if (!decoded.ok) {
      this.emit('rejected', { line, reason: decoded.reason, detail: decoded.detail });
      return;
    }
    const { message, id } = decoded;
    if (message.kind === 'ok' || message.kind === 'error') {
      const pending = id === undefined ? undefined : this.pending.get(id);
      if (!pending || id === undefined) {
        this.emit('unmatched', { line, message });
        return;
      }
      this.pending.delete(id);
      this.clock.cancel(pending.timer);
      if (message.kind === 'ok') pending.resolve(message);
      else pending.reject(new DeviceError(message.code, pending.request));
      return;
    }
    this.emit('message', message);
    this.emit(message.kind, message);
  }
}
