import { isoWithOffset } from '../runner/iso-time.js';
import type { Outcome } from '../runner/test-record.js';
import type { RigSlot } from './rig-slot.js';
import type { StationEventOf } from './station-events.js';

/**
 * The shift's counts: units (distinct first attempts), attempts, outcomes, first-pass yield (first
 * attempts that passed ÷ first attempts: a unit that passes on its retest does not count as passed
 * first time), and per rig its attempts per hour of the shift.
 */
export class ShiftTally {
  private readonly startedMs = Date.now();
  private units = 0;
  private attempts = 0;
  private firstPassed = 0;
  private readonly byOutcome = new Map<Outcome, number>();

  constructor(private readonly slots: readonly RigSlot[]) {}

  add(_rig: string, firstAttempt: boolean, outcome: Outcome): void {
    this.attempts++;
    if (firstAttempt) {
      this.units++;
      if (outcome === 'PASS') this.firstPassed++;
    }
    this.byOutcome.set(outcome, (this.byOutcome.get(outcome) ?? 0) + 1);
  }

  summary(): StationEventOf<'shift-summary'> {
    const elapsedS = (Date.now() - this.startedMs) / 1000;
    const count = (o: Outcome): number => this.byOutcome.get(o) ?? 0;
    return {
      event: 'shift-summary',
      at: isoWithOffset(new Date()),
      units: this.units,
      attempts: this.attempts,
      pass: count('PASS'),
      fail: count('FAIL'),
      error: count('ERROR') + count('ABORTED'),
      firstPassYield: this.units === 0 ? null : this.firstPassed / this.units,
      perRig: this.slots.map((s) => ({ rig: s.name, attempts: s.attempts, unitsPerHour: elapsedS > 0 ? (s.attempts * 3600) / elapsedS : 0 })),
      elapsedS,
    };
  }

  /** The summary as a person reads it (stderr, the log). */
  text(): string {
    const s = this.summary();
    const fpy = s.firstPassYield === null ? '–' : `${(s.firstPassYield * 100).toFixed(1)} %`;
    const rigs = s.perRig.map((r) => `${r.rig} ${r.attempts} (${r.unitsPerHour.toFixed(0)}/h)`).join(', ');
    return `shift: ${s.units} units, ${s.attempts} attempts: ${s.pass} pass, ${s.fail} fail, ${s.error} error/aborted; first-pass yield ${fpy}; per rig ${rigs}; ${s.elapsedS.toFixed(0)} s`;
  }
}
