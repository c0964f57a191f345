import { z } from 'zod';
import { aqlColumn, inspectionLevels, tabledAqlsText } from '../../standards/iso-2859-plan.js';

/**
 * Which units the destructive steps (the pull) run on, as a station config value:
 *
 *   every                                          every unit
 *   { oneIn: 5 }                                   units 1, 6, 11, … of the lot or shift
 *   { iso2859: { lotSize: 500, level: II, aql: 1.0 } }
 *                                                  ISO 2859-1 sample size (normal inspection,
 *                                                  single sampling), spread over each lot
 *
 * Units are counted by first attempts; a retest repeats the choice made for its first attempt
 * (host/station/sampling/destructive-sampler.ts says why).
 */

const EveryUnit = z.literal('every').describe('run the destructive steps on every unit');

const oneIn = z.number().int().min(1).describe('run them on units 1, N+1, 2N+1, … counted by first attempts (1: every unit)');

// The levels and AQLs are checked against the tables as shipped, so the message lists the
// table's own values rather than a copy kept here.
const iso2859 = z
  .strictObject({
    lotSize: z.number().int().min(2).describe('units per lot; counting restarts after each lot'),
    level: z.string().refine((level) => inspectionLevels().includes(level), { error: () => `an ISO 2859-1 inspection level: ${inspectionLevels().join(', ')}` }),
    aql: z
      .number()
      .refine((aql) => aqlColumn(aql) !== undefined, { error: () => `an AQL of ISO 2859-1 Table 2-A, percent nonconforming: ${tabledAqlsText()}` })
      .describe('acceptance quality limit in percent nonconforming'),
  })
  .describe('ISO 2859-1 sample size for the lot, level and AQL (normal inspection, single sampling)');

// One object with either key rather than two object options: with two strict objects a value
// giving both keys is reported as "expected every" and an empty one as "oneIn missing"; one
// object with this check says "give oneIn or iso2859" in both cases.
const Rule = z
  .strictObject({ oneIn: oneIn.optional(), iso2859: iso2859.optional() })
  .superRefine((rule, context) => {
    const given = [rule.oneIn, rule.iso2859].filter((value) => value !== undefined).length;
    if (given !== 1) context.addIssue({ code: 'custom', path: [], message: given === 0 ? 'give oneIn or iso2859' : 'give oneIn or iso2859, not both' });
  });

// The object first: on a mistyped value (oneIn: 2.5) the message then comes from the object
// the value was meant for, not from "every".
export const SamplingPolicy = z.union([Rule, EveryUnit]);
export type SamplingPolicy = z.infer<typeof SamplingPolicy>;
