import { findCommand } from '../../firmware-protocol/generated/commands.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';

/**
 * How a request is repeated after its line or its reply was lost (PROTOCOL.md 1.4):
 * - 'new-id': a read; a fresh id gets the full reply again.
 * - 'same-id': changes state; the firmware answers a repeated id from memory (`dup=1`) and never runs it twice.
 * - 'never': a command this host does not know (typed at a console): we cannot tell whether repeating it is safe.
 */
export type RetryMode = 'new-id' | 'same-id' | 'never';

export function retryModeOf(command: string): RetryMode {
  const spec = findCommand(command);
  if (!spec) return 'never';
  return spec.changesState ? 'same-id' : 'new-id';
}

// Errors the firmware sends WITHOUT an id because the line was damaged before the id could be trusted
// (PROTOCOL.md 1.3): the request was not executed, so sending it again is safe. This host never sends a
// forbidden byte, so FORBIDDEN_BYTE means the line was corrupted on the wire. An id-less UNKNOWN_COMMAND is the
// tail of a request cut in two by a byte flipped into a newline: damage too, never an answer.
const LINE_DAMAGE_CODES: ReadonlySet<number> = new Set([
  ErrorCode.BAD_CHECKSUM,
  ErrorCode.LINE_TOO_LONG,
  ErrorCode.RX_OVERFLOW,
  ErrorCode.FORBIDDEN_BYTE,
  ErrorCode.UNKNOWN_COMMAND,
]);

/** An id-less `error:N` that says the request line was damaged in transit (and not executed). */
export function isLineDamageError(code: number): boolean {
  return LINE_DAMAGE_CODES.has(code);
}

/**
 * Retries a request may take because a line was damaged (its own, answered with a line-damage error, or
 * its reply, failing the CRC), on top of its attempts for silence. At 1e-2 bit errors per byte a STATUS
 * exchange (~140 bytes both ways) gets through about one time in four: 20 more tries left 0.2 % of them
 * failing (about one production-qc unit in 100 not started), 40 leave less than 1e-5. A line that stays
 * this damaged costs 40 short exchanges, under a second.
 */
export const DAMAGED_LINE_RETRIES = 40;

/** PROTOCOL.md 1.4: a reply is lost 1 s after the longest time its request may take. */
const REPLY_MARGIN_MS = 1000;
/** The longest a short operation takes on the Uno rig (PROTOCOL.md 2.1: TARE and SPAN give up after 1 s). */
const SHORT_OPERATION_MAX_MS = 1000;

/**
 * By when a reply normally has come, by kind of command (PROTOCOL.md 2.1: immediate replies start within 5 ms,
 * short operations take up to about 320 ms on the Uno rig), with room for a USB adapter's latency.
 */
const REPLY_EXPECTED_MS = { immediate: 100, long: 100, short: 400 } as const;

/**
 * When to nudge the line for `command`'s reply (a keep-alive that ends any line a flipped newline left
 * open, in either direction): the reply's usual time, far short of its timeout.
 */
export function replyNudgeMs(command: string): number {
  return REPLY_EXPECTED_MS[findCommand(command)?.kind ?? 'short'];
}

/**
 * How long to wait for the reply to `command` before sending it again: immediate commands and the `ok`
 * of a long operation 1 s, short operations their bound plus 1 s; an unknown command the longest.
 */
export function replyTimeoutMs(command: string): number {
  const kind = findCommand(command)?.kind;
  return kind === 'immediate' || kind === 'long' ? REPLY_MARGIN_MS : SHORT_OPERATION_MAX_MS + REPLY_MARGIN_MS;
}
