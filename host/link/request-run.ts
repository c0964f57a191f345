import { isDuplicateReply } from '../../firmware-protocol/codec/known-replies.js';
import type { ErrorMessage } from '../../firmware-protocol/codec/messages/reply-error.js';
import type { OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import { encodeRequest } from '../../firmware-protocol/codec/request.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import type { Clock } from '../shared/clock.js';
import { DeviceError, RequestTimeoutError } from './request-errors.js';
import { DAMAGED_LINE_RETRIES, type RetryMode } from './retry-policy.js';
import type { TakenReply } from './settled-replies.js';

/** Why an attempt is followed by another: no reply in time, a reply that arrived damaged, or `error:N`. */
export type RetryReason = 'timeout' | 'damaged-reply' | `error:${number}`;

/** Payload of 'retry': one attempt failed and the request goes out again. */
export interface RetryEvent {
  request: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  reason: RetryReason;
  /** The id the next attempt carries: the same for a state-changing command, a new one for a read. */
  nextId: number;
}

/**
 * Refusals that a repeat gets while an earlier copy of the same request is still running on the rig
 * (a VDROP resent under a new id while the first still measures with the current on). They say the
 * earlier copy is busy, not what the request's answer is.
 */
const REFUSED_WHILE_AN_EARLIER_COPY_RUNS: ReadonlySet<number> = new Set([ErrorCode.BUSY, ErrorCode.CURRENT_ON, ErrorCode.MOVING]);

/** What the client does for a request: its clock, ids, the wire, and what it learns when the request ends. */
export interface RequestRunPort {
  readonly clock: Clock;
  /** A fresh id that no request is waiting on. */
  takeId(): number;
  /** The rig answered `staleId` from an earlier session's memory: the next id taken must be past that memory. */
  skipRememberedIds(staleId: number): void;
  /** Write one request line; replies to `id` are this run's from now until it ends. */
  send(id: number, line: string, run: RequestRun): void;
  retried(event: RetryEvent): void;
  /**
   * The reply is late: send a keep-alive, whose newline ends a request line the rig still holds open (its own
   * newline flipped) and whose reply ends a reply line the client holds open the same way.
   */
  nudge(): void;
  /** The run is over: stop waiting on its ids. `taken` is the reply that settled it, absent when it failed without one. */
  ended(run: RequestRun, taken: TakenReply | null): void;
}

export interface RequestRunSpec {
  command: string;
  args: ReadonlyArray<string | number>;
  mode: RetryMode;
  maxAttempts: number;
  timeoutMs: number;
  /** When the reply is late enough to nudge the line (retry-policy.ts replyNudgeMs); absent: never. */
  nudgeMs?: number;
}

/** One line sent under one id (a same-id retry sends the same copy again). */
interface Copy {
  /** Order of first sending within the run. */
  order: number;
  sends: number;
  /** What came back for the last send, short of a reply that settles the run. */
  answer: { kind: 'not-executed' | 'refused'; code: number; line?: string } | { kind: 'stale' } | null;
  /** The run stopped expecting this copy's reply (it waited for it once after a refusal); it still takes it if it comes. */
  givenUp: boolean;
  /** The `sends` a damaged reply already triggered a resend for: one early resend per send. */
  hintedAtSend: number;
}

type Wait = { kind: 'attempt' } | { kind: 'earlier-copy'; refusalCode: number };

/**
 * One request from first send to result (PROTOCOL.md 1.4): it listens on every id it has sent until it
 * ends, and the first definitive reply to any of them settles it, so a late `ok` to attempt 1 that
 * arrives after attempt 2 went out is the result. Not definitive: a line-damage error (the copy was not
 * executed), and BUSY / CURRENT_ON / MOVING to a repeat while an earlier copy is unanswered (the earlier
 * copy is still running; its reply is waited for, one timeout at most, before the retry rule goes on).
 */
export class RequestRun {
  readonly command: string;
  readonly text: string;
  readonly promise: Promise<OkMessage>;
  private readonly copies = new Map<number, Copy>();
  private latestId = 0;
  private attempt = 1;
  /** Retries caused by a damaged line (a line-damage error, a damaged reply): they have their own budget. */
  private damageRetries = 0;
  private staleIdReplaced = false;
  private timer: unknown = null;
  private nudgeTimer: unknown = null;
  private wait: Wait = { kind: 'attempt' };
  private over = false;
  private resolve!: (reply: OkMessage) => void;
  private reject!: (error: Error) => void;

  constructor(
    private readonly port: RequestRunPort,
    private readonly spec: RequestRunSpec,
    firstId: number,
  ) {
    this.command = spec.command.toUpperCase();
    this.text = requestText(encodeRequest(firstId, spec.command, spec.args));
    this.promise = new Promise<OkMessage>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.send(firstId);
  }

  /** Every id this run has sent, first first. */
  get ids(): number[] {
    return [...this.copies.keys()];
  }

  /** A reply with one of this run's ids and a valid CRC. */
  onReply(id: number, line: string, message: OkMessage | ErrorMessage): void {
    const copy = this.copies.get(id);
    if (this.over || !copy) return;
    if (copy.answer?.kind === 'refused' && copy.answer.line === line) return; // a second copy of the refusal
    if (isDuplicateReply(message.fields) && copy.sends === 1 && !this.staleIdReplaced) {
      // The rig remembered this id from an earlier host session (no reset in between) and did not execute
      // our line; send it once more under an id past everything it can remember. Not an attempt of ours.
      this.staleIdReplaced = true;
      copy.answer = { kind: 'stale' };
      this.port.skipRememberedIds(id);
      this.send(this.port.takeId());
      return;
    }
    if (message.kind === 'error' && REFUSED_WHILE_AN_EARLIER_COPY_RUNS.has(message.code) && this.earlierCopyAwaited(copy)) {
      copy.answer = { kind: 'refused', code: message.code, line };
      if (id === this.latestId) this.arm({ kind: 'earlier-copy', refusalCode: message.code });
      return;
    }
    this.finish({ line, message });
  }

  /** An id-less line-damage error naming one of our ids in its `rid`. */
  onLineDamage(id: number, code: number): void {
    const copy = this.copies.get(id);
    if (this.over || !copy) return;
    copy.answer = { kind: 'not-executed', code };
    if (id !== this.latestId) return;
    if (this.mayRetryAfterDamage()) this.retry(`error:${code}`, true);
    // Out of attempts: an earlier copy may still answer; otherwise nothing more will come.
    else if (!this.anyCopyAwaited()) this.fail(new DeviceError(code, this.text));
  }

  /**
   * A device line that failed its CRC but starts with `#<id> ` for one of our ids: probably our reply,
   * damaged. Only a hint (the damage may be in the digits), so it only makes us send again sooner;
   * nothing in the line is used. One early resend per send, within the attempts the run has.
   */
  onDamagedReply(id: number): void {
    const copy = this.copies.get(id);
    if (this.over || !copy || copy.answer !== null || copy.givenUp || copy.hintedAtSend === copy.sends) return;
    // A later copy still in flight may answer yet; this hint changes nothing about it.
    if (this.laterCopies(copy).some((later) => later.answer === null)) return;
    copy.hintedAtSend = copy.sends;
    if (!this.mayRetryAfterDamage()) return;
    copy.givenUp = true;
    this.retry('damaged-reply', true);
  }

  /**
   * An id-less line-damage error without `rid` (PROTOCOL.md 1.3), or a damaged device line that reads as no push
   * message and carries no id, while this run is the only one waiting: our latest line or its reply with the id
   * hit, or just as well a keep-alive or the tail of a line cut in two. Only a hint:
   * the request goes out again now instead of at its timeout, but every earlier copy is still expected (it
   * may be running, and a refusal of the new copy then waits for it, 1.4). One early resend per send.
   */
  onUnreadableDamage(reason: RetryReason): void {
    const copy = this.copies.get(this.latestId);
    if (this.over || !copy || copy.answer !== null || copy.hintedAtSend === copy.sends) return;
    copy.hintedAtSend = copy.sends;
    if (this.mayRetryAfterDamage()) this.retry(reason, true);
  }

  /** The rig rebooted or the link closed: no reply will come. */
  fail(error: Error): void {
    if (this.over) return;
    this.over = true;
    this.port.clock.cancel(this.timer);
    this.port.clock.cancel(this.nudgeTimer);
    this.port.ended(this, null);
    this.reject(error);
  }

  private finish(taken: TakenReply): void {
    this.over = true;
    this.port.clock.cancel(this.timer);
    this.port.clock.cancel(this.nudgeTimer);
    this.port.ended(this, taken);
    if (taken.message.kind === 'ok') this.resolve(taken.message);
    else this.reject(new DeviceError(taken.message.code, this.text));
  }

  private send(id: number): void {
    const copy = this.copies.get(id) ?? { order: this.copies.size, sends: 0, answer: null, givenUp: false, hintedAtSend: 0 };
    copy.sends++;
    copy.answer = null;
    copy.givenUp = false;
    this.copies.set(id, copy);
    this.latestId = id;
    this.arm({ kind: 'attempt' });
    this.armNudge(copy);
    try {
      this.port.send(id, encodeRequest(id, this.spec.command, this.spec.args), this);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * A damaged line proves the rig is there and answering: such retries do not use up the attempts, which
   * are for silence, but have a bound of their own (DAMAGED_LINE_RETRIES), so a line too noisy to carry
   * the reply still ends the request.
   */
  private mayRetryAfterDamage(): boolean {
    return this.spec.maxAttempts > 1 && this.damageRetries < DAMAGED_LINE_RETRIES;
  }

  /** Attempts left for the other reasons (timeouts, refusals while an earlier copy ran). */
  private mayRetry(): boolean {
    return this.attempt - this.damageRetries < this.spec.maxAttempts;
  }

  private retry(reason: RetryReason, causedByDamage = false): void {
    if (causedByDamage) this.damageRetries++;
    const nextId = this.spec.mode === 'new-id' ? this.port.takeId() : this.latestId;
    this.port.retried({ request: this.text, attempt: this.attempt, reason, nextId });
    this.attempt++;
    this.send(nextId);
  }

  private arm(wait: Wait): void {
    this.port.clock.cancel(this.timer);
    this.wait = wait;
    this.timer = this.port.clock.schedule(this.spec.timeoutMs, () => this.waitOver());
  }

  /** Once per send: if this copy has had no answer by its usual time, nudge the line (RequestRunPort.nudge). */
  private armNudge(copy: Copy): void {
    this.port.clock.cancel(this.nudgeTimer);
    if (this.spec.nudgeMs === undefined) return;
    const sends = copy.sends;
    this.nudgeTimer = this.port.clock.schedule(this.spec.nudgeMs, () => {
      // Nothing heard of this copy, not even a damaged line about it: a newline may be held up somewhere.
      if (!this.over && copy.sends === sends && copy.answer === null && copy.hintedAtSend !== sends) this.port.nudge();
    });
  }

  private waitOver(): void {
    if (this.over) return;
    const { wait } = this;
    if (wait.kind === 'earlier-copy') {
      // The earlier copy's reply did not come either: stop expecting it, so the next refusal counts.
      const latest = this.copies.get(this.latestId) as Copy;
      for (const copy of this.copies.values()) if (copy.order < latest.order && copy.answer === null) copy.givenUp = true;
      if (this.mayRetry()) this.retry(`error:${wait.refusalCode}`);
      else this.fail(new DeviceError(wait.refusalCode, this.text));
      return;
    }
    if (this.mayRetry()) {
      this.retry('timeout');
      return;
    }
    const latest = this.copies.get(this.latestId) as Copy;
    const answer = latest.answer;
    if (answer !== null && answer.kind !== 'stale') this.fail(new DeviceError(answer.code, this.text));
    else this.fail(new RequestTimeoutError(this.text, this.spec.timeoutMs, this.attempt));
  }

  /** A copy sent before `copy` whose reply has not come and is still expected. */
  private earlierCopyAwaited(copy: Copy): boolean {
    return [...this.copies.values()].some((c) => c.order < copy.order && c.answer === null && !c.givenUp);
  }

  private anyCopyAwaited(): boolean {
    return [...this.copies.values()].some((c) => c.answer === null && !c.givenUp);
  }

  private laterCopies(copy: Copy): Copy[] {
    return [...this.copies.values()].filter((c) => c.order > copy.order);
  }
}

/** `#7 VDROP 1 5.7*FF75` -> `VDROP 1 5.7`: the request as a human reads it in an error message. */
export function requestText(line: string): string {
  return line.slice(line.indexOf(' ') + 1, line.lastIndexOf('*'));
}
