import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { describe, expect, it } from 'vitest';
import { REALTIME } from '../../firmware-protocol/codec/realtime.js';
import { FirmwareResetError, type ResetEvent } from '../../host/link/line-client.js';
import { openFirmwareSession } from '../support/firmware-session.js';

// The link against the real firmware image in the simulator: handshake and reset detection as a rig does them.
describe('link against the firmware in the simulator', () => {
  it('connect() identifies the freshly booted rig from its banner and INFO', async () => {
    const session = await openFirmwareSession();
    try {
      const identity = await session.client.connect({ bannerWaitMs: 3000, where: 'the simulator' });
      expect(identity).toMatchObject({ firmwareVersion: '0.2.0', protocolMajor: PROTOCOL.major, protocolMinor: PROTOCOL.minor, rigId: 'CB-UNO-0001', sawBanner: true });
      expect(identity.info.capabilities).toEqual(expect.arrayContaining(['vdrop', 'iso', 'pull']));
    } finally {
      session.close();
    }
  });

  it('reports the realtime reset byte sent without expectReset() as a reset and fails the pending request', async () => {
    const session = await openFirmwareSession();
    const { client } = session;
    try {
      await client.connect({ bannerWaitMs: 3000, where: 'the simulator' });
      const resets: ResetEvent[] = [];
      client.on('reset', (event: ResetEvent) => resets.push(event));
      const rebooted = client.waitFor('banner', () => true, 5000);
      client.sendRaw(REALTIME.reboot);
      // Its line reaches a rebooting MCU: no reply, only the banner.
      const pending = client.request('STATUS').catch((error: unknown) => error);
      await rebooted;
      const error = await pending;
      expect(error).toBeInstanceOf(FirmwareResetError);
      expect((error as FirmwareResetError).message).toBe(`rig rebooted (banner "clampbench fw=0.2.0 proto=${PROTOCOL.major}.${PROTOCOL.minor} rig=CB-UNO-0001") while STATUS was pending`);
      expect(resets).toHaveLength(1);
      expect(resets[0]?.banner).toMatchObject({ rigId: 'CB-UNO-0001' });
      // The rebooted rig answers again.
      await expect(client.request('PING')).resolves.toMatchObject({ kind: 'ok' });
    } finally {
      session.close();
    }
  });

  it('does not report a reset the host caused on purpose (DTR) after expectReset()', async () => {
    const session = await openFirmwareSession();
    const { client, sim } = session;
    try {
      await client.connect({ bannerWaitMs: 3000, where: 'the simulator' });
      let resets = 0;
      client.on('reset', () => resets++);
      const rebooted = client.waitFor('banner', () => true, 5000);
      client.expectReset();
      sim.reset();
      await rebooted;
      expect(resets).toBe(0);
    } finally {
      session.close();
    }
  });
});
