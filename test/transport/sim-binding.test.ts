import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import type { SerialPortStream } from '@serialport/stream';
import { LineClient } from '../../host/link/line-client.js';
import { SimBinding } from '../../host/transport/sim-binding.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import type { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { TransportError } from '../../host/transport/transport-error.js';
import { simClock } from '../../host/shared/sim-clock.js';
import { closeStream, openSimStream, setFlags } from './sim-stream.js';

// Every test here runs the simulator in fast mode on its own clock: times are simulated ms.
const BOOT_MS = 3000;

let openStreams: SerialPortStream<SimBinding>[] = [];
let clients: LineClient[] = [];

async function open(binding: SimBinding<UnoPullSimulator>, path = 'sim', baudRate = 115200) {
  const stream = await openSimStream(binding, path, baudRate);
  openStreams.push(stream);
  const sim = binding.simulatorFor(path);
  const client = new LineClient(stream, { clock: simClock(sim), requestTimeoutMs: 1000 });
  clients.push(client);
  return { stream, sim, client };
}

afterEach(async () => {
  for (const client of clients) client.close();
  for (const stream of openStreams) if (stream.isOpen) await closeStream(stream);
  openStreams = [];
  clients = [];
});

describe('the simulator binding through SerialPortStream', () => {
  it('resets the board on open, so the boot banner arrives after open', async () => {
    const binding = new SimBinding({ createSimulator: createUnoPullSimulator });
    const sim = binding.simulatorFor('sim');
    expect(sim.stats.resets).toBe(1); // power-on
    const { client } = await open(binding);
    expect(sim.stats.resets).toBe(2);
    expect(sim.isRunning).toBe(true);
    const banner = await client.waitFor('banner', () => true, BOOT_MS);
    expect(banner.protocolMajor).toBe(PROTOCOL.major);
  });

  it('boots the board again when a closed port is opened again', async () => {
    const binding = new SimBinding({ createSimulator: createUnoPullSimulator });
    const first = await open(binding);
    await first.client.waitFor('banner', () => true, BOOT_MS);
    await closeStream(first.stream);
    expect(first.sim.isRunning).toBe(false);

    const second = await open(binding);
    expect(second.sim).toBe(first.sim);
    expect(second.sim.stats.resets).toBe(3);
    await second.client.waitFor('banner', () => true, BOOT_MS);
  });

  it('carries requests and replies both ways (PING, INFO)', async () => {
    const { client, sim } = await open(new SimBinding({ createSimulator: createUnoPullSimulator }));
    const banner = await client.waitFor('banner', () => true, BOOT_MS);
    expect((await client.request('PING')).fields).toEqual({});
    const info = await client.request('INFO');
    expect(info.fields.rig).toBe(banner.rigId);
    expect(info.fields.board).toBe('uno');
    expect(info.fields.poles).toBe(String(sim.rig.poles));
  });

  it('resets the board on a DTR false -> true edge, and only on that edge', async () => {
    const { stream, sim, client } = await open(new SimBinding({ createSimulator: createUnoPullSimulator }));
    await client.waitFor('banner', () => true, BOOT_MS);
    // Let the boot messages end: a reset mid-line glues the new banner onto the cut line, as on a real Uno.
    await new Promise<void>((resolve) => sim.after(300, resolve));
    expect(sim.stats.resets).toBe(2);
    await setFlags(stream, { dtr: true }); // already asserted since open: no edge
    expect(sim.stats.resets).toBe(2);
    await setFlags(stream, { dtr: false });
    expect(sim.stats.resets).toBe(2);
    const rebooted = client.waitFor('banner', () => true, BOOT_MS);
    await setFlags(stream, { dtr: true });
    expect(sim.stats.resets).toBe(3);
    await rebooted;
  });

  it('garbles both directions at a baud rate more than 3 % off 115200: no line decodes', async () => {
    const binding = new SimBinding({ createSimulator: createUnoPullSimulator });
    const sim = binding.simulatorFor('sim');
    const toDevice: number[] = [];
    const write = sim.write.bind(sim);
    sim.write = (data) => {
      toDevice.push(...Buffer.from(data as Uint8Array));
      write(data);
    };
    const { client } = await open(binding, 'sim', 9600);
    let rejected = 0;
    let decoded = 0;
    client.on('rejected', () => rejected++);
    client.on('message', () => decoded++);
    await new Promise<void>((resolve) => sim.after(800, resolve)); // past the boot banner
    client.sendRaw('INFO\n');
    await new Promise<void>((resolve) => sim.after(200, resolve));
    expect(decoded).toBe(0);
    expect(rejected).toBeGreaterThanOrEqual(2); // the banner and the reply to the junk line, both damaged
    expect(toDevice.length).toBe(5);
    expect(toDevice.slice(0, 4).every((byte) => byte >= 0x80)).toBe(true);
    expect(client.receivedBytes.totalBytes).toBeGreaterThan(0);
  });

  it('passes bytes unchanged within 3 % of 115200 (the AVR itself is 2.1 % off)', async () => {
    const { client } = await open(new SimBinding({ createSimulator: createUnoPullSimulator }), 'sim', 117647);
    await client.waitFor('banner', () => true, BOOT_MS);
    await client.request('PING');
  });

  it('lets the link say "wrong baud rate?" when the port is opened at 9600', async () => {
    const binding = new SimBinding({ createSimulator: createUnoPullSimulator });
    const { client } = await open(binding, 'sim', 9600);
    await expect(client.connect({ bannerWaitMs: 1000, where: 'sim' })).rejects.toThrow(/wrong baud rate\?/);
  });

  it('stops the simulator on close', async () => {
    const { stream, sim, client } = await open(new SimBinding({ createSimulator: createUnoPullSimulator }));
    await client.waitFor('banner', () => true, BOOT_MS);
    await closeStream(stream);
    expect(sim.isRunning).toBe(false);
    const stoppedAt = sim.timeMs;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.timeMs).toBe(stoppedAt);
  });

  it('refuses a second open of a port that is open', async () => {
    const binding = new SimBinding({ createSimulator: createUnoPullSimulator });
    await open(binding);
    const error = await openSimStream(binding).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).reason).toBe('busy');
  });

  it('lists no ports: the simulator is not a serial device', async () => {
    expect(await new SimBinding({ createSimulator: createUnoPullSimulator }).list()).toEqual([]);
  });
});
