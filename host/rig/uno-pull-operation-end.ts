import { lastOperationFromFields } from '../../firmware-protocol/codec/known-replies.js';
import type { DoneMessage } from '../../firmware-protocol/codec/messages/done.js';
import { requests } from '../../firmware-protocol/generated/commands.js';
import type { LineClient } from '../link/line-client.js';

/** After the operation should have ended, how often RESULT is asked in case its DONE went missing. */
const RESULT_POLL_MS = 1000;
/**
 * After a rejected line, how long a pull sample may take to follow it (three periods of the 80 Hz stream):
 * a valid sample after the damaged line shows the operation still running, so the line was not its DONE.
 */
const SAMPLE_AFTER_REJECTED_MS = 40;

export interface OperationEnd<T extends DoneMessage> {
  done: T;
  /** The DONE line was lost or damaged and RESULT gave its fields. */
  recovered: boolean;
}

/**
 * Wait for the DONE of a long operation (PULL, HOME). Start it before sending the request, then
 * call `accepted()` once the rig answered `ok`. A DONE damaged on the line is not waited out: from
 * acceptance on, every rejected line that no sample follows, and every RESULT_POLL_MS once the operation should have ended
 * (`expectedEndAtMs` on the client's clock), asks RESULT, and an ended operation's DONE fields in its
 * reply settle the wait (PROTOCOL.md 3.5). Rejects on timeout, reset and close like `waitFor`, and on
 * `cancel()`, which the caller calls when it stops waiting (the request refused): then no listener, poll
 * or timer of the wait is left behind.
 */
export function waitForOperationEnd<T extends DoneMessage>(
  client: LineClient,
  operation: T['operation'],
  timeoutMs: number,
): { end: Promise<OperationEnd<T>>; accepted: (expectedEndAtMs: number) => void; cancel: () => void } {
  const cancelled = new AbortController();
  let recover: (end: OperationEnd<T>) => void = () => undefined;
  const recovered = new Promise<OperationEnd<T>>((resolve) => {
    recover = resolve;
  });
  const pushed = client.waitFor('done', (m) => m.operation === operation, timeoutMs, cancelled.signal).then((done) => ({ done: done as T, recovered: false }));
  let settled = false;
  let asking = false;
  let pollHandle: unknown = null;
  const ask = (): void => {
    if (settled || asking || client.isClosed) return;
    asking = true;
    client
      .request(...requests.result())
      .then((reply) => {
        const last = lastOperationFromFields(reply.fields);
        if (settled || last?.state !== 'ended' || last.done.operation !== operation) return;
        if (last.done.operation === 'PULL') client.samples.onDone(last.done.lastSampleNumber);
        recover({ done: last.done as T, recovered: true });
      })
      // A RESULT lost as well: the next rejected line or poll asks again; the wait's own timeout bounds it all.
      .catch(() => undefined)
      .finally(() => {
        asking = false;
      });
  };
  // A damaged line is a DONE only if no sample follows it: ask RESULT once the stream stayed quiet after it.
  let quietCheck: unknown = null;
  const askUnlessSampleFollows = (): void => {
    if (quietCheck !== null) return;
    quietCheck = client.clock.schedule(SAMPLE_AFTER_REJECTED_MS, () => {
      quietCheck = null;
      ask();
    });
  };
  const onSample = (): void => {
    client.clock.cancel(quietCheck);
    quietCheck = null;
  };
  // From before the request on: a damaged DONE may come in the same chunk as the `ok`, before accepted() runs.
  let isAccepted = false;
  let rejectedBeforeAcceptance = false;
  const onRejected = (): void => {
    if (isAccepted) askUnlessSampleFollows();
    else rejectedBeforeAcceptance = true;
  };
  client.on('rejected', onRejected);
  client.on('sample', onSample);
  const poll = (): void => {
    ask();
    pollHandle = client.clock.schedule(RESULT_POLL_MS, poll);
  };
  const end = Promise.race([pushed, recovered]).finally(() => {
    settled = true;
    cancelled.abort(new Error(`the wait for DONE:${operation} is over`));
    client.off('rejected', onRejected);
    client.off('sample', onSample);
    client.clock.cancel(pollHandle);
    client.clock.cancel(quietCheck);
  });
  const accepted = (expectedEndAtMs: number): void => {
    isAccepted = true;
    if (rejectedBeforeAcceptance) askUnlessSampleFollows();
    pollHandle = client.clock.schedule(Math.max(0, expectedEndAtMs - client.clock.now()), poll);
  };
  // The request was refused or failed: nothing will end; stop listening now rather than at the timeout.
  const cancel = (): void => cancelled.abort(new Error(`DONE:${operation} is no longer awaited`));
  return { end, accepted, cancel };
}
