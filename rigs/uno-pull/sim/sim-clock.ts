import type { Clock } from '../../../host/link/clock.js';
import type { TimerHandle } from './scheduler.js';
import type { UnoPullSimulator } from './simulator.js';

/** The simulator's time as a link Clock: host timeouts and keep-alives then run in the firmware's time. */
export function simClock(sim: UnoPullSimulator): Clock {
  return {
    now: () => sim.timeMs,
    schedule: (delayMs, fn) => sim.after(delayMs, fn),
    cancel: (handle) => (handle as TimerHandle | undefined)?.cancel(),
  };
}
