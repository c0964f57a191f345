/**
 * Which line did the firmware really answer? The firmware answers every line it assembles with
 * exactly one reply, in order (PROTOCOL.md 2), so pairing the bytes it received (after the noise)
 * with the replies it sent (before the noise) shows, for every reply, the exact line it acted on.
 * A reboot (a noise byte can become Ctrl-X) loses the receive ring and the bytes sent while the
 * receiver was off; the simulator's counters at each reset say where the next run of lines starts.
 */

/** The simulator's byte counters at one reset (UnoPullSimulator.stats). */
export interface ResetMark {
  /** Host bytes taken off the wire so far (delivered + lost). */
  hostConsumed: number;
  /** Host bytes lost so far because the receiver was off. */
  hostLost: number;
  /** Device bytes sent so far. */
  deviceBytes: number;
}

export interface AuditInput {
  /** Every byte handed to the device, in order, after the noise. */
  hostReceived: Buffer;
  /** Every byte the device sent, in order, before the noise. */
  deviceSent: Buffer;
  /** Counters at every reset after power-on, oldest first. */
  resets: readonly ResetMark[];
  /** Host bytes lost in total at the end (UnoPullSimulator.stats.hostBytesLost). */
  hostLostAtEnd: number;
  /** The lines (without the newline) the host wrote, as it wrote them. */
  hostSentLines: ReadonlySet<string>;
}

/** One line the firmware assembled and the reply it gave. */
export interface AnsweredLine {
  received: string;
  reply: string;
}

export interface AuditResult {
  /** Lines the firmware answered. */
  answered: number;
  /** Answered with an id or with `ok` (passed the envelope) although not a line the host sent: corrupted lines run. */
  corruptedRun: AnsweredLine[];
  /** The keep-alive `PING*CRC` that reached the firmware as `PING` (its CRC cut off by a flipped `*`) and was answered `ok`. */
  keepAliveRunWithoutCrc: number;
  /** Answered without an id as damaged (error:N): refused. */
  refused: number;
  /** A reply whose id is not the id of the line it is paired with: the pairing itself is wrong. */
  mispaired: AnsweredLine[];
  /** Lines received but never answered (cut off by a reboot). */
  unanswered: number;
}

// What the receive interrupt picks out of the stream before the line assembler sees it (PROTOCOL.md 4):
// '?' anywhere; '!' and Ctrl-X only at a line start and followed at once by the newline, which goes too.
const STATUS_BYTE = 0x3f;
const LINE_REALTIME_BYTES: ReadonlySet<number> = new Set([0x21, 0x18]);
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
// The firmware reads up to five digits after '#', leading zeros allowed.
const LINE_ID = /^#(\d{1,5}) /;
const REPLY_ID = /^#(\d+) /;
const CRC_SUFFIX = /\*[0-9A-F]{4}$/;
const KEEP_ALIVE_BODY = 'PING';
// Short operations in the host's mix (PROTOCOL.md 2.1); reads, so every attempt has its own id.
const SHORT_OPERATION = /^#\d+ VDROP /;
// What a VDROP answers (a damaged id can name a later request of another kind: its reply does not count).
const SHORT_OPERATION_REPLY = /^#\d+ (ok pole=\d+ mv=|error:)/;
// How many replies may overtake a short operation's own: a VDROP takes ~40 ms, a line's exchange
// at least a few. Bounded, so a damaged id that names a later request is not taken for a deferral.
const DEFERRAL_WINDOW = 8;

function idOf(pattern: RegExp, line: string): number | undefined {
  const digits = pattern.exec(line)?.[1];
  return digits === undefined ? undefined : Number(digits);
}

/** The lines the firmware's line assembler makes of these bytes (complete lines only). */
export function assembledLines(bytes: Buffer): string[] {
  const lines: string[] = [];
  let current: number[] = [];
  const assemble = (byte: number): void => {
    if (byte === CARRIAGE_RETURN) return;
    if (byte === NEWLINE) {
      lines.push(Buffer.from(current).toString('latin1'));
      current = [];
    } else current.push(byte);
  };
  let atLineStart = true;
  let held: number | null = null;
  for (const byte of bytes) {
    if (byte === STATUS_BYTE) continue;
    if (held !== null) {
      const byteHeld = held;
      held = null;
      if (byte === NEWLINE) {
        atLineStart = true; // an abort or reboot line: neither byte reaches the assembler
        continue;
      }
      assemble(byteHeld);
    } else if (atLineStart && LINE_REALTIME_BYTES.has(byte)) {
      held = byte;
      continue;
    }
    atLineStart = byte === NEWLINE;
    assemble(byte);
  }
  return lines;
}

/** The device's replies (ok / error, with or without id) in this stretch of its output, CRCs removed. */
function repliesIn(bytes: Buffer): string[] {
  const lines = bytes.toString('latin1').split('\n');
  lines.pop(); // unterminated: cut off by a reboot, never a whole reply
  return lines
    .map((line) => line.replace(CRC_SUFFIX, ''))
    .filter((line) => line.startsWith('#') || line.startsWith('ok') || line.startsWith('error:'));
}

export function auditFirmwareLines(input: AuditInput): AuditResult {
  const result: AuditResult = { answered: 0, corruptedRun: [], keepAliveRunWithoutCrc: 0, refused: 0, mispaired: [], unanswered: 0 };
  const stretches = [{ hostStart: 0, hostEnd: 0, deviceStart: 0, deviceEnd: 0 }];
  input.resets.forEach((mark, index) => {
    const lostBeforeNext = input.resets[index + 1]?.hostLost ?? input.hostLostAtEnd;
    const previous = stretches[stretches.length - 1] as (typeof stretches)[number];
    previous.hostEnd = mark.hostConsumed;
    previous.deviceEnd = mark.deviceBytes;
    // Bytes taken while the receiver was off are all lost, one run straight after the reset.
    stretches.push({ hostStart: mark.hostConsumed + (lostBeforeNext - mark.hostLost), hostEnd: 0, deviceStart: mark.deviceBytes, deviceEnd: 0 });
  });
  const last = stretches[stretches.length - 1] as (typeof stretches)[number];
  last.hostEnd = input.hostReceived.length;
  last.deviceEnd = input.deviceSent.length;

  for (const stretch of stretches) {
    const lines = assembledLines(input.hostReceived.subarray(stretch.hostStart, stretch.hostEnd));
    const replies = repliesIn(input.deviceSent.subarray(stretch.deviceStart, stretch.deviceEnd));
    result.unanswered += Math.max(0, lines.length - replies.length);
    let next = 0;
    // A short operation answers when it ends; lines that arrive meanwhile are answered first.
    const deferred = new Map<number, string>();
    replies.forEach((reply, index) => {
      const replyId = idOf(REPLY_ID, reply);
      let received = replyId === undefined ? undefined : deferred.get(replyId);
      if (received !== undefined) deferred.delete(replyId as number);
      else {
        const candidate = lines[next];
        const candidateId = candidate === undefined ? undefined : idOf(LINE_ID, candidate);
        const answeredLater =
          candidate !== undefined &&
          SHORT_OPERATION.test(candidate) &&
          // Only an intact line can have started the operation; a damaged one may carry the id of its retry.
          input.hostSentLines.has(candidate) &&
          candidateId !== undefined &&
          candidateId !== replyId &&
          replies.slice(index + 1, index + 1 + DEFERRAL_WINDOW).some((later) => idOf(REPLY_ID, later) === candidateId && SHORT_OPERATION_REPLY.test(later));
        if (answeredLater) {
          deferred.set(candidateId as number, candidate as string);
          next++;
        }
        received = lines[next++];
      }
      const pair = { received: received ?? '(no line)', reply };
      if (received === undefined) {
        result.mispaired.push(pair);
        return;
      }
      result.answered++;
      if (replyId !== undefined && replyId !== idOf(LINE_ID, received)) {
        result.mispaired.push(pair);
        return;
      }
      const passedEnvelope = replyId !== undefined || reply.startsWith('ok');
      if (!passedEnvelope) result.refused++;
      else if (input.hostSentLines.has(received)) return;
      else if (received === KEEP_ALIVE_BODY && reply === 'ok') result.keepAliveRunWithoutCrc++;
      else result.corruptedRun.push(pair);
    });
  }
  return result;
}
