import { openRig } from '../../host/cli/open-rig.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { figure, type Figure } from './table.js';

/** Fast mode: simulated time of a 16 MHz Uno per wall second, idle and during a pull with samples. */
export async function simulatorSpeed(): Promise<Figure[]> {
  const sim = new UnoPullSimulator({ mode: 'fast' });
  await sim.runFor(2000); // JIT warm-up
  const t0 = performance.now();
  const s0 = sim.timeMs;
  await sim.runFor(10_000);
  const idle = (sim.timeMs - s0) / (performance.now() - t0);

  const rig = await openRig('sim');
  try {
    const { client } = rig;
    const simulator = rig.transport.sim as UnoPullSimulator;
    await client.request('POLE', [1]);
    const stopKeepAlive = client.startKeepAlive(100);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 120_000);
    const wall0 = performance.now();
    const sim0 = simulator.timeMs;
    await client.request('PULL', [90, 30, 10_000]);
    await done;
    const pulling = (simulator.timeMs - sim0) / (performance.now() - wall0);
    stopKeepAlive();
    return [
      figure('simulator speed, fast mode, firmware idle', idle, '× real time', '10 s simulated after 2 s warm-up', '≥ 4'),
      figure('simulator speed, fast mode, during a pull', pulling, '× real time', 'PULL 90 N / 30 N/s / 10 s hold through SerialPortStream, samples + keep-alives', '≥ 4'),
    ];
  } finally {
    await rig.close();
  }
}
