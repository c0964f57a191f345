import { describe, expect, it } from 'vitest';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import type { RunEvent } from '../../host/runner/run-events.js';
import { runPlan } from '../../host/runner/run-plan.js';
import { productionQcLike } from '../runner/fixtures/plans.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

// The real firmware in the simulator hangs in the middle of a run: it jumps to avr-libc's _exit
// (interrupts off, a jump to itself), as a firmware that crashed or returned from main() does. This is
// closer to a hung rig than cutting its TX: the firmware then runs on, finishes its VDROP and switches
// the current off; a hung one leaves everything as it was and answers nothing, keep-alives included.
// It hangs at the moment it switches the test current on for pole 2's voltage drop: the worst case,
// since nothing the host sends can switch it off again.

/** The link's figures: a request is sent 3 times (1 + 2 retries) and waits 2000 ms each time (host/cli/open-rig.ts). */
const REQUEST_TIMEOUT_MS = 2000;
const ATTEMPTS = 3;
/** The host reacts between 2 ms slices of simulated time, and a few lines cross the 115200 baud wire. */
const SLICE_TOLERANCE_MS = 30;
/** Timers are whole CPU cycles (62.5 ns): sums of them come out a hair off whole milliseconds. */
const CYCLE_ROUNDING_MS = 0.01;

describe('a firmware that stops answering in the middle of a run', () => {
  it('ends the running step ERROR naming the request and the timeout, the run ERROR, and the teardown in bounded time, saying the rig is not confirmed safe', async () => {
    const { driver, transport } = await openUnoPullDriver('sim', { createSimulator: createUnoPullSimulator });
    const sim = transport.sim!;
    const clock = transport.clock;
    let pole2DropStartedMs: number | null = null;
    let hungAtMs: number | null = null;
    let stepErrorAtMs: number | null = null;
    let runFinishedAtMs: number | null = null;
    sim.on('event', (event) => {
      if (pole2DropStartedMs !== null && hungAtMs === null && event.kind === 'currentEnable' && event.detail === 'on') {
        hungAtMs = event.timeMs;
        sim.hangFirmware();
      }
    });
    const onEvent = (event: RunEvent): void => {
      if (event.kind === 'step-started' && event.pole === 2 && event.stepId === 'vdrop') pole2DropStartedMs = clock.now();
      if (event.kind === 'step-finished' && event.outcome === 'ERROR') stepErrorAtMs = clock.now();
      if (event.kind === 'run-finished') runFinishedAtMs = clock.now();
    };
    let closed = false;
    try {
      const record = await runPlan(productionQcLike({ poles: [1, 2, 3] }), driver, autoConfirmOperator, { serial: 'SIM-HANG', clock, onEvent });

      expect(hungAtMs).not.toBeNull();
      expect(sim.events.some((e) => e.kind === 'hang')).toBe(true);
      const drop = record.poles[1]?.steps[1];
      expect(drop).toMatchObject({ stepId: 'vdrop', outcome: 'ERROR', cause: `VDROP 2 5.7 256: no reply within ${REQUEST_TIMEOUT_MS} ms (${ATTEMPTS} attempts)` });
      expect(drop?.attempts[0]?.error).toBe(drop?.cause);
      expect(record.poles.map((p) => p.steps.map((s) => s.outcome).join(' '))).toEqual(['PASS PASS PASS', 'PASS ERROR SKIPPED', 'SKIPPED SKIPPED SKIPPED']);
      expect(record.poles[2]?.steps[0]?.cause).toBe('not run after a rig error');
      expect(record.outcome).toBe('ERROR');
      expect(record.cause).toBe(`pole 2 voltage drop: ${drop?.cause}`);
      // The host cannot switch a hung rig off; the record says so instead of claiming a clean teardown.
      expect(record.teardownErrors).toEqual([
        `making the rig safe: the rig did not confirm the safe state: HEAT 0: no reply within ${REQUEST_TIMEOUT_MS} ms (${ATTEMPTS} attempts); POLE 0: no reply within ${REQUEST_TIMEOUT_MS} ms (${ATTEMPTS} attempts)`,
      ]);
      expect(sim.world.currentEnabled).toBe(true);

      // Bounded, in simulated time: the VDROP's three attempts, then HEAT 0's and POLE 0's three each.
      const stepMs = (stepErrorAtMs ?? NaN) - (pole2DropStartedMs ?? NaN);
      const teardownMs = (runFinishedAtMs ?? NaN) - (stepErrorAtMs ?? NaN);
      console.log(`hang at ${hungAtMs} ms (sim): step ERROR after ${stepMs.toFixed(1)} ms, teardown ${teardownMs.toFixed(1)} ms`);
      expect(stepMs).toBeGreaterThanOrEqual(ATTEMPTS * REQUEST_TIMEOUT_MS - CYCLE_ROUNDING_MS);
      expect(stepMs).toBeLessThan(ATTEMPTS * REQUEST_TIMEOUT_MS + SLICE_TOLERANCE_MS);
      expect(teardownMs).toBeGreaterThanOrEqual(2 * ATTEMPTS * REQUEST_TIMEOUT_MS - CYCLE_ROUNDING_MS);
      expect(teardownMs).toBeLessThan(2 * ATTEMPTS * REQUEST_TIMEOUT_MS + SLICE_TOLERANCE_MS);
    } finally {
      // The exit path: closing the port stops the simulator and resolves (a hang here times the test out).
      await driver.close();
      closed = true;
    }
    expect(closed).toBe(true);
    expect(sim.isRunning).toBe(false);
  });
});
