import { describe, expect, it } from 'vitest';
import { FirmwareResetError, type ResetEvent } from '../../host/link/line-client.js';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { BANNER, bench, connectedBench, failureOf } from './fixtures.js';

const REBOOT_MESSAGE = 'rig rebooted (banner "clampbench fw=0.2.0 proto=2.0 rig=CB-UNO-0001") while STATUS was pending';

describe('firmware reset detection', () => {
  it('reports a banner after connect() as a reset and fails the pending request with FirmwareResetError', async () => {
    const { clock, device, client } = await connectedBench(() => 'silent');
    const resets: ResetEvent[] = [];
    client.on('reset', (event: ResetEvent) => resets.push(event));
    const pending = failureOf(client.request('STATUS'));
    const done = failureOf(client.waitFor('done'));
    await clock.advance(20);
    device.push(BANNER);
    await clock.advance(1);
    const error = await pending;
    expect(error).toBeInstanceOf(FirmwareResetError);
    expect(error).toMatchObject({ message: REBOOT_MESSAGE, request: 'STATUS' });
    expect(await done).toBeInstanceOf(FirmwareResetError);
    expect(resets).toEqual([{ banner: { kind: 'banner', firmwareVersion: '0.2.0', protocolMajor: 2, protocolMinor: 0, rigId: 'CB-UNO-0001' } }]);
  });

  it('does not report a reset the caller announced with expectReset(), but still fails what was pending', async () => {
    const { clock, device, client } = await connectedBench(() => 'silent');
    const resets: ResetEvent[] = [];
    client.on('reset', (event: ResetEvent) => resets.push(event));
    const pending = failureOf(client.request('STATUS'));
    client.expectReset();
    client.sendRaw('\x18');
    device.push(BANNER);
    await clock.advance(1);
    expect(await pending).toMatchObject({ name: 'FirmwareResetError', message: REBOOT_MESSAGE });
    expect(resets).toEqual([]);
  });

  it('reports the next unannounced banner again after an expected one', async () => {
    const { clock, device, client } = await connectedBench(() => 'ok');
    let resets = 0;
    client.on('reset', () => resets++);
    client.expectReset();
    device.push(BANNER);
    await clock.advance(1);
    device.push(BANNER);
    await clock.advance(1);
    expect(resets).toBe(1);
  });

  it('does not report the banner that opening the port causes, before connect()', async () => {
    const { clock, device, client } = bench(() => 'ok');
    let resets = 0;
    client.on('reset', () => resets++);
    device.push(BANNER);
    await clock.advance(1);
    expect(resets).toBe(0);
    expect(client.lastBanner).toMatchObject({ rigId: 'CB-UNO-0001' });
  });

  it('reports a reboot whose banner follows the fragment of the line it cut short, and counts the fragment as damaged', async () => {
    for (const fragment of ['o', 'S 36 444 19.5', '#21 ok op=PULL', 'clampbench fw=0.2']) {
      const { clock, device, client } = await connectedBench(() => 'silent');
      const resets: ResetEvent[] = [];
      const rejected: string[] = [];
      client.on('reset', (event: ResetEvent) => resets.push(event));
      client.on('rejected', (event: { line: string }) => rejected.push(event.line));
      const pending = failureOf(client.request('STATUS'));
      await clock.advance(20);
      device.sendRaw(`${fragment}${sealLine(BANNER)}\n`);
      await clock.advance(1);
      expect(await pending, fragment).toMatchObject({ name: 'FirmwareResetError', message: REBOOT_MESSAGE });
      expect(resets, fragment).toHaveLength(1);
      expect(rejected, fragment).toEqual([fragment]);
    }
  });

  it('takes a line that only contains the banner prefix after other text for the damaged line it is', async () => {
    const { clock, device, client } = await connectedBench(() => 'silent');
    const resets: ResetEvent[] = [];
    const rejected: string[] = [];
    client.on('reset', (event: ResetEvent) => resets.push(event));
    client.on('rejected', (event: { line: string }) => rejected.push(event.line));
    // The banner's CRC does not hold (one character of it changed): nothing is split off, nothing is a reboot.
    const damagedBanner = sealLine(BANNER).replace('rig=CB', 'rig=CC');
    device.sendRaw(`S 36 444 19.5${damagedBanner}\n`);
    await clock.advance(1);
    expect(resets).toEqual([]);
    expect(rejected).toEqual([`S 36 444 19.5${damagedBanner}`]);
  });
});
