import type { Clock } from './clock.js';
import type { SimulatedBoard } from './simulated-board.js';

/** A simulated board's time as a link Clock: host timeouts and keep-alives then run in the firmware's time. */
export function simClock(sim: Pick<SimulatedBoard, 'timeMs' | 'after'>): Clock {
  return {
    now: () => sim.timeMs,
    schedule: (delayMs, fn) => sim.after(delayMs, fn),
    cancel: (handle) => (handle as ReturnType<SimulatedBoard['after']> | undefined)?.cancel(),
    simulated: true,
  };
}
