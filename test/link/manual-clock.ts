import type { Clock } from '../../host/shared/clock.js';

interface Timer {
  atMs: number;
  order: number;
  fn: () => void;
}

/** Let stream callbacks and promise continuations run; the line parser may emit on a later tick. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock that only moves when a test says so: timeouts happen exactly when advanced past, never by chance. */
export class ManualClock implements Clock {
  private nowMs = 0;
  private order = 0;
  private readonly timers = new Set<Timer>();

  now(): number {
    return this.nowMs;
  }

  schedule(delayMs: number, fn: () => void): unknown {
    const timer = { atMs: this.nowMs + delayMs, order: this.order++, fn };
    this.timers.add(timer);
    return timer;
  }

  cancel(handle: unknown): void {
    this.timers.delete(handle as Timer);
  }

  /** Timers scheduled and neither fired nor cancelled: what a finished piece of work left behind. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Move time forward by `ms`, firing due timers in time order and letting each one's consequences run. */
  async advance(ms: number): Promise<void> {
    const endMs = this.nowMs + ms;
    await settle();
    for (;;) {
      const next = [...this.timers].filter((t) => t.atMs <= endMs).sort((a, b) => a.atMs - b.atMs || a.order - b.order)[0];
      if (!next) break;
      this.timers.delete(next);
      this.nowMs = next.atMs;
      next.fn();
      await settle();
    }
    this.nowMs = endMs;
    await settle();
  }
}
