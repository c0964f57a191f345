export interface ConductorParams {
  /** Travel before the conductor is taut (the grip takes up play). */
  slackMm: number;
  stiffnessNPerMm: number;
  /** Force above which the conductor creeps in the clamp. */
  slipOnsetN: number;
  /** Creep speed per newton above the onset. */
  slipRateMmPerSPerN: number;
  /** Force at which the clamp lets go. */
  holdingForceN: number;
}

/**
 * One conductor held by a pole's clamp and gripped by the puller; or, when not `inserted`, the empty
 * clamp of a pole nobody put a conductor in: the grip closes on nothing and no force ever builds.
 *
 * force = stiffness · (pos − slack − slip), never negative. Above the slip onset the conductor
 * creeps at slipRate · (force − onset); with the puller standing still that is a first-order
 * relaxation of the force towards the onset with rate stiffness · slipRate, which advance()
 * solves exactly. When the force exceeds the holding force the conductor leaves the clamp.
 */
export class Conductor {
  slipMm = 0;
  pulledOut = false;
  /** Force at the moment of pull-out (0 while held). */
  pullOutForceN = 0;

  constructor(
    readonly params: ConductorParams,
    readonly inserted = true,
  ) {}

  forceAt(posMm: number): number {
    if (this.pulledOut || !this.inserted) return 0;
    return Math.max(0, this.params.stiffnessNPerMm * (posMm - this.params.slackMm - this.slipMm));
  }

  /** Let time pass with the puller at posMm. */
  advance(dtS: number, posMm: number): void {
    if (this.pulledOut || !this.inserted || dtS <= 0 || this.params.slipRateMmPerSPerN <= 0) return;
    const forceN = this.forceAt(posMm);
    const { slipOnsetN, stiffnessNPerMm, slipRateMmPerSPerN } = this.params;
    if (forceN <= slipOnsetN) return;
    const relaxedN = slipOnsetN + (forceN - slipOnsetN) * Math.exp(-stiffnessNPerMm * slipRateMmPerSPerN * dtS);
    this.slipMm += (forceN - relaxedN) / stiffnessNPerMm;
  }

  /** The puller moved to posMm; returns true if this move pulled the conductor out. */
  moved(posMm: number): boolean {
    if (this.pulledOut || !this.inserted) return false;
    const forceN = this.forceAt(posMm);
    if (forceN > this.params.holdingForceN) {
      this.pulledOut = true;
      this.pullOutForceN = forceN;
      return true;
    }
    return false;
  }
}
