import { describe, expect, it } from 'vitest';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { LineClient, type RetryEvent } from '../../host/link/line-client.js';
import { replyNudgeMs, replyTimeoutMs } from '../../host/link/retry-policy.js';
import { ManualClock } from './manual-clock.js';
import { ScriptedDevice, type Answer, type ScriptedRequest } from './scripted-device.js';

/** A client with the per-command timeouts of retry-policy.ts (no fixed timeout), on a scripted device. */
function perCommandBench(handler: (request: ScriptedRequest) => Answer) {
  const clock = new ManualClock();
  const device = new ScriptedDevice(clock, (request) => (request.command === 'PING' && request.id === undefined ? 'ok' : handler(request)));
  const client = new LineClient(device, { clock });
  const retries: RetryEvent[] = [];
  client.on('retry', (event: RetryEvent) => retries.push(event));
  return { clock, device, client, retries };
}

describe('a late reply nudges the line instead of waiting out the timeout', () => {
  it('nudges an immediate command at 100 ms, a short operation at 400 ms, both far inside their timeouts', () => {
    expect(replyNudgeMs('TEMP')).toBe(100);
    expect(replyNudgeMs('PULL')).toBe(100);
    expect(replyNudgeMs('VDROP')).toBe(400);
    expect(replyTimeoutMs('TEMP')).toBe(1000);
    expect(replyTimeoutMs('VDROP')).toBe(2000);
  });

  it('a reply whose newline flipped runs on until the keep-alive answer ends it; its id prefix sends the read again', async () => {
    let temps = 0;
    const { clock, device, retries, client } = perCommandBench((r) =>
      r.command === 'TEMP' && ++temps === 1 ? { replies: [{ body: 'ok tempC=23.25', afterMs: 5, newlineFlipped: true }] } : 'ok tempC=23.50',
    );
    const reply = client.request('TEMP');
    await clock.advance(99);
    expect(device.received).toEqual([sealLine('TEMP', 1)]);
    // Settled by 119 ms (nudge at 100, its answer ends the line at 105), long before TEMP's 1 s timeout.
    await clock.advance(20);
    expect(await reply).toEqual({ kind: 'ok', fields: { tempC: '23.50' } });
    expect(device.received).toEqual([sealLine('TEMP', 1), sealLine('PING'), sealLine('TEMP', 2)]);
    expect(retries).toEqual([{ request: 'TEMP', attempt: 1, reason: 'damaged-reply', nextId: 2 }]);
  });

  it('a request the rig holds open (its newline flipped) is ended by the keep-alive and answered error:7 rid, then sent again', async () => {
    const { clock, device, retries, client } = perCommandBench(() => 'ok pole=1 mv=1.7100 mohm=0.3000 currentA=5.700');
    device.newlineFlipIncoming = 1;
    const reply = client.request('VDROP', [1, 5.7]);
    // Settled within 450 ms of the manual clock (the nudge at 400), long before VDROP's 2 s timeout.
    await clock.advance(450);
    expect(await reply).toMatchObject({ kind: 'ok', fields: { pole: '1' } });
    expect(retries).toEqual([{ request: 'VDROP 1 5.7', attempt: 1, reason: 'error:7', nextId: 2 }]);
    expect(device.received).toEqual([`${sealLine('VDROP 1 5.7', 1)}J${sealLine('PING')}`, sealLine('VDROP 1 5.7', 2)]);
  });

  it('a damaged line whose id prefix was hit may be a late answer to another request: the copy sent again waits for the running one', async () => {
    let vdrops = 0;
    const { clock, device, retries, client } = perCommandBench((r) =>
      r.command === 'VDROP' && ++vdrops === 1 ? { replies: [{ body: 'ok pole=1 mv=1.7100 mohm=0.3000 currentA=5.700', afterMs: 300 }] } : 'error:9',
    );
    const reply = client.request('VDROP', [1, 5.7]);
    await clock.advance(10);
    // The second copy of an earlier read, answered long ago through its first copy; its space after the id was hit.
    device.sendRaw('#7\xa0ok tempC=23.00*0148\n');
    await clock.advance(400);
    expect(await reply).toMatchObject({ kind: 'ok', fields: { pole: '1', mv: '1.7100' } });
    expect(retries).toEqual([{ request: 'VDROP 1 5.7', attempt: 1, reason: 'damaged-reply', nextId: 2 }]);
    expect(device.executed.map((r) => r.id)).toEqual([1, 2]);
  });

  it('sends no nudge when the reply comes in time', async () => {
    const { clock, device, client } = perCommandBench(() => 'ok tempC=23.25');
    const reply = client.request('TEMP');
    await clock.advance(500);
    await reply;
    expect(device.received).toEqual([sealLine('TEMP', 1)]);
  });
});
