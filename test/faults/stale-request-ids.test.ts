import { describe, expect, it } from 'vitest';
import { isDuplicateReply } from '../../firmware-protocol/codec/known-replies.js';
import { LineClient } from '../../host/link/line-client.js';
import { simClock } from '../../host/shared/sim-clock.js';
import { openFirmwareSession } from '../support/firmware-session.js';

const SESSIONS = 100;

// A rig that is not rebooted between host sessions (a PTY, an Uno with auto-reset off) still remembers
// the ids of earlier sessions' state-changing requests. Each session asks INFO first (a read: never
// answered from memory) and numbers its requests after INFO's lastId (PROTOCOL.md 1.4), so no request
// of any session can be taken for an earlier one.
describe('host sessions on a rig that was not rebooted', () => {
  it(`${SESSIONS} sessions in a row each connect, and each first state-changing request runs (no dup=1)`, async () => {
    const session = await openFirmwareSession();
    const { sim } = session;
    session.client.close();
    const lastIds: number[] = [];
    const dups: number[] = [];
    let retries = 0;
    try {
      for (let n = 1; n <= SESSIONS; n++) {
        const client = new LineClient(sim, { clock: simClock(sim), requestTimeoutMs: 1000 });
        client.on('retry', () => void retries++);
        try {
          const identity = await client.connect({ bannerWaitMs: 0, where: 'the same simulator' });
          lastIds.push(identity.info.lastId);
          // A different pole each time, so a reply answered from memory would leave the wrong one selected.
          const pole = 1 + (n % 4);
          const reply = await client.request('POLE', [pole]);
          if (isDuplicateReply(reply.fields)) dups.push(n);
          expect(reply.fields.pole, `session ${n}`).toBe(String(pole));
          expect(sim.world.kelvinMask, `session ${n}`).toBe(1 << (pole - 1));
          await client.request('POLE', [0]);
        } finally {
          client.close();
        }
      }
    } finally {
      sim.stop();
    }
    expect(dups).toEqual([]);
    expect(retries).toBe(0);
    // Every session continued after the previous one: lastId grows by the two POLEs each session sent.
    expect(lastIds[0]).toBeGreaterThan(0);
    for (let n = 1; n < SESSIONS; n++) expect(lastIds[n], `session ${n + 1}`).toBeGreaterThan(lastIds[n - 1] ?? 0);
  });
});
