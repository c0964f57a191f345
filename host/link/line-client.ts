import { EventEmitter } from 'node:events';
import { ReadlineParser } from '@serialport/parser-readline';
import { decodeDeviceLine, splitAtRebootBanner } from '../../firmware-protocol/codec/device-line.js';
import { isReply } from '../../firmware-protocol/codec/device-message.js';
import { isDuplicateReply, receivedIdHint } from '../../firmware-protocol/codec/known-replies.js';
import type { BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';
import type { ErrorMessage } from '../../firmware-protocol/codec/messages/reply-error.js';
import type { OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { encodeRequest } from '../../firmware-protocol/codec/request.js';
import { LIMITS } from '../../firmware-protocol/generated/codes.js';
import { wallClock, type Clock } from '../shared/clock.js';
import { damagedLineHint } from './damaged-line.js';
import { performHandshake, type ConnectOptions, type DeviceIdentity } from './handshake.js';
import { LineCensus } from './line-census.js';
import type { ConflictingReply, LineClientEvents, PushKind, PushOf, ResetEvent } from './line-client-events.js';
import { LinkCounter, type LinkCounts } from './link-counts.js';
import { PushWaits } from './push-waits.js';
import { ReceivedBytes } from './received-bytes.js';
import { FirmwareResetError, LinkClosedError } from './request-errors.js';
import { RequestRun, requestText, type RequestRunPort } from './request-run.js';
import { isLineDamageError, replyNudgeMs, replyTimeoutMs, retryModeOf } from './retry-policy.js';
import { sameAnswer, SettledReplies, type TakenReply } from './settled-replies.js';
import { SampleTracker, type SampleGap } from './sample-tracker.js';

// Kept importable from here: existing callers catch DeviceError from this module.
export { DeviceError, FirmwareResetError, LinkClosedError, RequestTimeoutError } from './request-errors.js';
export type { ConnectOptions, DeviceIdentity } from './handshake.js';
export type { RetryEvent, RetryReason } from './request-run.js';
export type { LinkCounts } from './link-counts.js';
export type { ConflictingReply, LineClientEvents, PushKind, PushOf, RejectedLine, ResetEvent, UnmatchedReply } from './line-client-events.js';

/** The byte stream under the client: a serial port stream, the simulator, a PTY. */
export interface ByteLink {
  write(data: Buffer | string): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

export interface LineClientOptions {
  clock?: Clock;
  requestTimeoutMs?: number;
  /** Repeats after a timeout or a damaged line, for commands that may be repeated (retry-policy.ts). */
  retries?: number;
}

export interface RequestOptions {
  timeoutMs?: number;
  retries?: number;
}

/** The keep-alive line: PING with a CRC but no id. */
const KEEP_ALIVE_LINE = sealLine('PING');

/**
 * Lines in, typed messages out: every request carries an id and a CRC, every device line must carry a valid
 * CRC (a corrupted line is reported as 'rejected', never interpreted), replies are matched to requests by id
 * (every id a request was sent under, until it ends: request-run.ts), lost requests are repeated as
 * PROTOCOL.md 1.4 allows, push messages are emitted by kind, and a banner nobody asked for is reported as a
 * reset. `linkCounts()` says what the link went through.
 *
 * Events: 'line' (raw), 'rejected', 'unmatched', 'conflicting-reply', 'retry', 'reset', 'sample-gap',
 * 'message' and one per push kind ('banner', 'status', 'alarm', 'msg', 'sample', 'done', 'unknown').
 */
export class LineClient extends EventEmitter<LineClientEvents> {
  readonly clock: Clock;
  /** Per-pull sample counts, restarted when a PULL is accepted. */
  readonly samples = new SampleTracker();
  /** Evidence for a failed handshake: what kinds of lines arrived, and the last raw bytes. */
  readonly census = new LineCensus();
  readonly receivedBytes = new ReceivedBytes();
  private readonly link: ByteLink;
  private readonly requestTimeoutMs: number;
  /** The timeout the caller fixed for every request, or null: then each command's own (replyTimeoutMs). */
  private readonly fixedTimeoutMs: number | null;
  private readonly retries: number;
  // latin1 maps every byte to one character, so bytes from a wrong baud rate never throw.
  private readonly parser = new ReadlineParser({ delimiter: '\n', encoding: 'latin1' });
  /** Every id a request in progress has sent, to that request. */
  private readonly pending = new Map<number, RequestRun>();
  private readonly settled = new SettledReplies();
  private readonly counter = new LinkCounter();
  private readonly runPort: RequestRunPort;
  private readonly pushWaits: PushWaits;
  private nextId = 1;
  private closed = false;
  private closedReason: string | undefined;
  private connected = false;
  private idlessPingsOutstanding = 0;
  private resetExpectedUntilMs: number | null = null;
  private banner: BannerMessage | null = null;
  private readonly onBytes = (chunk: Buffer): void => {
    this.receivedBytes.add(chunk);
    this.parser.write(chunk);
  };

  constructor(link: ByteLink, options: LineClientOptions = {}) {
    super();
    this.link = link;
    this.clock = options.clock ?? wallClock;
    this.runPort = this.requestRunPort();
    this.pushWaits = new PushWaits(this.untyped, this.clock);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 2000;
    this.fixedTimeoutMs = options.requestTimeoutMs ?? null;
    this.retries = options.retries ?? 2;
    this.parser.on('data', (line: string) => this.handleLine(line));
    link.on('data', this.onBytes);
  }

  /** The last banner received since the client was created, or null. */
  get lastBanner(): BannerMessage | null {
    return this.banner;
  }

  /**
   * Check that a clampbench rig of this protocol major is on the link and ask it for INFO; throws a
   * RigConnectError subclass saying what was found otherwise. Banners after this are reported as 'reset'.
   */
  async connect(options: ConnectOptions = {}): Promise<DeviceIdentity> {
    const identity = await performHandshake(this, options);
    this.connected = true;
    return identity;
  }

  /**
   * The caller is about to reboot the rig (Ctrl-X, DTR): the next banner within `withinMs` is not reported
   * as 'reset'. Pending requests still fail with FirmwareResetError: their replies are gone either way.
   */
  expectReset(withinMs = 5000): void {
    this.resetExpectedUntilMs = this.clock.now() + withinMs;
  }

  /**
   * Stop listening to the link; pending requests and waits fail with LinkClosedError, carrying `reason`
   * when the link went away rather than being closed on purpose (a pulled cable).
   */
  close(reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closedReason = reason;
    this.link.off('data', this.onBytes);
    for (const run of this.runs()) run.fail(new LinkClosedError(run.text, reason));
    this.pushWaits.close(reason);
  }

  /** Whether close() was called; a closed client sends nothing more. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Send `command args…` with an id and a CRC; resolves with the `ok` reply. Repeats it after a timeout or a
   * damaged line as retry-policy.ts allows, and takes the first definitive reply to any id it was sent under
   * (request-run.ts). Rejects with DeviceError, RequestTimeoutError (after the last attempt),
   * FirmwareResetError or LinkClosedError. A number as third argument is the timeout in ms.
   *
   * A state-changing request answered after a repeat may come back as `ok dup=1` without its other fields:
   * the firmware remembers the outcome, not the reply.
   */
  async request(command: string, args: ReadonlyArray<string | number> = [], options: RequestOptions | number = {}): Promise<OkMessage> {
    const { timeoutMs = this.fixedTimeoutMs ?? replyTimeoutMs(command), retries = this.retries } = typeof options === 'number' ? { timeoutMs: options } : options;
    if (this.closed) throw new LinkClosedError(requestText(encodeRequest(1, command, args)), this.closedReason);
    const mode = retryModeOf(command);
    const maxAttempts = mode === 'never' ? 1 : 1 + retries;
    this.counter.request();
    const nudgeMs = replyNudgeMs(command);
    const spec = { command, args, mode, maxAttempts, timeoutMs, ...(nudgeMs < timeoutMs ? { nudgeMs } : {}) };
    return new RequestRun(this.runPort, spec, this.takeId()).promise;
  }

  /** What the link went through since the client was created; `linkCountsSince` gives the part of a piece of work. */
  linkCounts(): LinkCounts {
    return this.counter.snapshot();
  }

  /**
   * Send PING every `everyMs` on the client's clock, so the firmware's host-silence watchdog stays
   * fed during long operations; returns the function that stops it.
   */
  startKeepAlive(everyMs: number): () => void {
    let handle: unknown;
    const tick = (): void => {
      if (this.closed) return;
      // Without an id: the firmware remembers the ids of the last requests it executed so that a
      // retried PULL is not run twice (PROTOCOL.md 1.4); keep-alives must not push those out.
      // No retries either: the next tick is the retry.
      this.sendKeepAlive();
      handle = this.clock.schedule(everyMs, tick);
    };
    handle = this.clock.schedule(everyMs, tick);
    return () => this.clock.cancel(handle);
  }

  private sendKeepAlive(): void {
    this.idlessPingsOutstanding++;
    this.link.write(`${KEEP_ALIVE_LINE}\n`);
  }

  /** Send raw text as it is (a terminal user's line, a realtime byte, a deliberately broken line). */
  sendRaw(text: string | Buffer): void {
    this.link.write(text);
  }

  /**
   * Resolve with the next push message of `kind` that satisfies `accept`. Rejects on timeout, on close, and
   * on a reset (FirmwareResetError) unless the kind is one a rebooting rig sends (banner, msg). `signal` ends
   * the wait early (rejects with its reason), so a wait nobody needs any more holds no listener or timer.
   */
  waitFor<K extends PushKind>(
    kind: K,
    accept: (message: PushOf<K>) => boolean = () => true,
    timeoutMs = this.requestTimeoutMs,
    signal?: AbortSignal,
  ): Promise<PushOf<K>> {
    return this.pushWaits.wait(kind, accept, timeoutMs, signal);
  }

  // TypeScript cannot relate a generic or union kind to its payload in the event map; the map still types
  // every listener callers attach, and these few internal uses pair kind and payload by construction.
  private get untyped(): EventEmitter {
    return this as unknown as EventEmitter;
  }

  /** What a request in progress may do with the client: take ids, write lines, report retries and its end. */
  private requestRunPort(): RequestRunPort {
    return {
      clock: this.clock,
      takeId: () => this.takeId(),
      skipRememberedIds: (staleId) => {
        // Our ids restarted from 1 while the firmware still remembers the last ids of an earlier session, which
        // ran consecutively up from about this one: jump past them all.
        this.nextId = ((staleId + LIMITS.recentIds - 1) % LIMITS.requestIdMax) + 1;
      },
      send: (id, line, run) => {
        this.settled.forget(id);
        this.pending.set(id, run);
        this.link.write(`${line}\n`);
      },
      retried: (event) => {
        this.counter.retry(event.reason);
        this.emit('retry', event);
      },
      ended: (run, taken) => this.endRun(run, taken),
      nudge: () => {
        if (!this.closed) this.sendKeepAlive();
      },
    };
  }

  private endRun(run: RequestRun, taken: TakenReply | null): void {
    for (const id of run.ids) if (this.pending.get(id) === run) this.pending.delete(id);
    if (!taken) return;
    this.settled.remember({ request: run.text, ids: run.ids, taken });
    // Here, not after the caller's await: the first samples may follow in the same chunk.
    if (run.command === 'PULL' && taken.message.kind === 'ok' && !isDuplicateReply(taken.message.fields)) this.samples.startPull();
  }

  /** Each request in progress once (a request waits on several ids after a retry under a new id). */
  private runs(): RequestRun[] {
    return [...new Set(this.pending.values())];
  }

  /** The request in progress when there is exactly one: a line that names none may only be its. */
  private onlyRun(): RequestRun | undefined {
    const runs = this.runs();
    return runs.length === 1 ? runs[0] : undefined;
  }

  /** Next id, skipping ids still waited on or just settled, so a late reply cannot be taken for another's. */
  private takeId(): number {
    for (;;) {
      const id = this.nextId;
      this.nextId = id >= LIMITS.requestIdMax ? 1 : id + 1;
      if (!this.pending.has(id) && !this.settled.has(id)) return id;
    }
  }

  private handleLine(rawLine: string): void {
    this.emit('line', rawLine);
    // A reboot mid-line: the fragment is a damaged line, and the banner after it still says the rig restarted.
    for (const line of splitAtRebootBanner(rawLine)) this.handleOneLine(line);
  }

  private handleOneLine(line: string): void {
    const decoded = decodeDeviceLine(line, { requireCrc: true });
    this.census.record(line, decoded);
    if (!decoded.ok) {
      this.counter.damagedLine();
      this.emit('rejected', { line, reason: decoded.reason, detail: decoded.detail });
      const hint = damagedLineHint(line);
      if (hint.kind === 'reply') this.pending.get(hint.id)?.onDamagedReply(hint.id);
      else if (hint.kind === 'unreadable-reply') {
        // Most likely the waiting request's reply, but it may as well be a late answer to another copy of a
        // request already answered (a read sent twice), or an id-less error. A weak hint, then: send again
        // sooner, still expecting every earlier copy (a refusal of the new copy waits for a running one).
        this.onlyRun()?.onUnreadableDamage('damaged-reply');
      }
      return;
    }
    const { message, id } = decoded;
    if (isReply(message)) {
      this.handleReply(line, message, id);
      return;
    }
    let gap: SampleGap | null = null;
    if (message.kind === 'banner') this.handleBanner(message);
    else if (message.kind === 'sample') gap = this.samples.onSample(message.sampleNumber);
    else if (message.kind === 'done' && message.operation === 'PULL') gap = this.samples.onDone(message.lastSampleNumber);
    this.emit('message', message);
    this.untyped.emit(message.kind, message);
    if (gap) this.emit('sample-gap', gap);
  }

  private handleReply(line: string, message: OkMessage | ErrorMessage, id: number | undefined): void {
    if (id !== undefined) {
      const run = this.pending.get(id);
      if (run) {
        run.onReply(id, line, message);
        return;
      }
      const settled = this.settled.find(id);
      if (settled) {
        this.handleLateReply(settled, id, line, message);
        return;
      }
    }
    if (id === undefined && message.kind === 'ok' && this.idlessPingsOutstanding > 0) {
      this.idlessPingsOutstanding--; // a keep-alive's answer
      return;
    }
    // A damaged line is answered without id (PROTOCOL.md 1.3); the rig names the id the line started with (`rid`)
    // whenever it could read one. A damage error without it belongs to a line whose id was unreadable: ours with
    // its id hit, a keep-alive, a fragment cut off by a flipped newline. It settles nothing; with one request
    // waiting it only sends that request again early, still expecting the earlier copy (it may be running).
    if (id === undefined && message.kind === 'error' && isLineDamageError(message.code)) {
      const hinted = receivedIdHint(message.fields);
      const target = hinted === undefined ? undefined : this.pending.get(hinted);
      if (target && hinted !== undefined) {
        target.onLineDamage(hinted, message.code);
        return;
      }
      if (hinted === undefined) this.onlyRun()?.onUnreadableDamage(`error:${message.code}`);
    }
    this.counter.unmatchedReply();
    this.emit('unmatched', { line, message });
  }

  /**
   * INFO's lastId: the newest id the rig remembers answering, perhaps from an earlier session on the same boot.
   * Continue after it, so no request of this session can be taken for one the rig already executed.
   */
  continueIdsAfter(lastId: number): void {
    if (lastId < 1 || lastId > LIMITS.requestIdMax) return;
    this.nextId = lastId >= LIMITS.requestIdMax ? 1 : lastId + 1;
  }

  /** A reply to a request another reply already settled: a copy that agrees is counted, one that does not is reported. */
  private handleLateReply(settled: { request: string; taken: TakenReply }, id: number, line: string, message: OkMessage | ErrorMessage): void {
    if (sameAnswer(settled.taken.message, message)) {
      this.counter.duplicateReply();
      return;
    }
    this.counter.conflictingReply();
    this.emit('conflicting-reply', { request: settled.request, id, takenLine: settled.taken.line, laterLine: line } satisfies ConflictingReply);
  }

  private handleBanner(banner: BannerMessage): void {
    this.banner = banner;
    const expected = this.resetExpectedUntilMs !== null && this.clock.now() <= this.resetExpectedUntilMs;
    this.resetExpectedUntilMs = null;
    for (const run of this.runs()) run.fail(new FirmwareResetError(run.text, banner));
    this.pushWaits.reset(banner);
    // Before connect() a banner is what opening the port causes; after it, nobody asked for one.
    if (this.connected && !expected) this.emit('reset', { banner } satisfies ResetEvent);
  }
}
