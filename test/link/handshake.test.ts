import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DAMAGED_LINE_RETRIES } from '../../host/link/retry-policy.js';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import {
  LineNoiseError,
  NotClampbenchError,
  ProtocolMismatchError,
  RigConnectError,
  SilentDeviceError,
  WrongBaudError,
} from '../../host/link/connect-errors.js';
import { LineClient } from '../../host/link/line-client.js';
import { BANNER, bench, failureOf, infoReply } from './fixtures.js';
import { ManualClock } from './manual-clock.js';

const WHERE = '/dev/ttyUSB0';

/** A device that never listens: another sketch, or a line at the wrong rate. */
function deafDevice(): { clock: ManualClock; client: LineClient; send: (bytes: Buffer | string) => void } {
  const clock = new ManualClock();
  const link = Object.assign(new EventEmitter(), { write: () => true });
  const client = new LineClient(link, { clock });
  return { clock, client, send: (bytes) => link.emit('data', typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes) };
}

const IDENTITY = { firmwareVersion: '0.2.0', protocolMajor: 2, protocolMinor: 0, rigId: 'CB-UNO-0001' };

describe('connect() handshake', () => {
  it('takes the boot banner, asks INFO anyway, and returns the identity without waiting out the banner time', async () => {
    const { clock, device, client } = bench((r) => (r.command === 'INFO' ? infoReply() : 'ok'));
    clock.schedule(300, () => device.push(BANNER));
    const connecting = client.connect({ bannerWaitMs: 2000 });
    await clock.advance(400);
    const identity = await connecting;
    expect(identity).toMatchObject({ ...IDENTITY, sawBanner: true });
    expect(identity.info).toMatchObject({ poles: 4, capabilities: ['vdrop', 'iso', 'pull', 'heat'], calDate: 0 });
    expect(device.received).toEqual([sealLine('INFO', 1), sealLine('LIMITS', 2)]);
  });

  it('asks INFO after the banner time when no banner comes (a PTY or a rig that was already running)', async () => {
    const { clock, device, client } = bench((r) => (r.command === 'INFO' ? infoReply() : 'ok'));
    const connecting = client.connect({ bannerWaitMs: 500 });
    await clock.advance(499);
    expect(device.received).toEqual([]);
    await clock.advance(50);
    expect(await connecting).toMatchObject({ ...IDENTITY, sawBanner: false });
  });

  it('accepts another minor of the same major and ignores keys it does not know', async () => {
    const { clock, device, client } = bench((r) => (r.command === 'INFO' ? `${infoReply('2.3')} futureKey=7` : 'ok'));
    device.push('clampbench fw=0.4.0 proto=2.3 rig=CB-UNO-0001');
    const connecting = client.connect({ bannerWaitMs: 500 });
    await clock.advance(10);
    expect(await connecting).toMatchObject({ protocolMajor: 2, protocolMinor: 3, sawBanner: true });
  });

  it('refuses a banner of protocol major 3 without sending anything', async () => {
    const { clock, device, client } = bench(() => infoReply('3.0'));
    device.push('clampbench fw=3.0.0 proto=3.0 rig=CB-UNO-0001');
    const failure = failureOf(client.connect({ bannerWaitMs: 500 }));
    await clock.advance(10);
    const error = await failure;
    expect(error).toBeInstanceOf(ProtocolMismatchError);
    expect(error).toBeInstanceOf(RigConnectError);
    expect(error).toMatchObject({ message: 'rig speaks protocol 3.0, this host speaks 2.x; update the host or reflash the firmware' });
    expect(device.received).toEqual([]);
  });

  it('refuses an INFO reply of protocol major 3 when no banner came', async () => {
    const { clock, client } = bench(() => infoReply('3.1'));
    const failure = failureOf(client.connect({ bannerWaitMs: 100 }));
    await clock.advance(200);
    expect(await failure).toMatchObject({ name: 'ProtocolMismatchError', message: 'rig speaks protocol 3.1, this host speaks 2.x; update the host or reflash the firmware' });
  });

  it('refuses another sketch and quotes what it sent', async () => {
    const { clock, client, send } = deafDevice();
    send('Hello from MegaBlink\r\nblink 1\r\n');
    const failure = failureOf(client.connect({ bannerWaitMs: 500, where: WHERE, infoTimeoutMs: 1000, infoRetries: 0 }));
    await clock.advance(2000);
    const error = await failure;
    expect(error).toBeInstanceOf(NotClampbenchError);
    expect(error).toMatchObject({ message: '/dev/ttyUSB0 is not clampbench firmware: it sent "Hello from MegaBlink", "blink 1"' });
  });

  it('refuses a banner that does not start with "clampbench "', async () => {
    const { clock, client, send } = deafDevice();
    send('grbl 1.1h [\'$\' for help]\n');
    const failure = failureOf(client.connect({ bannerWaitMs: 500, where: WHERE, infoRetries: 0 }));
    await clock.advance(2000);
    expect(await failure).toMatchObject({ name: 'NotClampbenchError', message: '/dev/ttyUSB0 is not clampbench firmware: it sent "grbl 1.1h [\'$\' for help]"' });
  });

  it('hints at the baud rate when only damaged lines arrive', async () => {
    const { clock, client, send } = deafDevice();
    send(Buffer.from([0xf0, 0x0f, 0x80, 0xfe, 0x0a, 0x00, 0x78, 0xe0, 0x0a]));
    const failure = failureOf(client.connect({ bannerWaitMs: 500, where: WHERE, infoRetries: 0 }));
    await clock.advance(2000);
    const error = await failure;
    expect(error).toBeInstanceOf(WrongBaudError);
    expect(error).toBeInstanceOf(RigConnectError);
    expect(error).toMatchObject({
      message: 'nothing from /dev/ttyUSB0 decodes: it sent 2 damaged lines (e.g. "\\xf0\\x0f\\x80\\xfe") and not one valid line: wrong baud rate? clampbench talks at 115200 8N1',
      hint: 'wrong baud rate? clampbench talks at 115200 8N1',
    });
  });

  it('hints at the baud rate for lines that fail only the CRC check', async () => {
    const { clock, client, send } = deafDevice();
    send('clampbench fw=0.2.0 proto=2.0 rig=CB-UNO-0001*0000\n');
    const failure = failureOf(client.connect({ bannerWaitMs: 500, where: WHERE, infoRetries: 0 }));
    await clock.advance(2000);
    expect(await failure).toMatchObject({ name: 'WrongBaudError' });
  });

  it('hints at the baud rate for non-text bytes without any line end', async () => {
    const { clock, client, send } = deafDevice();
    send(Buffer.from([0x80, 0xf8, 0x00, 0xfe, 0x78, 0x80, 0x00, 0xf0]));
    const failure = failureOf(client.connect({ bannerWaitMs: 500, where: WHERE, infoRetries: 0 }));
    await clock.advance(2000);
    expect(await failure).toMatchObject({ name: 'WrongBaudError', message: expect.stringContaining('nothing from /dev/ttyUSB0 decodes: it sent bytes that are not text (e.g. "\\x80\\xf8\\x00') });
  });

  it('says where it waited and for how long when nothing at all arrives', async () => {
    const { clock, client } = deafDevice();
    const failure = failureOf(client.connect({ bannerWaitMs: 500, where: WHERE, infoTimeoutMs: 1000, infoRetries: 1 }));
    await clock.advance(5000);
    const error = await failure;
    expect(error).toBeInstanceOf(SilentDeviceError);
    expect(error).toMatchObject({
      message: 'no answer from /dev/ttyUSB0 within 2500 ms: is a clampbench rig connected, powered and at 115200 baud?',
    });
  });

  it('on a line where every INFO reply arrives damaged: tries more, then says "line noise", not "wrong baud rate"', async () => {
    const { clock, client, device } = bench((r) => (r.command === 'INFO' ? { replies: [{ body: infoReply(), afterMs: 5, damaged: true }] } : 'ok'));
    device.push(BANNER);
    const failure = failureOf(client.connect({ bannerWaitMs: 500, where: WHERE, infoTimeoutMs: 100, infoRetries: 1, noisyLineTries: 10 }));
    await clock.advance(20_000);
    const error = await failure;
    expect(error).toBeInstanceOf(LineNoiseError);
    expect(error).toBeInstanceOf(RigConnectError);
    expect((error as Error).message).toMatch(/^line noise on \/dev\/ttyUSB0: \d+ of \d+ lines from the rig arrived damaged \(CRC\), and INFO got no whole answer in 11 tries\. The rig answers at the right baud rate/);
    // Bounded: the usual 2 attempts with the damaged-reply resends a request may add, then 10 more.
    expect(device.received.length).toBeLessThanOrEqual(2 + DAMAGED_LINE_RETRIES + 10);
  });

  it('on a line where INFO gets through one time in four, the handshake succeeds', async () => {
    let asked = 0;
    const { clock, client, device } = bench((r) => (r.command === 'INFO' ? { replies: [{ body: infoReply(), afterMs: 5, damaged: ++asked % 4 !== 0 }] } : 'ok'));
    device.push(BANNER);
    const connecting = client.connect({ bannerWaitMs: 500, where: WHERE, infoTimeoutMs: 100, infoRetries: 1 });
    await clock.advance(5000);
    expect(await connecting).toMatchObject(IDENTITY);
    expect(asked).toBe(4);
  });
});
