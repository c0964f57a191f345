/**
 * Time source for link timeouts and keep-alives. A real port runs on the wall clock; the
 * simulator supplies its simulated clock, so a fast-mode simulation (several times faster than
 * real time) sees timeouts and watchdog keep-alives in the same time the firmware lives in.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Call `fn` once after `delayMs`; returns a handle for `cancel`. */
  schedule(delayMs: number, fn: () => void): unknown;
  cancel(handle: unknown): void;
  /** A simulator's time, not the wall clock: a run records its length on both (a fast simulation runs ahead). */
  readonly simulated?: boolean;
}

export const wallClock: Clock = {
  now: () => performance.now(),
  schedule: (delayMs, fn) => setTimeout(fn, delayMs),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
