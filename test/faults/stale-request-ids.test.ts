import { describe, expect, it } from 'vitest';
import { LineClient } from '../../host/link/line-client.js';
import { simClock } from '../../rigs/uno-pull/sim/sim-clock.js';
import { openFirmwareSession } from '../support/firmware-session.js';

// A rig that is not rebooted between host sessions (a PTY, an Uno with auto-reset off) still
// remembers the ids of the last session's requests; a new session's ids start at 1 again.
describe('a second host session on a rig that was not rebooted', () => {
  it('connects and runs requests although the firmware remembers the first session ids', async () => {
    const session = await openFirmwareSession();
    try {
      // The first session uses ids 1..3, which the firmware remembers (it keeps the last recentIds).
      for (const pole of [1, 2, 4]) await session.client.request('POLE', [pole]);
      session.client.close();

      const second = new LineClient(session.sim, { clock: simClock(session.sim), requestTimeoutMs: 1000 });
      try {
        const identity = await second.connect({ bannerWaitMs: 0, where: 'the same simulator' });
        expect(identity.info.rigId).toBe('CB-UNO-0001');
        const reply = await second.request('POLE', [3]);
        expect(reply.fields).toMatchObject({ pole: '3' });
        expect(session.sim.world.kelvinMask).not.toBe(0);
      } finally {
        second.close();
      }
    } finally {
      session.close();
    }
  });
});
