import { describe, expect, it } from 'vitest';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { LIMITS } from '../../firmware-protocol/generated/codes.js';
import { openFirmwareSession } from '../support/firmware-session.js';

// PROTOCOL.md 1.2: a request retried with its id is answered from memory, never executed twice,
// as long as fewer than LIMITS.recentIds other requests with ids came in between.
describe('retried requests are not executed twice', () => {
  it('a PULL resent with its id after other requests is answered dup=1 and pulls once', async () => {
    const session = await openFirmwareSession();
    const { client, sim } = session;
    try {
      const stopKeepAlive = session.keepAlive(); // id-less PINGs: never remembered
      await client.request('POLE', [1]);
      const pull = sealLine('PULL 50 30 300', 500);
      let dones = 0;
      client.on('done', () => void dones++);
      expect(await session.exchange(pull)).toBe(sealLine('ok', 500));
      for (let id = 501; id < 500 + LIMITS.recentIds; id++) expect(await session.exchange(sealLine('STATUS', id))).toMatch(new RegExp(`^#${id} ok `));
      await session.sleep(500);
      expect(await session.exchange(pull)).toBe(sealLine('ok dup=1', 500));
      await client.waitFor('done', () => true, 30_000);
      await session.sleep(2000);
      expect(dones).toBe(1);
      stopKeepAlive();

      // Once LIMITS.recentIds newer ids have come, the old id is forgotten: it executes again.
      expect(await session.exchange(sealLine('PING', 500 + LIMITS.recentIds))).toBe(sealLine('ok', 500 + LIMITS.recentIds));
      expect(await session.exchange(sealLine('POLE 2', 500))).toBe(sealLine('ok pole=2', 500));
      expect(sim.world.kelvinMask).toBe(0b10);
    } finally {
      session.close();
    }
  });

  it('a retry that finds its request still running is told BUSY; later retries get the request\'s own answer', async () => {
    const session = await openFirmwareSession();
    const { client } = session;
    try {
      const replies: string[] = [];
      client.on('line', (line: string) => {
        if (line.startsWith('#700 ')) replies.push(line);
      });
      const tare = sealLine('TARE', 700);
      client.sendRaw(`${tare}\n${tare}\n`);
      await session.sleep(3000);
      expect(replies).toHaveLength(2);
      expect(replies[0]).toBe(sealLine('error:9', 700));
      expect(replies[1]).toMatch(/^#700 ok tareCounts=-?\d+\*[0-9A-F]{4}$/);
      // Found by the host fuzzer: this used to answer from the BUSY, as if the tare had not been stored.
      expect(await session.exchange(tare)).toBe(sealLine('ok dup=1', 700));
    } finally {
      session.close();
    }
  });
});
