/** A callback due at an absolute simulated time (in CPU cycles since power-on). */
export interface ScheduledEvent {
  readonly atCycles: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** Handle returned to callers of at()/after(). */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Events in simulated time, kept outside avr8js's own clock-event list because that list is
 * wiped by a CPU reset, while the world (HX711 conversions, scenario faults, test timers) keeps
 * running through resets.
 */
export class SimScheduler {
  private events: ScheduledEvent[] = [];

  schedule(atCycles: number, callback: () => void): TimerHandle {
    const event: ScheduledEvent = { atCycles, callback, cancelled: false };
    // Insert sorted; same-time events run in the order they were scheduled. Lists stay short.
    let index = this.events.length;
    while (index > 0 && (this.events[index - 1] as ScheduledEvent).atCycles > atCycles) index--;
    this.events.splice(index, 0, event);
    return {
      cancel: () => {
        event.cancelled = true;
      },
    };
  }

  /** Cycle time of the next live event, or Infinity. */
  nextDueCycles(): number {
    while (this.events.length > 0 && (this.events[0] as ScheduledEvent).cancelled) this.events.shift();
    return this.events[0]?.atCycles ?? Number.POSITIVE_INFINITY;
  }

  /** Run every event due at or before nowCycles (events may schedule more). */
  runDue(nowCycles: number): void {
    for (;;) {
      const next = this.events[0];
      if (next === undefined || next.atCycles > nowCycles) return;
      this.events.shift();
      if (!next.cancelled) next.callback();
    }
  }
}
