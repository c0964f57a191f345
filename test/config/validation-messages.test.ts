import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closestName, nameStem } from '../../host/shared/closest-name.js';
import { describeIssues } from '../../host/shared/validation-error.js';
import { PlanFile } from '../../host/plans/plan-schema.js';

/** The problem lines for `data` checked against `schema`. */
function problems(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  if (result.success) throw new Error('expected the data to be refused');
  return describeIssues(data, result.error.issues, schema);
}

const heating = { kind: 'temperature-rise', id: 'heat', title: 'Heat', maxC: 'dut', maxRise: { standard: 'IEC 60947-7-1' } };

describe('closestName ("did you mean")', () => {
  it('finds a key in other letter case, a typo, or the same name with another unit', () => {
    const pull = ['kind', 'id', 'title', 'forceN', 'force', 'rateNps', 'holdS', 'hold', 'preloadN'];
    expect(closestName('forcen', pull)).toBe('forceN');
    expect(closestName('ratNps', pull)).toBe('rateNps');
    expect(closestName('holdMs', pull)).toBe('holdS');
    expect(closestName('holdSecs', pull)).toBe('holdS');
    expect(closestName('forceKn', pull)).toBe('forceN');
  });

  it('suggests nothing when no key is close', () => {
    expect(closestName('colour', ['kind', 'id', 'title'])).toBeUndefined();
    expect(closestName('maximum', ['min', 'max'])).toBeUndefined();
  });

  it('a name stem is the name without its last camel-case word (the unit)', () => {
    expect([nameStem('holdS'), nameStem('holdSecs'), nameStem('maxDropMv'), nameStem('hold')]).toEqual(['hold', 'hold', 'maxdrop', 'hold']);
  });
});

describe('describeIssues', () => {
  it('for a value meant for one option of a union, names that option\'s problem instead of "Invalid input"', () => {
    const plan = { name: 'p', description: 'd', poleSteps: [{ ...heating, current: { dutRating: 'ul-b' } }] };
    expect(problems(PlanFile, plan)).toEqual(['poleSteps[0].current.dutRating: value "ul-b": Invalid option: expected one of "iec"|"ul-c"|"ul-d"|"csa-c"|"csa-d"']);
  });

  it('for a union of plain values, lists each alternative', () => {
    const plan = { name: 'p', description: 'd', poleSteps: [{ ...heating, currentA: 41, maxC: true }] };
    expect(problems(PlanFile, plan)).toEqual(['poleSteps[0].maxC: value true: expected a number or "dut"']);
  });

  it('says to drop the quotes of a number written as text', () => {
    expect(problems(z.strictObject({ forceN: z.number() }), { forceN: '90' })).toEqual(['forceN: value "90": Invalid input: expected number, received string; write 90 without quotes']);
  });

  it('names the keys a mapping takes when something else was given', () => {
    const schema = z.strictObject({ range: z.strictObject({ min: z.number(), max: z.number().optional() }) });
    expect(problems(schema, { range: [1, 2] })).toEqual(['range: value [1,2]: Invalid input: expected object, received array; a mapping with the keys min (required) and max (optional)']);
  });

  it('without the schema still names field, value and the unknown key', () => {
    const result = z.strictObject({ a: z.number() }).safeParse({ a: 1, b: 2 });
    expect(describeIssues({ a: 1, b: 2 }, result.error?.issues ?? [])).toEqual(['b: value 2: unknown key']);
  });
});
