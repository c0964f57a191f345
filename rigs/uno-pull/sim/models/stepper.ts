export interface StepperLimits {
  mmPerStep: number;
  /** Hard mechanical stops: the carriage cannot move beyond them, the motor loses the step. */
  minPosMm: number;
  maxPosMm: number;
}

/**
 * Stepper driver + lead screw: one STEP rising edge moves one microstep in the DIR direction
 * while the driver is enabled. Position is kept in whole steps so it never drifts by rounding.
 */
export class Stepper {
  private positionSteps = 0;
  private readonly minSteps: number;
  private readonly maxSteps: number;
  /** Pulses that moved the carriage. */
  stepCount = 0;
  /** Pulses lost against a hard stop. */
  blockedSteps = 0;
  /** Pulses while the driver was disabled (ignored by the driver, counted to expose firmware bugs). */
  ignoredSteps = 0;

  constructor(private readonly limits: StepperLimits) {
    this.minSteps = Math.ceil(limits.minPosMm / limits.mmPerStep - 1e-9);
    this.maxSteps = Math.floor(limits.maxPosMm / limits.mmPerStep + 1e-9);
  }

  get posMm(): number {
    return this.positionSteps * this.limits.mmPerStep;
  }

  get steps(): number {
    return this.positionSteps;
  }

  /** One STEP rising edge; returns true when the carriage moved. */
  pulse(enabled: boolean, positive: boolean): boolean {
    if (!enabled) {
      this.ignoredSteps++;
      return false;
    }
    const next = this.positionSteps + (positive ? 1 : -1);
    if (next < this.minSteps || next > this.maxSteps) {
      this.blockedSteps++;
      return false;
    }
    this.positionSteps = next;
    this.stepCount++;
    return true;
  }

  /** Test helper: put the carriage somewhere without pulses (e.g. an operator moved it by hand). */
  setPosMm(posMm: number): void {
    const steps = Math.round(posMm / this.limits.mmPerStep);
    this.positionSteps = Math.min(this.maxSteps, Math.max(this.minSteps, steps));
  }
}
