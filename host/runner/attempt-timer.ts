import { wallClock, type Clock } from '../shared/clock.js';
import { isoWithOffset } from './iso-time.js';

export interface AttemptTimes {
  startedAt: string;
  /** Wall time of the attempt, like the record's durationMs. */
  durationMs: number;
  /** On a simulated rig, the same attempt in the simulator's time (a fast simulation runs ahead of the wall clock). */
  simDurationMs?: number;
}

/** Start timing an attempt; `end()` gives its start and its length on the wall clock (and the rig's, when simulated). */
export function startAttemptTimer(rigClock: Clock): { startedAt: string; end: () => AttemptTimes } {
  const startedAt = isoWithOffset(new Date());
  const wall0 = wallClock.now();
  const rig0 = rigClock.now();
  return {
    startedAt,
    end: () => ({
      startedAt,
      durationMs: Math.round(wallClock.now() - wall0),
      ...(rigClock.simulated ? { simDurationMs: Math.round(rigClock.now() - rig0) } : {}),
    }),
  };
}
