import { printedAql, samplingPlan } from '../../standards/iso-2859-plan.js';
import type { SamplingPolicy } from './sampling-policy.js';
import { isSpreadPick, nextSpreadPick, spreadPicks } from './spread-over-lot.js';

export interface Pick {
  sampled: boolean;
  /** A short text for the record and the operator, e.g. "1 in 5, unit 6: sampled". */
  reason: string;
}

/** A policy as a rule on the count of first attempts; the sampler does the counting and retests. */
export interface CountRule {
  /** The choice for the `unit`-th first attempt since the count started (1-based). */
  pick(unit: number): Pick;
  /** Every unit is sampled whatever the count (so even a retest the sampler never saw is). */
  readonly everyUnit: boolean;
  /** Which units, for the start-up log. */
  readonly description: string;
}

function listText(units: readonly number[]): string {
  return units.length <= 4 ? units.join(', ') : `${units.slice(0, 3).join(', ')}, …, ${units.at(-1)}`;
}

function everyUnit(): CountRule {
  return { everyUnit: true, description: 'every unit', pick: () => ({ sampled: true, reason: 'every unit: sampled' }) };
}

function oneIn(every: number): CountRule {
  return {
    everyUnit: every === 1,
    description: `1 in ${every} units: units 1, ${1 + every}, ${1 + 2 * every}, … of the lot or shift`,
    pick(unit) {
      const sampled = (unit - 1) % every === 0;
      const next = unit + every - ((unit - 1) % every);
      return { sampled, reason: `1 in ${every}, unit ${unit}: ${sampled ? 'sampled' : `not sampled, next is unit ${next}`}` };
    },
  };
}

function iso2859(lotSize: number, level: string, aqlPercent: number): CountRule {
  const plan = samplingPlan({ lotSize, level, aqlPercent });
  const letter = plan.planLetter === plan.codeLetter ? plan.codeLetter : `${plan.codeLetter} (plan of ${plan.planLetter})`;
  const size = plan.inspectAll ? `n=${plan.planSampleSize} ≥ lot ${lotSize}, every unit` : `n=${plan.sampleSize} of lot ${lotSize}`;
  const spread = plan.inspectAll ? 'every unit of each lot' : `${plan.sampleSize} units spread over each lot of ${lotSize} (units ${listText(spreadPicks(plan.sampleSize, lotSize))})`;
  return {
    everyUnit: plan.inspectAll,
    description: `ISO 2859-1, lot ${lotSize}, level ${level}, AQL ${printedAql(aqlPercent)} %: ${spread}, counting afresh for each lot; ${plan.source}`,
    pick(unit) {
      const unitInLot = ((unit - 1) % lotSize) + 1;
      const sampled = isSpreadPick(unitInLot, plan.sampleSize, lotSize);
      const next = nextSpreadPick(unitInLot, plan.sampleSize, lotSize);
      const outcome = sampled ? 'sampled' : `not sampled, next is unit ${next ?? 1}${next === undefined ? ' of the next lot' : ''}`;
      return { sampled, reason: `ISO 2859-1 code letter ${letter}, ${size}, unit ${unitInLot} of the lot: ${outcome}` };
    },
  };
}

/** The rule for a validated policy (SamplingPolicy). */
export function countRule(policy: SamplingPolicy): CountRule {
  if (policy === 'every') return everyUnit();
  if (policy.oneIn !== undefined) return oneIn(policy.oneIn);
  if (policy.iso2859 !== undefined) return iso2859(policy.iso2859.lotSize, policy.iso2859.level, policy.iso2859.aql);
  throw new Error('sampling policy: give oneIn or iso2859 (validate it with SamplingPolicy first)');
}
