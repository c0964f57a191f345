import { LineClient } from '../../host/link/line-client.js';
import type { Transport } from '../../host/transport/open-transport.js';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { figure, percentile, type Figure } from './table.js';

/** Milliseconds one character takes on the wire at 8N1. */
export const CHARACTER_MS = (10 * 1000) / PROTOCOL.baud;
const WARM_UP = 20;

/**
 * PING round trips on the wall clock, each against the wire time of its own bytes (request and
 * reply, newline included), over an open transport to a real-time rig.
 */
export async function roundTrips(label: string, transport: Transport, count: number, target: string): Promise<Figure[]> {
  const client = new LineClient(transport.stream, { requestTimeoutMs: 2000 });
  await client.connect({ where: transport.where, bannerWaitMs: 300 });
  let replyChars = 0;
  client.on('line', (line: string) => {
    replyChars = line.length + 1;
  });
  const rtts: number[] = [];
  const ratios: number[] = [];
  const wires: number[] = [];
  for (let i = 0; i < WARM_UP + count; i++) {
    const t0 = performance.now();
    await client.request('PING');
    const rttMs = performance.now() - t0;
    // "#N PING*CCCC\n" is two characters longer than its reply "#N ok*CCCC\n".
    const wireMs = (2 * replyChars + 2) * CHARACTER_MS;
    if (i < WARM_UP) continue;
    rtts.push(rttMs);
    wires.push(wireMs);
    ratios.push(rttMs / wireMs);
  }
  client.close();
  const how = `${count} PINGs with id + CRC, wall clock; wire time ${percentile(wires, 50).toFixed(2)} ms`;
  return [
    figure(`PING round trip ${label}, median`, percentile(rtts, 50), 'ms', how),
    figure(`PING round trip ${label}, p90`, percentile(rtts, 90), 'ms', how),
    figure(`PING round trip ${label} / wire time, median`, percentile(ratios, 50), '×', 'each exchange against its own bytes', target),
  ];
}
