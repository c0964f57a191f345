import { LIMITS } from '../generated/codes.js';
import { crcHex } from './crc16.js';

/** Why a line was refused before its body was looked at. */
export type EnvelopeFailure = 'too-long' | 'control-character' | 'missing-crc' | 'malformed-crc' | 'bad-crc' | 'bad-id';

export type OpenedEnvelope =
  | { ok: true; id?: number; body: string; hadCrc: boolean }
  | { ok: false; reason: EnvelopeFailure; detail: string };

export interface EnvelopeOptions {
  /** A program must verify the CRC (PROTOCOL.md 1.1); only a human at a terminal may leave it out. */
  requireCrc: boolean;
  /** Characters without the newline: LIMITS.lineMaxChars host->device, LIMITS.deviceLineMaxChars device->host. */
  maxChars: number;
  /**
   * A line with an id must carry a CRC (host lines, PROTOCOL.md 1.1): one flipped bit can turn the `*` into
   * `\n` or a letter, and the id says a program sent the line, so it was sealed.
   */
  idNeedsCrc?: boolean;
}

// Printable ASCII plus TAB, which PROTOCOL.md 1 does not list among the refused bytes.
const FORBIDDEN_CHAR = /[^\t\x20-\x7e]/;
const CRC_SUFFIX = /^[0-9A-F]{4}$/;
const ID_PREFIX = /^#([1-9][0-9]{0,4}) /;

/**
 * Check `[#<id> ]<body>[*<crc>]` in the order the firmware does: length, characters, CRC, id.
 * The CRC comes before the id because the id itself may be the corrupted part.
 * `line` is one line without its `\n`; one trailing `\r` is ignored.
 */
export function openEnvelope(line: string, options: EnvelopeOptions): OpenedEnvelope {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.length > options.maxChars) return { ok: false, reason: 'too-long', detail: `${text.length} characters, at most ${options.maxChars}` };
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad) return { ok: false, reason: 'control-character', detail: `byte 0x${bad[0].charCodeAt(0).toString(16).padStart(2, '0')} at ${bad.index}` };

  let covered = text;
  const star = text.indexOf('*');
  if (star >= 0) {
    covered = text.slice(0, star);
    const given = text.slice(star + 1);
    if (!CRC_SUFFIX.test(given)) return { ok: false, reason: 'malformed-crc', detail: `"*${given}" is not * and four upper-case hex digits` };
    const expected = crcHex(covered);
    if (given !== expected) return { ok: false, reason: 'bad-crc', detail: `CRC ${given}, computed ${expected}` };
  } else if (options.requireCrc || (options.idNeedsCrc && text.startsWith('#'))) {
    return { ok: false, reason: 'missing-crc', detail: 'no *CRC at the end of the line' };
  }

  if (!covered.startsWith('#')) return { ok: true, body: covered, hadCrc: star >= 0 };
  const idMatch = ID_PREFIX.exec(covered);
  const id = idMatch ? Number(idMatch[1]) : NaN;
  if (!idMatch || id > LIMITS.requestIdMax) {
    return { ok: false, reason: 'bad-id', detail: `"${covered.split(' ')[0]}" is not # and 1..${LIMITS.requestIdMax} followed by a space` };
  }
  return { ok: true, id, body: covered.slice(idMatch[0].length), hadCrc: star >= 0 };
}

/** `#<id> <body>*<CRC>` (id optional), without the newline: what a program sends. */
export function sealLine(body: string, id?: number): string {
  if (id !== undefined && !(Number.isInteger(id) && id >= 1 && id <= LIMITS.requestIdMax)) {
    throw new RangeError(`request id ${id} is outside 1..${LIMITS.requestIdMax}`);
  }
  const covered = id === undefined ? body : `#${id} ${body}`;
  return `${covered}*${crcHex(covered)}`;
}
