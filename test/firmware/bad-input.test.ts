import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDeviceLine } from '../../firmware-protocol/codec/device-line.js';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { ErrorCode, LIMITS } from '../../firmware-protocol/generated/codes.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

/** The error number of a raw reply line, or 0 for ok. */
function replyCode(line: string): number {
  const decoded = decodeDeviceLine(line, { requireCrc: true });
  if (!decoded.ok) throw new Error(`reply line rejected: ${decoded.detail}`);
  if (decoded.message.kind === 'ok') return 0;
  if (decoded.message.kind === 'error') return decoded.message.code;
  throw new Error(`not a reply: ${line}`);
}

/** Deterministic pseudo-random generator, so a failing input can be reproduced. */
function* randomBytes(seed: number): Generator<number> {
  let state = seed >>> 0;
  for (;;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield state >>> 24;
  }
}

describe('bad input: every bad line gets its error code, never silence, never a reset', () => {
  let session: FirmwareSession;
  beforeAll(async () => {
    session = await openFirmwareSession();
  });
  afterAll(() => session.close());

  const cases: Array<[string, string, number]> = [
    ['unknown command', 'FROB 1', ErrorCode.UNKNOWN_COMMAND],
    ['a letter where a number belongs', 'VDROP 1 five', ErrorCode.BAD_NUMBER],
    ['two decimal points', 'VDROP 1 5.7.1', ErrorCode.BAD_NUMBER],
    ['pull force above the force cap', 'PULL 999 10 1000', ErrorCode.OUT_OF_RANGE],
    ['negative hold time', 'PULL 50 10 -1', ErrorCode.OUT_OF_RANGE],
    ['test current above the rig maximum', 'VDROP 1 51', ErrorCode.OUT_OF_RANGE],
    ['pole beyond the relay matrix', 'POLE 9', ErrorCode.OUT_OF_RANGE],
    ['missing argument', 'PULL 50 10', ErrorCode.MISSING_ARGUMENT],
    ['too many arguments', 'POLE 1 2', ErrorCode.TOO_MANY_ARGUMENTS],
    ['a wrong checksum', '#12 PING*0000', ErrorCode.BAD_CHECKSUM],
    ['a malformed checksum', 'PING*zz', ErrorCode.BAD_CHECKSUM],
    ['a request id without a CRC (lost on the wire)', '#12 PING', ErrorCode.BAD_CHECKSUM],
    ['a malformed request id', sealLine('#x PING'), ErrorCode.BAD_REQUEST_ID],
    ['a request id out of range', sealLine('#70000 PING'), ErrorCode.BAD_REQUEST_ID],
    ['an unknown setting', 'SET colour blue', ErrorCode.UNKNOWN_SETTING],
    ['a rig id with a space-like character', 'SET rigId a/b', ErrorCode.OUT_OF_RANGE],
    ['a line over the limit', `PING ${'9'.repeat(LIMITS.lineMaxChars)}`, ErrorCode.LINE_TOO_LONG],
    ['a line of twice the RX ring', 'X'.repeat(200), ErrorCode.LINE_TOO_LONG],
  ];

  for (const [name, line, code] of cases) {
    it(`${name}: error ${code}, then the rig still answers`, async () => {
      expect(replyCode(await session.exchange(line))).toBe(code);
      expect(replyCode(await session.exchange('PING'))).toBe(0);
    });
  }

  it('control bytes in a line: error FORBIDDEN_BYTE', async () => {
    expect(replyCode(await session.exchange('PI\x01NG'))).toBe(ErrorCode.FORBIDDEN_BYTE);
  });

  it('a line refused before its id could be trusted names the id its start reads as (rid), unverified and without the #id prefix', async () => {
    expect(await session.exchange('#12 PING*0000')).toMatch(/^error:7 rid=12\*[0-9A-F]{4}$/);
    expect(await session.exchange('#13 PI\x01NG')).toMatch(/^error:23 rid=13\*[0-9A-F]{4}$/);
    expect(await session.exchange(`#14 PING ${'9'.repeat(LIMITS.lineMaxChars)}`)).toMatch(/^error:6 rid=14\*[0-9A-F]{4}$/);
    // Not an id: no rid.
    expect(await session.exchange('#012 PING*0000')).toMatch(/^error:7\*[0-9A-F]{4}$/);
    expect(await session.exchange('#70000 PING*0000')).toMatch(/^error:7\*[0-9A-F]{4}$/);
    // Such a reply is not remembered: the same id, now intact, runs.
    expect(await session.exchange(sealLine('PING', 12))).toMatch(/^#12 ok\*/);
  });

  it('500 random garbage lines each get exactly one reply, and no reboot', async () => {
    const bytes = randomBytes(20261125);
    const realtime = new Set([0x3f, 0x21, 0x18, 0x0a, 0x0d]);
    const isReplyLine = (line: string): boolean => {
      const decoded = decodeDeviceLine(line, { requireCrc: true });
      return decoded.ok && (decoded.message.kind === 'ok' || decoded.message.kind === 'error');
    };
    const repliesBefore = session.lines.filter(isReplyLine).length;
    for (let n = 0; n < 500; n++) {
      const length = 1 + ((bytes.next().value as number) % 90);
      let line = '';
      while (line.length < length) {
        const byte = bytes.next().value as number;
        if (!realtime.has(byte)) line += String.fromCharCode(byte);
      }
      const code = replyCode(await session.exchange(line));
      expect(code, JSON.stringify(line)).toBeGreaterThanOrEqual(0);
    }
    expect(replyCode(await session.exchange('PING'))).toBe(0);
    await session.sleep(50); // a second reply to any line would have arrived by now
    expect(session.lines.filter(isReplyLine).length - repliesBefore).toBe(501);
    expect(session.sim.stats.resets).toBe(1);
    expect(session.sim.stats.watchdogResets).toBe(0);
  });
});
