import { describe, expect, it } from 'vitest';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { LIMITS } from '../../firmware-protocol/generated/codes.js';
import { DeviceError, RequestTimeoutError, type RetryEvent } from '../../host/link/line-client.js';
import { bench, failureOf } from './fixtures.js';

describe('LineClient.request retries', () => {
  it('repeats a read that timed out under a new id and resolves with the full reply', async () => {
    let statusCalls = 0;
    const { clock, device, client } = bench((r) => (r.command === 'STATUS' && ++statusCalls === 1 ? 'silent' : 'ok state=IDLE pole=0'));
    const retries: RetryEvent[] = [];
    client.on('retry', (event: RetryEvent) => retries.push(event));
    const reply = client.request('STATUS');
    await clock.advance(200);
    expect(await reply).toEqual({ kind: 'ok', fields: { state: 'IDLE', pole: '0' } });
    expect(device.received).toEqual([sealLine('STATUS', 1), sealLine('STATUS', 2)]);
    expect(retries).toEqual([{ request: 'STATUS', attempt: 1, reason: 'timeout', nextId: 2 }]);
  });

  it('gives up after 1 + retries attempts with a RequestTimeoutError that counts them', async () => {
    const { clock, device, client } = bench(() => 'silent');
    const failure = failureOf(client.request('TEMP', [], { timeoutMs: 100, retries: 2 }));
    await clock.advance(1000);
    const error = await failure;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ attempts: 3, message: 'TEMP: no reply within 100 ms (3 attempts)' });
    expect(device.received).toEqual([sealLine('TEMP', 1), sealLine('TEMP', 2), sealLine('TEMP', 3)]);
  });

  it('repeats a PULL whose reply was lost under the SAME id; the device answers dup=1 and runs it once', async () => {
    const { clock, device, client } = bench((r) => (r.command === 'PULL' ? 'silent' : 'ok'));
    const reply = client.request('PULL', [50, 20, 1000]);
    await clock.advance(150);
    expect(await reply).toEqual({ kind: 'ok', fields: { dup: '1' } });
    expect(device.received).toEqual([sealLine('PULL 50 20 1000', 1), sealLine('PULL 50 20 1000', 1)]);
    expect(device.executions.get(1)).toBe(1);
    expect(device.executed.map((r) => r.command)).toEqual(['PULL']);
  });

  it('repeats a PULL whose line was lost under the same id; it then runs for the first time', async () => {
    const { clock, device, client } = bench(() => 'ok');
    device.dropIncoming = 1;
    const reply = client.request('PULL', [50, 20, 1000]);
    await clock.advance(150);
    expect(await reply).toEqual({ kind: 'ok', fields: {} });
    expect(device.executions.get(1)).toBe(1);
  });

  it('does not repeat a request the device refused with error:N and our id', async () => {
    const { clock, device, client } = bench(() => 'error:14');
    const failure = failureOf(client.request('VDROP', [3, 5.7]));
    await clock.advance(1000);
    const error = await failure;
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ code: 14, message: 'VDROP 3 5.7: error 14 OPEN_CIRCUIT (Test current not reached; the circuit is open)' });
    expect(device.received).toEqual([sealLine('VDROP 3 5.7', 1)]);
  });

  it('never repeats a command this host does not know', async () => {
    const { clock, device, client } = bench(() => 'silent');
    const failure = failureOf(client.request('FROB'));
    await clock.advance(1000);
    expect(await failure).toMatchObject({ name: 'RequestTimeoutError', attempts: 1 });
    expect(device.received).toHaveLength(1);
  });

  it('takes an id-less error:7 naming our id (rid) as "not executed" and repeats the read at once under a new id', async () => {
    const { clock, device, client } = bench(() => 'ok tempC=23.25');
    device.damageIncoming = 1;
    const retries: RetryEvent[] = [];
    client.on('retry', (event: RetryEvent) => retries.push(event));
    const reply = client.request('TEMP');
    // Two round trips of 5 ms, well inside the 100 ms timeout: no waiting for a timeout.
    await clock.advance(10);
    expect(await reply).toEqual({ kind: 'ok', fields: { tempC: '23.25' } });
    expect(retries).toEqual([{ request: 'TEMP', attempt: 1, reason: 'error:7', nextId: 2 }]);
  });

  it('repeats a PULL answered by an id-less error:7 rid=<its id> under the same id, and it runs once', async () => {
    const { clock, device, client } = bench(() => 'ok');
    device.damageIncoming = 1;
    const reply = client.request('PULL', [50, 20, 1000]);
    await clock.advance(10);
    expect(await reply).toEqual({ kind: 'ok', fields: {} });
    expect(device.received).toEqual([sealLine('PULL 50 20 1000', 1), sealLine('PULL 50 20 1000', 1)]);
    expect(device.executions.get(1)).toBe(1);
  });

  it('takes an id-less error:7 without rid as a hint only: the one pending read goes out again at once', async () => {
    const { clock, device, client } = bench(() => 'ok tempC=23.25');
    device.damageIncoming = 1;
    device.damageIncomingIds = 1;
    const unmatched: string[] = [];
    client.on('unmatched', ({ line }: { line: string }) => unmatched.push(line));
    const retries: RetryEvent[] = [];
    client.on('retry', (event: RetryEvent) => retries.push(event));
    const reply = client.request('TEMP', [], { timeoutMs: 100 });
    await clock.advance(10);
    expect(await reply).toEqual({ kind: 'ok', fields: { tempC: '23.25' } });
    expect(unmatched).toEqual([sealLine('error:7')]);
    expect(retries).toEqual([{ request: 'TEMP', attempt: 1, reason: 'error:7', nextId: 2 }]);
  });

  it('leaves an id-less error:7 without rid unattributed when two requests are pending; the damaged one times out and is repeated', async () => {
    const { clock, device, client } = bench((r) => (r.command === 'PING' ? 'ok' : 'ok state=IDLE'));
    device.damageIncoming = 1;
    device.damageIncomingIds = 1;
    const unmatched: string[] = [];
    client.on('unmatched', ({ line }: { line: string }) => unmatched.push(line));
    const ping = client.request('PING');
    const status = client.request('STATUS');
    await clock.advance(10);
    expect(await status).toEqual({ kind: 'ok', fields: { state: 'IDLE' } });
    expect(unmatched).toEqual([sealLine('error:7')]);
    await clock.advance(100);
    expect(await ping).toEqual({ kind: 'ok', fields: {} });
    expect(device.received).toEqual([sealLine('PING', 1), sealLine('STATUS', 2), sealLine('PING', 3)]);
  });

  it('sends again under a fresh id when the device remembers our first id from an earlier session', async () => {
    const { clock, device, client } = bench((r) => (r.command === 'TEMP' ? 'ok tempC=23.25' : 'ok'));
    device.write(`${sealLine('PING', 1)}\n`); // an earlier host, no reset since
    await clock.advance(10);
    const reply = client.request('TEMP');
    await clock.advance(20);
    expect(await reply).toEqual({ kind: 'ok', fields: { tempC: '23.25' } });
    // Past the ids the firmware remembers (LIMITS.recentIds after the stale one), not the next one.
    expect(device.received.slice(1)).toEqual([sealLine('TEMP', 1), sealLine('TEMP', 1 + LIMITS.recentIds)]);
  });

  it('accepts a timeout in ms as third argument, as earlier callers pass it', async () => {
    const { clock, client } = bench(() => 'silent');
    const failure = failureOf(client.request('FROB', [], 3000));
    await clock.advance(2999);
    await clock.advance(1);
    expect(await failure).toMatchObject({ name: 'RequestTimeoutError', timeoutMs: 3000 });
  });

  it('fails pending and later requests with LinkClosedError after close()', async () => {
    const { client } = bench(() => 'silent');
    const pending = failureOf(client.request('PING'));
    client.close();
    expect(await pending).toMatchObject({ name: 'LinkClosedError', message: 'PING: link closed' });
    expect(await failureOf(client.request('PING'))).toMatchObject({ name: 'LinkClosedError' });
  });
});
