/** One change of an indicator, at simulated time. */
export interface IndicatorChange {
  timeMs: number;
  on: boolean;
}

/** Most changes kept: a lamp blinking for a long run must not grow memory without bound. */
const CHANGE_LOG_LIMIT = 5000;

/**
 * An on/off output the operator sees or hears (pass/fail lamp, buzzer): its state, when it
 * changed, and how long it has been on, so tests can check a blink pattern or a beep count.
 */
export class Indicator {
  private state = false;
  private readonly log: IndicatorChange[] = [];
  private edgeCount = 0;
  private onBeforeMs = 0;
  private onSinceMs: number | null = null;

  get on(): boolean {
    return this.state;
  }

  /** Changes, oldest first (the newest CHANGE_LOG_LIMIT). */
  get changes(): readonly IndicatorChange[] {
    return this.log;
  }

  /** Every change counted, also those that fell off the log. */
  get edges(): number {
    return this.edgeCount;
  }

  /** Total time on until nowMs. */
  onMs(nowMs: number): number {
    return this.onBeforeMs + (this.onSinceMs === null ? 0 : nowMs - this.onSinceMs);
  }

  /** Set the state; true when that was a change. */
  set(on: boolean, nowMs: number): boolean {
    if (on === this.state) return false;
    this.state = on;
    this.edgeCount++;
    if (on) this.onSinceMs = nowMs;
    else if (this.onSinceMs !== null) {
      this.onBeforeMs += nowMs - this.onSinceMs;
      this.onSinceMs = null;
    }
    this.log.push({ timeMs: nowMs, on });
    if (this.log.length > CHANGE_LOG_LIMIT) this.log.splice(0, this.log.length - CHANGE_LOG_LIMIT);
    return true;
  }
}
