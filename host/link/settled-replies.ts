import type { ErrorMessage } from '../../firmware-protocol/codec/messages/reply-error.js';
import type { OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';

/** The reply that settled a request, as it came (line) and as read (message). */
export interface TakenReply {
  line: string;
  message: OkMessage | ErrorMessage;
}

/** A request that is over: every id it was sent under, and the reply it took. */
export interface SettledRequest {
  request: string;
  ids: readonly number[];
  taken: TakenReply;
}

/**
 * How many settled requests are remembered. A late reply comes within a few request timeouts, while a
 * handful of requests follow; the firmware itself remembers LIMITS.recentIds (8) ids. Twice that covers
 * a retried request (up to 3 ids) and the requests sent beside it, and stays small.
 */
const SETTLED_REQUESTS_KEPT = 16;

/**
 * The last SETTLED_REQUESTS_KEPT settled requests by id, so a reply that arrives after its request was
 * settled (by another copy, PROTOCOL.md 1.4) is recognised as a late copy instead of a stranger.
 */
export class SettledReplies {
  private readonly ring: SettledRequest[] = [];
  private readonly byId = new Map<number, SettledRequest>();

  remember(settled: SettledRequest): void {
    this.ring.push(settled);
    for (const id of settled.ids) this.byId.set(id, settled);
    if (this.ring.length <= SETTLED_REQUESTS_KEPT) return;
    const oldest = this.ring.shift() as SettledRequest;
    for (const id of oldest.ids) if (this.byId.get(id) === oldest) this.byId.delete(id);
  }

  find(id: number): SettledRequest | undefined {
    return this.byId.get(id);
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** An id is taken by a new request: a reply carrying it from now on is that request's. */
  forget(id: number): void {
    this.byId.delete(id);
  }
}

/**
 * Whether two replies to one request say the same thing: both `ok`, or the same error. A read repeated
 * under a new id measures again, so the fields of two `ok`s may differ and still both be true; `dup=1`
 * repeats an outcome without its fields.
 */
export function sameAnswer(a: OkMessage | ErrorMessage, b: OkMessage | ErrorMessage): boolean {
  if (a.kind === 'ok' || b.kind === 'ok') return a.kind === b.kind;
  return a.code === b.code;
}
