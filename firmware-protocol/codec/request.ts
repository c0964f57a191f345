import { ErrorCode, LIMITS } from '../generated/codes.js';
import { openEnvelope, sealLine, type EnvelopeFailure } from './envelope.js';

export type DecodedRequest =
  /** `command` upper-cased; `''` for an empty line, which the firmware answers `ok`. */
  | { ok: true; id?: number; command: string; args: string[] }
  /**
   * Envelope failures never carry an id: it may be the corrupted part. `receivedId` is the id the line
   * seems to start with, which the firmware sends back as the hint `rid` (PROTOCOL.md 1.3).
   */
  | { ok: false; error: ErrorCode; detail: string; receivedId?: number };

const ENVELOPE_ERRORS: Record<EnvelopeFailure, ErrorCode> = {
  'too-long': ErrorCode.LINE_TOO_LONG,
  'control-character': ErrorCode.FORBIDDEN_BYTE,
  'missing-crc': ErrorCode.BAD_CHECKSUM,
  'malformed-crc': ErrorCode.BAD_CHECKSUM,
  'bad-crc': ErrorCode.BAD_CHECKSUM,
  'bad-id': ErrorCode.BAD_REQUEST_ID,
};

/**
 * What the firmware does with one host line (without `\n`, realtime bytes already picked out by the receive
 * path): envelope -> id, command, arguments, or the error it answers. The host-side model used for vectors.
 */
export function decodeRequestLine(line: string): DecodedRequest {
  // The firmware drops every `\r` as it assembles the line (PROTOCOL.md 1), wherever it is.
  const assembled = line.replaceAll('\r', '');
  const opened = openEnvelope(assembled, { requireCrc: false, idNeedsCrc: true, maxChars: LIMITS.lineMaxChars });
  if (!opened.ok) {
    const receivedId = opened.reason === 'bad-id' ? undefined : idPrefixOf(assembled);
    return { ok: false, error: ENVELOPE_ERRORS[opened.reason], detail: opened.detail, ...(receivedId === undefined ? {} : { receivedId }) };
  }
  // TAB is a permitted byte (PROTOCOL.md 1) and the firmware treats it like a space.
  const [command = '', ...args] = opened.body.split(/[ \t]+/).filter((word) => word !== '');
  const id = opened.id === undefined ? {} : { id: opened.id };
  return { ok: true, ...id, command: command.toUpperCase(), args };
}

/** The id a line starts with when its start is a well-formed id prefix (`#12 `), else undefined. */
function idPrefixOf(line: string): number | undefined {
  const match = /^#([1-9][0-9]{0,4}) /.exec(line);
  const id = match ? Number(match[1]) : Number.NaN;
  return id >= 1 && id <= LIMITS.requestIdMax ? id : undefined;
}

// `?` `!` are realtime bytes the receive path removes from the stream, and `*` starts the CRC: an argument
// containing any of them would arrive changed, so it is refused here instead.
const ARGUMENT_TEXT = /^[\x21-\x7e]+$/;
const UNSENDABLE = /[*?!]/;

/** Number as an argument: at most 3 decimals (the protocol's resolution), no exponent, no trailing zeros. */
export function formatArgumentNumber(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e9) throw new RangeError(`${value} cannot be sent as an argument`);
  const text = value.toFixed(3).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** `#<id> <COMMAND> <args…>*<CRC>` without the newline; throws when the line could not arrive intact. */
export function encodeRequest(id: number, command: string, args: ReadonlyArray<string | number> = []): string {
  if (!/^[A-Za-z]+$/.test(command)) throw new RangeError(`command ${JSON.stringify(command)} is not a word`);
  const words = [command.toUpperCase()];
  for (const arg of args) {
    const text = typeof arg === 'number' ? formatArgumentNumber(arg) : arg;
    if (!ARGUMENT_TEXT.test(text) || UNSENDABLE.test(text)) throw new RangeError(`argument ${JSON.stringify(text)} cannot be sent (spaces, control characters, * ? ! are not allowed)`);
    words.push(text);
  }
  const line = sealLine(words.join(' '), id);
  if (line.length > LIMITS.lineMaxChars) throw new RangeError(`request is ${line.length} characters, the firmware accepts at most ${LIMITS.lineMaxChars}`);
  return line;
}
