import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crcHex,
  decodeDeviceLine,
  decodeRequestLine,
  encodeDeviceLine,
  encodeRequest,
  formatArgumentNumber,
  openEnvelope,
  sealLine,
  type DeviceMessage,
} from '../../firmware-protocol/codec/index.js';
import { LIMITS } from '../../firmware-protocol/generated/codes.js';

// Property tests of the host's protocol decoder (firmware-protocol/codec/): whatever arrives on the
// serial line, the decoder answers with a verdict instead of throwing; every message the firmware
// can send survives encode -> decode; the CRC lets no single flipped bit through; ids come back.

const ENVELOPE_FAILURES = ['too-long', 'control-character', 'missing-crc', 'malformed-crc', 'bad-crc', 'bad-id', 'id-on-push'];
const MESSAGE_KINDS = ['banner', 'ok', 'error', 'status', 'alarm', 'msg', 'sample', 'done', 'unknown'];

// ---- arbitraries ----

const chars = (from: number, to: number, except = '') =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).filter((c) => !except.includes(c));

/** Bytes as the serial port delivers them (latin1 string), any value but the line end. */
const serialByte = fc.constantFrom(...chars(0x00, 0xff, '\n'));
/** The characters the protocol gives meaning to, to get past the envelope more often than random bytes do. */
const protocolChar = fc.constantFrom(...'#*0123456789ABCDEF okerror:=<>[]MSG:ALARMDONE:PULLHOME S-.,\t\r'.split(''));

/** A field value the firmware can print: printable ASCII without space (the field separator) and `*` (the CRC separator). */
const fieldValue = fc.string({ unit: fc.constantFrom(...chars(0x21, 0x7e, '*')), minLength: 1, maxLength: 12 });
const fieldKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
const fields = fc.dictionary(fieldKey, fieldValue, { maxKeys: 4 });
const code = fc.integer({ min: 1, max: 255 });
const id = fc.integer({ min: 1, max: LIMITS.requestIdMax });
/** A number with exactly `decimals` decimals, as the firmware prints it. */
const fixed = (decimals: number) => fc.integer({ min: -10_000_000, max: 10_000_000 }).map((k) => k / 10 ** decimals);
const count = fc.nat({ max: 10_000_000 });

const okMessage = fc.record({ kind: fc.constant('ok' as const), fields });
const errorMessage = fc.record({ kind: fc.constant('error' as const), code, fields });
const replyMessage = fc.oneof(okMessage, errorMessage);
const pushMessage = fc.oneof(
  fc.record({ kind: fc.constant('alarm' as const), code, fields }),
  fc.record({ kind: fc.constant('msg' as const), text: fc.string({ unit: fc.constantFrom(...chars(0x20, 0x7e, '*[]')), maxLength: 60 }) }),
  fc.record({ kind: fc.constant('sample' as const), sampleNumber: fc.integer({ min: 1, max: 10_000_000 }), tMs: count, forceN: fixed(2), posMm: fixed(4) }),
  fc.record({
    kind: fc.constant('status' as const),
    state: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,9}$/),
    pole: fc.nat({ max: 255 }),
    forceN: fixed(2),
    posMm: fixed(4),
    currentA: fixed(3),
    tempC: fixed(2),
    estopPressed: fc.boolean(),
    guardOpen: fc.boolean(),
    atHome: fc.boolean(),
    homed: fc.boolean(),
    alarms: fc.array(code, { maxLength: 4 }),
  }),
  fc.record(
    {
      kind: fc.constant('done' as const),
      operation: fc.constant('PULL' as const),
      result: fc.constantFrom('held' as const, 'slip' as const, 'pullout' as const, 'aborted' as const, 'alarm' as const),
      peakN: fixed(2),
      holdMinN: fixed(2),
      holdMaxN: fixed(2),
      slipMm: fixed(4),
      lastSampleNumber: count,
      durationMs: count,
      alarm: code,
    },
    { requiredKeys: ['kind', 'operation', 'result', 'peakN', 'holdMinN', 'holdMaxN', 'slipMm', 'lastSampleNumber', 'durationMs'] },
  ),
  fc.record(
    {
      kind: fc.constant('done' as const),
      operation: fc.constant('HOME' as const),
      result: fc.constantFrom('ok' as const, 'aborted' as const, 'alarm' as const),
      posMm: fixed(4),
      alarm: code,
    },
    { requiredKeys: ['kind', 'operation', 'result', 'posMm'] },
  ),
  fc.record({
    kind: fc.constant('banner' as const),
    firmwareVersion: fc.stringMatching(/^[0-9A-Za-z.+-]{1,10}$/),
    protocolMajor: fc.nat({ max: 999 }),
    protocolMinor: fc.nat({ max: 999 }),
    rigId: fc.stringMatching(/^[A-Za-z0-9_-]{1,15}$/),
  }),
);

/** A line the firmware could send: a push, or a reply with or without the id of its request. */
const deviceLine = fc.oneof(
  pushMessage.map((message) => ({ message: message as DeviceMessage, id: undefined as number | undefined })),
  fc.record({ message: replyMessage as fc.Arbitrary<DeviceMessage>, id: fc.option(id, { nil: undefined }) }),
).map(({ message, id: replyId }) => ({ message, id: replyId, line: encodeDeviceLine(message, replyId) }));

/** A request the host can send: id, command word, up to three arguments (numbers or words). */
const argument = fc.oneof(
  fc.double({ min: -999_999, max: 999_999, noNaN: true, noDefaultInfinity: true }).map(formatArgumentNumber),
  fc.string({ unit: fc.constantFrom(...chars(0x21, 0x7e, '*?!')), minLength: 1, maxLength: 8 }),
);
const request = fc.record({ id, command: fc.stringMatching(/^[A-Za-z]{1,8}$/), args: fc.array(argument, { maxLength: 3 }) });

/** Every line that differs from `line` in exactly one bit of one character (of 8 bits: the wire carries bytes). */
function singleBitFlips(line: string): Array<{ index: number; corrupted: string }> {
  const flips = [];
  for (let index = 0; index < line.length; index++) {
    for (let bit = 0; bit < 8; bit++) {
      const flipped = String.fromCharCode(line.charCodeAt(index) ^ (1 << bit));
      flips.push({ index, corrupted: line.slice(0, index) + flipped + line.slice(index + 1) });
    }
  }
  return flips;
}

// ---- properties ----

describe('the device-line decoder never throws, whatever arrives', () => {
  function checkVerdict(line: string) {
    for (const requireCrc of [true, false]) {
      const decoded = decodeDeviceLine(line, { requireCrc });
      if (decoded.ok) expect(MESSAGE_KINDS).toContain(decoded.message.kind);
      else expect(ENVELOPE_FAILURES).toContain(decoded.reason);
    }
    const opened = openEnvelope(line, { requireCrc: false, maxChars: LIMITS.lineMaxChars });
    if (!opened.ok) expect(ENVELOPE_FAILURES).toContain(opened.reason);
    expect(typeof decodeRequestLine(line).ok).toBe('boolean');
  }

  it('answers random bytes from the serial port with a verdict', () => {
    fc.assert(fc.property(fc.string({ unit: serialByte, maxLength: 300 }), checkVerdict), { numRuns: 2000 });
  });

  it('answers random strings of any code points (a decoder fed a wrongly decoded stream) with a verdict', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkVerdict), { numRuns: 2000 });
  });

  it('answers lines made of protocol characters, with a correct CRC appended, with a verdict', () => {
    fc.assert(
      fc.property(fc.string({ unit: protocolChar, maxLength: 120 }), fc.boolean(), (body, sealed) => checkVerdict(sealed ? `${body}*${crcHex(body)}` : body)),
      { numRuns: 5000 },
    );
  });
});

describe('a valid device line with a correct CRC round-trips', () => {
  it('decodes every line the firmware can send to the message and id it was made from, and encodes it back to the same line', () => {
    fc.assert(
      fc.property(deviceLine, ({ message, id: replyId, line }) => {
        expect(line.length).toBeLessThanOrEqual(LIMITS.deviceLineMaxChars);
        const decoded = decodeDeviceLine(line, { requireCrc: true });
        expect(decoded).toEqual({ ok: true, ...(replyId === undefined ? {} : { id: replyId }), message });
        if (decoded.ok) expect(encodeDeviceLine(decoded.message, decoded.id)).toBe(line);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a single flipped bit never turns a CRC-protected line into a message', () => {
  it('rejects every single-bit corruption of any device line when the CRC is required (the host)', () => {
    fc.assert(
      fc.property(deviceLine, ({ line }) => {
        for (const { corrupted } of singleBitFlips(line)) {
          expect(decodeDeviceLine(corrupted, { requireCrc: true }).ok, JSON.stringify(corrupted)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a corrupted device line with the CRC optional (a terminal) only when the flip destroyed the * itself', () => {
    fc.assert(
      fc.property(deviceLine, ({ line }) => {
        const star = line.lastIndexOf('*');
        for (const { index, corrupted } of singleBitFlips(line)) {
          if (decodeDeviceLine(corrupted, { requireCrc: false }).ok) expect(index, JSON.stringify(corrupted)).toBe(star);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every single-bit corruption of a sealed request, also one that destroyed its * (a line with an id needs a CRC)', () => {
    fc.assert(
      fc.property(request, ({ id: requestId, command, args }) => {
        const line = encodeRequest(requestId, command, args);
        for (const { corrupted } of singleBitFlips(line)) {
          expect(decodeRequestLine(corrupted).ok, JSON.stringify(corrupted)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('request ids parse back', () => {
  it('returns the id, command and arguments of every request the host encodes', () => {
    fc.assert(
      fc.property(request, ({ id: requestId, command, args }) => {
        const line = encodeRequest(requestId, command, args);
        expect(line.length).toBeLessThanOrEqual(LIMITS.lineMaxChars);
        expect(decodeRequestLine(line)).toEqual({ ok: true, id: requestId, command: command.toUpperCase(), args });
      }),
      { numRuns: 3000 },
    );
  });

  it('returns the id a reply echoes, for every id 1..65535', () => {
    fc.assert(
      fc.property(id, replyMessage, (replyId, message) => {
        const decoded = decodeDeviceLine(encodeDeviceLine(message, replyId), { requireCrc: true });
        expect(decoded.ok && decoded.id).toBe(replyId);
      }),
      { numRuns: 3000 },
    );
    for (const edge of [1, LIMITS.requestIdMax]) expect(openEnvelope(sealLine('PING', edge), { requireCrc: true, maxChars: 64 })).toMatchObject({ ok: true, id: edge });
  });

  it('refuses to seal an id outside 1..65535 or a fraction', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: LIMITS.requestIdMax + 1 }), fc.double({ min: 1, max: 65535, noInteger: true })), (bad) => {
        expect(() => sealLine('PING', bad)).toThrow(RangeError);
      }),
    );
  });

  it('rejects a line whose id is 0, above 65535, or not a number, with bad-id', () => {
    const badId = fc.oneof(
      fc.constant('0'),
      fc.integer({ min: LIMITS.requestIdMax + 1, max: 999_999_999 }).map(String),
      fc.string({ unit: fc.constantFrom(...chars(0x21, 0x7e, '0123456789*')), minLength: 1, maxLength: 5 }),
    );
    fc.assert(
      fc.property(badId, fc.boolean(), (text, sealed) => {
        const covered = `#${text} PING`;
        const line = sealed ? `${covered}*${crcHex(covered)}` : covered;
        expect(openEnvelope(line, { requireCrc: false, maxChars: LIMITS.deviceLineMaxChars })).toMatchObject({ ok: false, reason: 'bad-id' });
      }),
      { numRuns: 1000 },
    );
  });
});
