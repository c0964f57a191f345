import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../host/shared/validation-error.js';
import { SamplingPolicy } from '../../host/station/sampling/sampling-policy.js';

/** The messages a station config would show for a `sampling:` value. */
function messages(value: unknown): string[] {
  const result = SamplingPolicy.safeParse(value);
  return result.success ? [] : describeIssues(value, result.error.issues, SamplingPolicy);
}

describe('sampling policy in the station config', () => {
  it('accepts every, oneIn and iso2859', () => {
    expect(SamplingPolicy.parse('every')).toBe('every');
    expect(SamplingPolicy.parse({ oneIn: 5 })).toEqual({ oneIn: 5 });
    expect(SamplingPolicy.parse({ iso2859: { lotSize: 500, level: 'II', aql: 1.0 } })).toEqual({ iso2859: { lotSize: 500, level: 'II', aql: 1 } });
  });

  it('an AQL not in Table 2-A: lists the AQLs of the table', () => {
    expect(messages({ iso2859: { lotSize: 500, level: 'II', aql: 0.5 } })).toEqual([
      'iso2859.aql: value 0.5: an AQL of ISO 2859-1 Table 2-A, percent nonconforming: 0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10',
    ]);
  });

  it('an unknown level: lists the levels', () => {
    expect(messages({ iso2859: { lotSize: 500, level: 'G2', aql: 1 } })).toEqual(['iso2859.level: value "G2": an ISO 2859-1 inspection level: S-1, S-2, S-3, S-4, I, II, III']);
  });

  it('a lot of one unit, and 1 in 0', () => {
    expect(messages({ iso2859: { lotSize: 1, level: 'II', aql: 1 } })).toEqual(['iso2859.lotSize: value 1: Too small: expected number to be >=2']);
    expect(messages({ oneIn: 0 })).toEqual(['oneIn: value 0: Too small: expected number to be >=1']);
    expect(messages({ oneIn: 2.5 })).toEqual(['oneIn: value 2.5: Invalid input: expected int, received number']);
  });

  it('neither or both of oneIn and iso2859', () => {
    expect(messages({})).toEqual(['(top level): value {}: give oneIn or iso2859']);
    expect(messages({ oneIn: 5, iso2859: { lotSize: 500, level: 'II', aql: 1 } })).toEqual([
      '(top level): value {"oneIn":5,"iso2859":{"lotSize":500,"level":"II","aql":1}}: give oneIn or iso2859, not both',
    ]);
  });

  it('a word other than every', () => {
    expect(messages('all')).toEqual(['(top level): value "all": expected a object or "every"']);
  });
});
