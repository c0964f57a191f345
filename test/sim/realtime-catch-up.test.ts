import { describe, expect, it } from 'vitest';
import { REALTIME_MAX_CATCH_UP_MS } from '../../rigs/uno-pull/sim/realtime-pacer.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

/** Starve the process this long in all (busy waits, as a loaded machine or a slow host does). */
const STARVED_RUN_MS = 2000;
/** Each stall: from under the catch-up limit to well over it. */
const STALL_MS = [8, 15, 19, 35, 60, 90];
/** A pacer step (5 ms), the 2 ms slice after a resync and the probe's own 1 ms: what a burst may exceed the limit by. */
const BURST_SLACK_MS = 8;

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a starved process: nothing else of it runs
  }
}

describe('real-time mode on a starved host (the real firmware in avr8js)', () => {
  it('never runs simulated time ahead in a burst longer than the catch-up limit, and keeps running', async () => {
    const sim = new UnoPullSimulator({ mode: 'realtime' });
    // (simulated ms − wall ms) each time the event loop gets round to it: a burst of catch-up raises it.
    const leads: number[] = [];
    const probe = setInterval(() => leads.push(sim.timeMs - performance.now()), 1);
    const wallStart = performance.now();
    const simStart = sim.timeMs;
    sim.start();
    let stall = 0;
    await new Promise<void>((resolve) => {
      const starve = (): void => {
        if (performance.now() - wallStart > STARVED_RUN_MS) {
          resolve();
          return;
        }
        busyWait(STALL_MS[stall++ % STALL_MS.length] ?? 0);
        setTimeout(starve, 30);
      };
      setTimeout(starve, 50);
    });
    sim.stop();
    clearInterval(probe);

    let lowest = Infinity;
    let largestBurstMs = 0;
    for (const lead of leads) {
      lowest = Math.min(lowest, lead);
      largestBurstMs = Math.max(largestBurstMs, lead - lowest);
    }
    expect(stall).toBeGreaterThan(STALL_MS.length);
    expect(largestBurstMs).toBeLessThanOrEqual(REALTIME_MAX_CATCH_UP_MS + BURST_SLACK_MS);
    // It was a real catch-up, not a stopped simulation: the short stalls were made up.
    expect(largestBurstMs).toBeGreaterThan(STALL_MS[0] ?? 0);
    expect(sim.timeMs - simStart).toBeGreaterThan((performance.now() - wallStart) * 0.2);
  });
});
