import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SimBinding } from '../../host/transport/sim-binding.js';
import { createFirmataSimulator, type FirmataSimulator } from '../../rigs/firmata-continuity/sim/firmata-simulator.js';
import { standardFirmataHexFile } from '../../rigs/firmata-continuity/sim/standard-firmata-hex.js';
import { FIRMATA_BAUD, openFirmataSim, standardFirmataAvailable, type FirmataSimSession } from './support/firmata-sim-board.js';

/** REPORT_VERSION with protocol 2.4: the first bytes StandardFirmata sends after its boot blink. */
const REPORT_VERSION = [0xf9, 0x02, 0x04];

const available = await standardFirmataAvailable();

let session: FirmataSimSession | undefined;
let stream: SerialPortStream<SimBinding<FirmataSimulator>> | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
  if (stream?.isOpen) await new Promise((resolve) => stream?.close(resolve));
  stream = undefined;
});

/** The first `count` bytes the host receives after opening `sim` at `baudRate`. */
async function firstBytes(baudRate: number, count: number): Promise<number[]> {
  await standardFirmataHexFile();
  const binding = new SimBinding<FirmataSimulator>({ createSimulator: createFirmataSimulator });
  const opened = new SerialPortStream({ binding, path: 'sim', baudRate, autoOpen: false });
  stream = opened;
  await new Promise<void>((resolve, reject) => opened.open((error) => (error ? reject(error) : resolve())));
  const received: number[] = [];
  return new Promise((resolve) => {
    opened.on('data', (chunk: Buffer) => {
      received.push(...chunk);
      if (received.length >= count) resolve(received.slice(0, count));
    });
  });
}

describe.skipIf(!available)('the Firmata rig simulator behind the sim port', () => {
  it('becomes a ready johnny-five Board in fast mode, StandardFirmata answering the handshake by itself', async () => {
    session = await openFirmataSim();
    const { sim, io, ready } = session;
    process.stderr.write(`Firmata sim ready after ${ready.simMs.toFixed(0)} ms simulated, ${ready.wallMs.toFixed(0)} ms wall\n`);
    expect(sim.mode).toBe('fast');
    expect(sim.baud).toBe(FIRMATA_BAUD);
    expect(io.firmware.name).toBe('StandardFirmata.ino');
    expect(io.version).toEqual({ major: 2, minor: 4 });
    expect(io.analogPins).toEqual([14, 15, 16, 17, 18, 19]);
    // The version comes after the boot blink (~1.9 s); the capability queries take a few ms more.
    expect(ready.simMs).toBeGreaterThan(1800);
    expect(ready.simMs).toBeLessThan(2500);
  });

  it('blinks the Firmata version on pin 13 at boot: the lamp flashes six times for 40 ms, no relay moves', async () => {
    session = await openFirmataSim();
    const { sim } = session;
    expect(sim.rig.pins.lamp).toBe(13); // rig.yaml puts the lamp on the Uno's own LED pin, which the blink drives
    const blink = sim.lampChanges.filter((change) => change.timeMs < session!.ready.simMs);
    expect(blink.map((change) => change.on)).toEqual(Array.from({ length: 6 }, () => [true, false]).flat());
    for (let i = 0; i < blink.length; i += 2) expect((blink[i + 1]?.timeMs ?? NaN) - (blink[i]?.timeMs ?? NaN)).toBeCloseTo(40, 0);
    expect(sim.events.filter((event) => event.kind === 'relay')).toEqual([]);
  });

  it('passes clean bytes at 57600 baud', async () => {
    expect(await firstBytes(FIRMATA_BAUD, 3)).toEqual(REPORT_VERSION);
  });

  it('garbles them at 115200 baud (the clampbench firmware’s rate), as a real UART would', async () => {
    const bytes = await firstBytes(115200, 3);
    expect(bytes).not.toEqual(REPORT_VERSION);
    expect(bytes.every((byte) => byte >= 0x80)).toBe(true);
  });
});
