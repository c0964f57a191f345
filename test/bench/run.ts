// `npm run bench`: figures of the simulator and the firmware link, printed as a table.
// Figures, not assertions: speed targets are judged from these numbers in the issue notes.
import { readFileSync } from 'node:fs';
import { LineClient } from '../../host/link/line-client.js';
import { defaultHexFile } from '../../rigs/uno-pull/sim/simulator.js';
import { parseIntelHex } from '../../rigs/uno-pull/sim/intel-hex.js';
import { ATMEGA328P_FLASH_BYTES } from '../../rigs/uno-pull/sim/machine.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';
import { runPull } from '../support/pull.js';

interface Row {
  figure: string;
  value: string;
  unit: string;
  how: string;
}

const rows: Row[] = [];
const add = (figure: string, value: number | string, unit: string, how: string): void => {
  rows.push({ figure, value: typeof value === 'number' ? value.toFixed(value >= 100 ? 0 : 2) : value, unit, how });
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed<T>(session: FirmwareSession, work: () => Promise<T>): Promise<{ result: T; simMs: number; wallMs: number }> {
  const sim0 = session.sim.timeMs;
  const wall0 = performance.now();
  const result = await work();
  return { result, simMs: session.sim.timeMs - sim0, wallMs: performance.now() - wall0 };
}

async function fastMode(): Promise<void> {
  const session = await openFirmwareSession();
  try {
    const idle = await timed(session, () => session.sleep(5000));
    add('simulator speed, firmware idle (fast mode)', idle.simMs / idle.wallMs, '× real time', '5 s simulated');

    const pings: number[] = [];
    const wallPings: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = await timed(session, () => session.client.request('PING'));
      pings.push(t.simMs);
      wallPings.push(t.wallMs);
    }
    add('PING round trip, median (simulated time)', percentile(pings, 50), 'ms', '300 requests with id + CRC at 115200 baud');
    add('PING round trip, p99 (simulated time)', percentile(pings, 99), 'ms', 'same');
    add('PING round trip, median (wall, fast mode)', percentile(wallPings, 50), 'ms', 'same');

    const vdrop = await timed(session, () => session.client.request('VDROP', [1, 5.7]));
    add('VDROP 5.7 A, 256 samples per channel', vdrop.simMs, 'ms', 'simulated time, request to reply');
    const iso = await timed(session, () => session.client.request('ISO', [4]));
    add('ISO, 4 poles', iso.simMs, 'ms', 'simulated time, request to reply');

    await session.client.request('POLE', [1]);
    const pull = await timed(session, () => runPull(session, [90, 30, 5000]));
    add('simulator speed during a pull (fast mode)', pull.simMs / pull.wallMs, '× real time', '90 N at 30 N/s, 5 s hold, samples streaming');
    add('pull 90 N / 30 N/s / 5 s hold, whole profile', pull.simMs / 1000, 's', `simulated; ${pull.result.samples.length} samples, result ${pull.result.done.result}`);
  } finally {
    session.close();
  }
}

async function realtimeMode(): Promise<void> {
  const session = await openFirmwareSession({ mode: 'realtime' });
  try {
    const wallPings: number[] = [];
    // Wall clock here: this is the latency a host sees from a real-time rig.
    const client = new LineClient(session.sim, { requestTimeoutMs: 2000 });
    const sim0 = session.sim.timeMs;
    const wall0 = performance.now();
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await client.request('PING');
      wallPings.push(performance.now() - t0);
    }
    const ratio = (session.sim.timeMs - sim0) / (performance.now() - wall0);
    client.close();
    add('PING round trip, median (wall, realtime mode)', percentile(wallPings, 50), 'ms', '100 requests');
    add('PING round trip, p95 (wall, realtime mode)', percentile(wallPings, 95), 'ms', '100 requests');
    add('realtime mode pacing', ratio, '× real time', 'should be 1.00');
  } finally {
    session.close();
  }
}

function firmwareSize(): void {
  const image = parseIntelHex(readFileSync(defaultHexFile, 'utf8'), ATMEGA328P_FLASH_BYTES);
  let used = image.length;
  while (used > 0 && image[used - 1] === 0xff) used--;
  add('firmware flash image', used, 'bytes', `of ${ATMEGA328P_FLASH_BYTES - 512} usable (Uno bootloader takes 512)`);
}

firmwareSize();
await fastMode();
await realtimeMode();

const widths = (['figure', 'value', 'unit', 'how'] as const).map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(['figure', 'value', 'unit', 'how']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line([r.figure, r.value, r.unit, r.how]));
