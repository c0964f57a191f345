import { describe, expect, it } from 'vitest';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { LIMITS } from '../../firmware-protocol/generated/codes.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

// PROTOCOL.md 1.4: a state-changing request retried with its id is answered from memory, never
// executed twice, as long as fewer than LIMITS.recentIds other state-changing requests with ids came
// in between. Reads are neither remembered nor answered from memory.
/** Send a line and resolve with the reply that carries `id` (keep-alive answers, id-less, go past). */
function replyTo(session: FirmwareSession, line: string, id: number): Promise<string> {
  return new Promise((resolve) => {
    const onLine = (text: string): void => {
      if (!text.startsWith(`#${id} `)) return;
      session.client.off('line', onLine);
      resolve(text);
    };
    session.client.on('line', onLine);
    session.client.sendRaw(`${line}\n`);
  });
}

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
      // Reads, however many, do not push the PULL's id out of the memory.
      for (let id = 501; id <= 500 + 2 * LIMITS.recentIds; id++) expect(await replyTo(session, sealLine('STATUS', id), id)).toMatch(new RegExp(`^#${id} ok `));
      await session.sleep(500);
      expect(await replyTo(session, pull, 500)).toBe(sealLine('ok dup=1', 500));
      await client.waitFor('done', () => true, 30_000);
      await session.sleep(2000);
      expect(dones).toBe(1);
      stopKeepAlive();

      // Once LIMITS.recentIds newer state-changing ids have come, the old id is forgotten: it executes again.
      for (let n = 1; n <= LIMITS.recentIds; n++) expect(await session.exchange(sealLine('POLE 0', 600 + n))).toBe(sealLine('ok pole=0', 600 + n));
      expect(await session.exchange(sealLine('POLE 2', 500))).toBe(sealLine('ok pole=2', 500));
      expect(sim.world.kelvinMask).toBe(0b10);
    } finally {
      session.close();
    }
  });

  it('a copy of a TARE that arrives while it runs gets no reply of its own; later retries get its answer', async () => {
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
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(/^#700 ok tareCounts=-?\d+\*[0-9A-F]{4}$/);
      expect(await session.exchange(tare)).toBe(sealLine('ok dup=1', 700));
      // A read is never answered from memory, even under an id just used.
      expect(await session.exchange(sealLine('PING', 701))).toBe(sealLine('ok', 701));
      expect(await session.exchange(sealLine('PING', 701))).toBe(sealLine('ok', 701));
    } finally {
      session.close();
    }
  });
});
