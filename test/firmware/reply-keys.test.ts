import { describe, expect, it } from 'vitest';
import { COMMANDS, SETTINGS, requests, type Request } from '../../firmware-protocol/generated/commands.js';
import { openFirmwareSession } from '../support/firmware-session.js';

// The firmware's replies are written by hand in C; commands.yaml says which keys each carries, in which
// order and with how many decimals. This holds them together: a key added, renamed or reordered on one
// side only fails here. (SPAN needs a weight on the cell: test/firmware/calibration.test.ts reads its key.)
const asked: ReadonlyArray<Request> = [
  requests.info(),
  requests.limits(),
  requests.pole({ pole: 2 }),
  requests.vdrop({ pole: 1, currentA: 5.7 }),
  requests.iso({ poles: 4 }),
  requests.temp(),
  requests.tare(),
  requests.pole({ pole: 1 }),
  requests.heat({ currentA: 2 }),
  requests.heat({ currentA: 0 }),
];

describe('reply keys of the real firmware against commands.yaml', () => {
  it('each command answers exactly the keys commands.yaml lists, in its order', async () => {
    const session = await openFirmwareSession();
    const stop = session.keepAlive();
    try {
      for (const [command, args] of asked) {
        const reply = await session.client.request(command, args, 3000);
        const spec = COMMANDS.find((c) => c.name === command);
        expect(Object.keys(reply.fields), `${command} ${args.join(' ')}`).toEqual(spec?.replyKeys);
      }
      const settings = await session.client.request(...requests.settings());
      expect(Object.keys(settings.fields)).toEqual(SETTINGS.map((s) => s.name));
      const set = await session.client.request(...requests.set('slipLimitMm', 0.25));
      expect(set.fields).toEqual({ slipLimitMm: '0.250' });
    } finally {
      stop();
      session.close();
    }
  });

  it('sends the decimals commands.yaml states', async () => {
    const session = await openFirmwareSession();
    try {
      const vdrop = await session.client.request(...requests.vdrop({ pole: 1, currentA: 5.7 }));
      expect(vdrop.fields.mv).toMatch(/^-?[0-9]+\.[0-9]{4}$/);
      expect(vdrop.fields.mohm).toMatch(/^-?[0-9]+\.[0-9]{4}$/);
      expect(vdrop.fields.currentA).toMatch(/^[0-9]+\.[0-9]{3}$/);
      expect((await session.client.request(...requests.temp())).fields.tempC).toMatch(/^-?[0-9]+\.[0-9]{2}$/);
    } finally {
      session.close();
    }
  });
});
