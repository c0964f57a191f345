import type { EventEmitter } from 'node:events';
import type { BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';
import type { Clock } from '../shared/clock.js';
import type { PushKind, PushOf } from './line-client-events.js';
import { FirmwareResetError, LinkClosedError } from './request-errors.js';

// What a rebooting rig sends; a wait for anything else cannot be satisfied by the rig that went away.
const KINDS_THAT_SURVIVE_A_RESET: ReadonlySet<PushKind> = new Set(['banner', 'msg']);

type EndWait = (why: 'reset' | 'close', banner?: BannerMessage) => void;

/** Waits for push messages, each ended by its message, its timeout, its signal, a reset or the link closing. */
export class PushWaits {
  private readonly ends = new Set<EndWait>();
  private closed = false;
  private closedReason: string | undefined;

  /** `events` emits each push message under its kind. */
  constructor(
    private readonly events: EventEmitter,
    private readonly clock: Clock,
  ) {}

  /** The next push message of `kind` that `accept` takes; LineClient.waitFor says when it rejects instead. */
  wait<K extends PushKind>(kind: K, accept: (message: PushOf<K>) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<PushOf<K>> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        finish();
        reject(signal?.reason instanceof Error ? signal.reason : new Error(`the wait for a ${kind} message was cancelled`));
      };
      const finish = (): void => {
        this.events.off(kind, listener);
        this.clock.cancel(timer);
        this.ends.delete(end);
        signal?.removeEventListener('abort', onAbort);
      };
      const listener = (message: PushOf<K>): void => {
        if (!accept(message)) return;
        finish();
        resolve(message);
      };
      const end = (why: 'reset' | 'close', banner?: BannerMessage): void => {
        if (why === 'reset' && KINDS_THAT_SURVIVE_A_RESET.has(kind)) return;
        finish();
        const what = `the wait for a ${kind} message`;
        reject(why === 'close' || !banner ? new LinkClosedError(what, this.closedReason) : new FirmwareResetError(what, banner));
      };
      const timer = this.clock.schedule(timeoutMs, () => {
        finish();
        reject(new Error(`no ${kind} message within ${timeoutMs} ms`));
      });
      if (this.closed) {
        end('close');
        return;
      }
      if (signal?.aborted) {
        onAbort();
        return;
      }
      this.events.on(kind, listener);
      this.ends.add(end);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The link closed: every wait fails with LinkClosedError carrying `reason`, and so does every later one. */
  close(reason: string | undefined): void {
    this.closed = true;
    this.closedReason = reason;
    for (const end of [...this.ends]) end('close');
  }

  /** The rig rebooted: every wait fails with FirmwareResetError, except for a kind a rebooting rig sends. */
  reset(banner: BannerMessage): void {
    for (const end of [...this.ends]) end('reset', banner);
  }
}
