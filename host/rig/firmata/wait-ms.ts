import type { Clock } from '../../shared/clock.js';

/** Wait `ms` on `clock`: the simulator's time behind `sim`, the wall clock on a real port. */
export function waitMs(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.schedule(ms, resolve));
}
