import { describe, expect, it } from 'vitest';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { linkCountsSince } from '../../host/link/link-counts.js';
import { DeviceError, RequestTimeoutError, type ConflictingReply, type RejectedLine, type RetryEvent, type UnmatchedReply } from '../../host/link/line-client.js';
import { DAMAGED_LINE_RETRIES } from '../../host/link/retry-policy.js';
import { bench, failureOf } from './fixtures.js';
import { damage, type Answer, type ScriptedRequest } from './scripted-device.js';

// The bench's requests time out after 100 ms of the manual clock; replies take 5 ms unless scheduled.
const VDROP_OK = 'ok pole=1 mv=1.7100 mohm=0.3000 currentA=5.700';
const CURRENT_ON = `error:${ErrorCode.CURRENT_ON}`;

/** A bench whose handler answers the n-th line it executes (from 1) as `answers[n - 1]`, and 'silent' after them. */
function scripted(answers: Answer[]) {
  let executed = 0;
  const b = bench((_request: ScriptedRequest) => answers[executed++] ?? 'silent');
  const retries: RetryEvent[] = [];
  const conflicts: ConflictingReply[] = [];
  const unmatched: string[] = [];
  const rejected: string[] = [];
  b.client.on('retry', (event: RetryEvent) => retries.push(event));
  b.client.on('conflicting-reply', (event: ConflictingReply) => conflicts.push(event));
  b.client.on('unmatched', (event: UnmatchedReply) => unmatched.push(event.line));
  b.client.on('rejected', (event: RejectedLine) => rejected.push(event.line));
  /** The request, and the manual-clock time it settled at. */
  const ask = (command: string, args: Array<string | number> = [], retriesAllowed = 2) =>
    b.client.request(command, args, { retries: retriesAllowed }).then(
      (reply) => ({ reply, atMs: b.clock.now() }),
      (error: unknown) => ({ error, atMs: b.clock.now() }),
    );
  return { ...b, retries, conflicts, unmatched, rejected, ask };
}

describe('the first definitive reply to any id of a request settles it', () => {
  it('takes a late ok to attempt 1 over the error:11 that attempt 2 got while attempt 1 was still measuring', async () => {
    // t=0 id 1 out (its ok comes at 150); t=100 timeout, id 2 out; t=105 `#2 error:11`; t=150 `#1 ok …`.
    const { clock, device, client, retries, conflicts, unmatched, ask } = scripted([{ replies: [{ body: VDROP_OK, afterMs: 150 }] }, CURRENT_ON]);
    const outcome = ask('VDROP', [1, 5.7]);
    await clock.advance(400);
    expect(await outcome).toEqual({ reply: { kind: 'ok', fields: { pole: '1', mv: '1.7100', mohm: '0.3000', currentA: '5.700' } }, atMs: 150 });
    expect(device.received).toEqual([sealLine('VDROP 1 5.7', 1), sealLine('VDROP 1 5.7', 2)]);
    expect(retries).toEqual([{ request: 'VDROP 1 5.7', attempt: 1, reason: 'timeout', nextId: 2 }]);
    expect(conflicts).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(client.linkCounts()).toMatchObject({ requests: 1, retries: 1, retriesByReason: { timeout: 1 }, conflictingReplies: 0 });
  });

  it('after an id-less error:7 without rid (a keep-alive hit, not our line) sends again, and takes the first copy, still measuring', async () => {
    // t=0 id 1 out (its ok comes at 60); t=2 an id-less error:7 arrives: perhaps ours, so id 2 goes out at once;
    // t=7 `#2 error:11` (id 1 is measuring with the current on): not definitive; t=60 `#1 ok …` settles it.
    const { clock, device, client, retries, conflicts, ask } = scripted([{ replies: [{ body: VDROP_OK, afterMs: 60 }] }, CURRENT_ON]);
    const outcome = ask('VDROP', [1, 5.7]);
    await clock.advance(2);
    device.sendRaw(`${sealLine('error:7')}\n`);
    await clock.advance(200);
    expect(await outcome).toEqual({ reply: { kind: 'ok', fields: { pole: '1', mv: '1.7100', mohm: '0.3000', currentA: '5.700' } }, atMs: 60 });
    expect(device.received).toEqual([sealLine('VDROP 1 5.7', 1), sealLine('VDROP 1 5.7', 2)]);
    expect(retries).toEqual([{ request: 'VDROP 1 5.7', attempt: 1, reason: 'error:7', nextId: 2 }]);
    expect(conflicts).toEqual([]);
    expect(client.linkCounts()).toMatchObject({ retries: 1, unmatchedReplies: 1 });
  });

  it('waits one timeout for the earlier copy after a refusal, then retries under a new id when it never answered', async () => {
    // t=0 id 1 out, lost; t=100 id 2 out; t=105 `#2 error:11`; t=205 nothing from id 1: id 3 out; t=210 its ok.
    const { clock, device, retries, ask } = scripted(['silent', CURRENT_ON, VDROP_OK]);
    const outcome = ask('VDROP', [1, 5.7]);
    await clock.advance(400);
    expect(await outcome).toMatchObject({ reply: { kind: 'ok' }, atMs: 210 });
    expect(device.received).toEqual([sealLine('VDROP 1 5.7', 1), sealLine('VDROP 1 5.7', 2), sealLine('VDROP 1 5.7', 3)]);
    expect(retries).toEqual([
      { request: 'VDROP 1 5.7', attempt: 1, reason: 'timeout', nextId: 2 },
      { request: 'VDROP 1 5.7', attempt: 2, reason: `error:${ErrorCode.CURRENT_ON}`, nextId: 3 },
    ]);
  });

  it('takes a refusal as the answer when no earlier copy is waiting, and when the attempts are spent', async () => {
    const first = scripted([CURRENT_ON]);
    const refusedAtOnce = first.ask('VDROP', [1, 5.7]);
    await first.clock.advance(400);
    expect(await refusedAtOnce).toMatchObject({ error: { name: 'DeviceError', code: ErrorCode.CURRENT_ON }, atMs: 5 });

    // One retry only: id 2 refused at 105 while id 1 is unanswered; at 205 id 1 has still not answered.
    const spent = scripted(['silent', CURRENT_ON]);
    const refusedAfterWait = spent.ask('VDROP', [1, 5.7], 1);
    await spent.clock.advance(400);
    const outcome = await refusedAfterWait;
    expect(outcome).toMatchObject({ atMs: 205 });
    expect((outcome as { error: unknown }).error).toBeInstanceOf(DeviceError);
    expect(outcome).toMatchObject({ error: { code: ErrorCode.CURRENT_ON, message: 'VDROP 1 5.7: error 11 CURRENT_ON (Refused while the test current is on (motion or relay switching))' } });
  });
});

describe('replies after a request was settled', () => {
  it("reports a later reply that answers differently as 'conflicting-reply' and never takes it", async () => {
    // t=0 id 1 out; t=100 id 2 out; t=150 `#1 ok …` settles it; t=180 `#2 error:11` contradicts it.
    const { clock, client, conflicts, unmatched, ask } = scripted([{ replies: [{ body: VDROP_OK, afterMs: 150 }] }, { replies: [{ body: CURRENT_ON, afterMs: 80 }] }]);
    const outcome = ask('VDROP', [1, 5.7]);
    await clock.advance(400);
    expect(await outcome).toMatchObject({ reply: { kind: 'ok', fields: { mv: '1.7100' } }, atMs: 150 });
    expect(conflicts).toEqual([
      { request: 'VDROP 1 5.7', id: 2, takenLine: sealLine(VDROP_OK, 1), laterLine: sealLine(CURRENT_ON, 2) },
    ]);
    expect(unmatched).toEqual([]);
    expect(client.linkCounts()).toMatchObject({ conflictingReplies: 1, duplicateReplies: 0, unmatchedReplies: 0 });
  });

  it('counts an identical later copy of the reply as a duplicate and says nothing', async () => {
    const { clock, client, conflicts, unmatched, ask } = scripted([
      { replies: [{ body: 'ok tempC=23.25', afterMs: 5 }, { body: 'ok tempC=23.25', afterMs: 30 }] },
    ]);
    const outcome = ask('TEMP');
    await clock.advance(100);
    expect(await outcome).toEqual({ reply: { kind: 'ok', fields: { tempC: '23.25' } }, atMs: 5 });
    expect(conflicts).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(client.linkCounts()).toMatchObject({ duplicateReplies: 1, conflictingReplies: 0, unmatchedReplies: 0 });
  });
});

describe('a damaged reply whose start names a waiting id', () => {
  it('makes a read retry at once under a new id, without waiting for the timeout, and takes nothing from the damaged line', async () => {
    // t=0 id 1 out; t=5 `#1 ok tempC=23.26*<CRC of 23.25>` rejected; id 2 out at once; t=10 its ok.
    const { clock, device, client, retries, rejected, ask } = scripted([{ replies: [{ body: 'ok tempC=23.25', afterMs: 5, damaged: true }] }, 'ok tempC=23.50']);
    const before = client.linkCounts();
    const outcome = ask('TEMP');
    await clock.advance(100);
    expect(await outcome).toEqual({ reply: { kind: 'ok', fields: { tempC: '23.50' } }, atMs: 10 });
    expect(rejected).toEqual([damage(sealLine('ok tempC=23.25', 1))]);
    expect(device.received).toEqual([sealLine('TEMP', 1), sealLine('TEMP', 2)]);
    expect(retries).toEqual([{ request: 'TEMP', attempt: 1, reason: 'damaged-reply', nextId: 2 }]);
    expect(linkCountsSince(before, client.linkCounts())).toEqual({
      requests: 1,
      retries: 1,
      retriesByReason: { 'damaged-reply': 1 },
      damagedLines: 1,
      duplicateReplies: 0,
      conflictingReplies: 0,
      unmatchedReplies: 0,
    });
  });

  it('makes a state-changing request resend under the same id, which the device answers from memory', async () => {
    const { clock, device, retries, ask } = scripted([{ replies: [{ body: 'ok pole=2', afterMs: 5, damaged: true }] }]);
    const outcome = ask('POLE', [2]);
    await clock.advance(100);
    expect(await outcome).toEqual({ reply: { kind: 'ok', fields: { dup: '1' } }, atMs: 10 });
    expect(device.received).toEqual([sealLine('POLE 2', 1), sealLine('POLE 2', 1)]);
    expect(device.executions.get(1)).toBe(1);
    expect(retries).toEqual([{ request: 'POLE 2', attempt: 1, reason: 'damaged-reply', nextId: 1 }]);
  });

  it('never sends more lines than the attempts plus DAMAGED_LINE_RETRIES, however many damaged replies come', async () => {
    const damaged: Answer = { replies: [{ body: 'ok tempC=23.25', afterMs: 5, damaged: true }] };
    const { clock, device, retries, ask } = scripted(Array.from({ length: 3 * DAMAGED_LINE_RETRIES }, () => damaged));
    const outcome = ask('TEMP');
    await clock.advance(2000);
    const { error } = (await outcome) as { error: unknown; atMs: number };
    expect(error).toBeInstanceOf(RequestTimeoutError);
    // Each damaged reply sends again at once, DAMAGED_LINE_RETRIES times; then the damaged replies trigger
    // nothing and each send waits its timeout, spending the 3 attempts meant for silence.
    expect(device.received).toHaveLength(3 + DAMAGED_LINE_RETRIES);
    expect(retries.filter((r) => r.reason === 'damaged-reply')).toHaveLength(DAMAGED_LINE_RETRIES);
    expect(retries.filter((r) => r.reason === 'timeout')).toHaveLength(2);
  });

  it('ignores a damaged line that names an id nobody waits for', async () => {
    const { clock, device, client, retries, ask } = scripted([{ replies: [{ body: 'ok tempC=23.25', afterMs: 50 }] }]);
    const outcome = ask('TEMP');
    await clock.advance(10);
    device.sendRaw(`${damage(sealLine('ok tempC=1.00', 7))}\n`);
    await clock.advance(100);
    expect(await outcome).toMatchObject({ reply: { fields: { tempC: '23.25' } }, atMs: 50 });
    expect(retries).toEqual([]);
    expect(client.linkCounts()).toMatchObject({ damagedLines: 1, retries: 0 });
  });
});
