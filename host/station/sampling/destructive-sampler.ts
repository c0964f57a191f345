import { type CountRule, countRule, type Pick } from './count-rules.js';
import type { SamplingPolicy } from './sampling-policy.js';

/**
 * Decides per unit whether the destructive steps (the pull) run, for one lot or shift.
 *
 * Only first attempts are counted. A retest does not move the count, and it gets the choice its
 * first attempt got: a unit that was pulled is pulled again, so its retest record has the same
 * steps as the first and the two can be compared; one that was not pulled is not pulled now,
 * so retesting a unit cannot change how many units of the lot the sample takes.
 * The sampler goes by the serials it has seen: a serial it has seen before is a retest whatever
 * the caller says, and a retest of a serial it has never seen (its first attempt was in an
 * earlier lot or shift, or before a restart) is neither counted nor sampled, unless the policy
 * samples every unit — it cannot know what that first attempt got.
 */
export class DestructiveSampler {
  private readonly rule: CountRule;
  /** First attempts since the count started (or restarted for a new lot or shift). */
  private unitsCounted = 0;
  /** The choice each serial's first attempt got, kept across lots for its retests. */
  private readonly firstPicks = new Map<string, Pick>();

  /** `policy` as validated by the station config (SamplingPolicy). */
  constructor(policy: SamplingPolicy) {
    this.rule = countRule(policy);
  }

  /** Whether the destructive steps run on this attempt of `serial`, and why. */
  decide(serial: string, firstAttempt: boolean): Pick {
    if (serial.trim() === '') throw new Error('DestructiveSampler.decide: empty serial; retests are recognised by serial, so every unit needs one');
    const first = this.firstPicks.get(serial);
    if (first !== undefined) {
      const repeat = first.sampled ? 'sampled again so its record is comparable' : 'not sampled again';
      return { sampled: first.sampled, reason: `retest of ${serial}, first attempt "${first.reason}": ${repeat}` };
    }
    if (!firstAttempt) {
      const sampled = this.rule.everyUnit;
      return { sampled, reason: `retest of ${serial}, whose first attempt this sampler did not see: not counted, ${sampled ? 'sampled (every unit is)' : 'not sampled'}` };
    }
    this.unitsCounted += 1;
    const pick = this.rule.pick(this.unitsCounted);
    this.firstPicks.set(serial, pick);
    return pick;
  }

  /** A new lot or shift: the count starts again at unit 1; retests of earlier units keep their choice. */
  startNewLot(): void {
    this.unitsCounted = 0;
  }

  /** One line for the station's start-up log. */
  describe(): string {
    // With every unit sampled there is nothing to count and a retest is sampled anyway.
    const counting = this.rule.everyUnit ? '' : "; counted by first attempts, a retest repeats its first attempt's choice";
    return `destructive steps: ${this.rule.description}${counting}`;
  }
}
