import type { PullDoneMessage } from '../../firmware-protocol/codec/messages/done.js';
import type { OpenRig } from '../../host/rig/open-rig.js';
import { figure, type Figure } from './table.js';

/** A pull on pole 1 (90 N, 30 N/s, `holdMs` hold) after homing (protocol 2: no PULL before HOME): samples per second delivered, samples lost. */
export async function pullStream(label: string, rig: OpenRig, holdMs: number): Promise<Figure[]> {
  const { client } = rig;
  let received = 0;
  let firstMs = 0;
  let lastMs = 0;
  client.on('sample', () => {
    const now = rig.transport.clock.now();
    if (received++ === 0) firstMs = now;
    lastMs = now;
  });
  const stopKeepAlive = client.startKeepAlive(100);
  try {
    const homed = client.waitFor('done', (m) => m.operation === 'HOME', 30_000);
    await client.request('HOME');
    await homed;
    await client.request('POLE', [1]);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 120_000);
    await client.request('PULL', [90, 30, holdMs]);
    const end = (await done) as PullDoneMessage;
    const rate = (received - 1) / ((lastMs - firstMs) / 1000);
    const how = `PULL 90 N, 30 N/s, ${holdMs / 1000} s hold: result ${end.result}, ${received} samples`;
    return [
      figure(`pull samples delivered ${label}`, rate, 'samples/s', how),
      figure(`pull samples lost ${label}`, end.lastSampleNumber - received, 'samples', 'DONE:PULL sample count minus samples received', '0'),
    ];
  } finally {
    stopKeepAlive();
  }
}
