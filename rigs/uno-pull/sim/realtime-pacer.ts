/** Simulated time between yields in fast mode; also how far a resync after a stall runs at once. */
export const FAST_SLICE_MS = 2;
/**
 * Never catch up more than this (after a longer stall, resync instead: simulated time loses it).
 * Host bytes that arrived during a stall reach the UART together at its start and the catch-up then
 * runs with none, so the firmware sees the host up to this much quieter than it was: kept well
 * under the shortest host-silence watchdog (50 ms), a starved machine cannot trip it for a host
 * that kept talking.
 */
export const REALTIME_MAX_CATCH_UP_MS = 20;
/** Hand device bytes over at least this often in simulated time (a 115200 character is 0.087 ms). */
const REALTIME_FLUSH_MS = 0.1;
/** Run at most this much simulated time between yields, so I/O and host timers keep flowing while it catches up. */
const REALTIME_MAX_STEP_MS = 5;
/** Idle: after this long without a byte either way, the loop sleeps REALTIME_QUIET_SLEEP_MS at a time instead of 1 ms. */
const REALTIME_QUIET_AFTER_MS = 200;
/**
 * How long a quiet loop sleeps. The firmware's own output after a quiet spell (an alarm) reaches the
 * host up to this late; the host's bytes wake the loop at once (catchUp).
 */
const REALTIME_QUIET_SLEEP_MS = 10;

/** What the pacer drives: a simulation that runs in CPU cycles. */
export interface PacedSimulation {
  readonly cyclesPerMs: number;
  nowCycles(): number;
  /** Execute up to targetCycles. */
  runUntil(targetCycles: number): void;
  /** Hand the device's pending bytes to the host; true when there were any. */
  flush(): boolean;
  /** True while the host link is active (bytes queued or in flight, or the host wrote lately). */
  busy(): boolean;
  /** False once this run was stopped (or superseded by a new start()). */
  current(): boolean;
}

/**
 * Run `sim` paced by the wall clock. While the host talks, and while catching up, the loop polls
 * (setImmediate), so a request meets the firmware and its reply the host within a fraction of
 * a character time; otherwise it sleeps 1 ms at a time, and 10 ms at a time once no byte went
 * either way for 200 ms, so an idle rig does not spin a core.
 * Returns catchUp(): call it when host bytes arrive, to bring simulated time up to the wall
 * clock and wake a sleeping loop.
 */
export function paceByWallClock(sim: PacedSimulation): () => void {
  let wallStartMs = performance.now();
  let simStartCycles = sim.nowCycles();
  let stepping = false;
  let sleeping: ReturnType<typeof setTimeout> | null = null;
  let lastBytesWallMs = performance.now();
  const flushCycles = REALTIME_FLUSH_MS * sim.cyclesPerMs;
  const maxStepCycles = REALTIME_MAX_STEP_MS * sim.cyclesPerMs;
  /** Run towards the wall clock; true when caught up. */
  const step = (): boolean => {
    stepping = true;
    try {
      let due = simStartCycles + (performance.now() - wallStartMs) * sim.cyclesPerMs;
      if (due - sim.nowCycles() > REALTIME_MAX_CATCH_UP_MS * sim.cyclesPerMs) {
        // We fell behind (debugger, slow machine): resync rather than race to catch up.
        wallStartMs = performance.now();
        simStartCycles = sim.nowCycles();
        due = sim.nowCycles() + FAST_SLICE_MS * sim.cyclesPerMs;
      }
      const stepEnd = Math.min(due, sim.nowCycles() + maxStepCycles);
      // Quiet: the firmware's next byte may wait for the step's end (a few ms), as it may wait for the loop's sleep.
      const chunkCycles = performance.now() - lastBytesWallMs > REALTIME_QUIET_AFTER_MS ? maxStepCycles : flushCycles;
      while (sim.nowCycles() < stepEnd && sim.current()) {
        sim.runUntil(Math.min(stepEnd, sim.nowCycles() + chunkCycles));
        if (sim.flush()) lastBytesWallMs = performance.now();
      }
      return stepEnd === due;
    } finally {
      stepping = false;
    }
  };
  const loop = (): void => {
    sleeping = null;
    if (!sim.current()) return;
    const caughtUp = step();
    if (!caughtUp || sim.busy()) {
      setImmediate(loop);
      return;
    }
    const quiet = performance.now() - lastBytesWallMs > REALTIME_QUIET_AFTER_MS;
    sleeping = setTimeout(loop, quiet ? REALTIME_QUIET_SLEEP_MS : 1);
  };
  setTimeout(loop, 0);
  return () => {
    lastBytesWallMs = performance.now();
    // Inside a step (a scheduled callback or a data listener writing back) time is current.
    if (stepping || !sim.current()) return;
    step();
    if (sleeping) {
      clearTimeout(sleeping);
      sleeping = null;
      setImmediate(loop);
    }
  };
}
