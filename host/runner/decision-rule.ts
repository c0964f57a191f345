import { z } from 'zod';
import { DecisionRule, type Limits } from '../plans/resolved-plan.js';

/**
 * Decision rules in the terms of ILAC-G8:09/2019 (metrology.md). Tolerance limits TL come from the plan;
 * U is the value's expanded uncertainty (k = 2).
 * - simple acceptance (w = 0): the value is compared with TL;
 * - guarded acceptance (w = U): acceptance limits AL = TL − U (upper) / TL + U (lower); a value between AL and
 *   TL is a conditional pass, which is NOT accepted: the measurement FAILs with that statement as its cause.
 * Either way the non-binary statement is recorded with the value, so a reader sees a value within U of a limit.
 */

/** ILAC-G8 non-binary statement about one value against its limits. */
export const DecisionStatement = z.enum(['pass', 'conditional-pass', 'conditional-fail', 'fail']);
export type DecisionStatement = z.infer<typeof DecisionStatement>;

/** The rule as a record states it. */
export const DecisionRuleRecord = z.strictObject({
  rule: DecisionRule,
  guardBand: z.union([z.literal(0), z.literal('U')]).describe('the guard band w: 0 for simple acceptance, U (k = 2) for guarded acceptance'),
  source: z.literal('ILAC-G8:09/2019'),
});
export type DecisionRuleRecord = z.infer<typeof DecisionRuleRecord>;

const DECISION_RULE_SOURCE = 'ILAC-G8:09/2019';

/** A test uncertainty ratio below this warns: tolerance / U ≥ 4 is the common practice (ILAC-G8, metrology.md). */
export const MIN_TOLERANCE_TO_UNCERTAINTY = 4;

export function decisionRuleRecord(rule: DecisionRule): DecisionRuleRecord {
  return { rule, guardBand: rule === 'guarded' ? 'U' : 0, source: DECISION_RULE_SOURCE };
}

/** `simple acceptance (ILAC-G8:09/2019, w = 0)`, `guarded acceptance (ILAC-G8:09/2019, w = U, k = 2)`. */
export function decisionRuleText(rule: DecisionRule): string {
  return rule === 'guarded' ? `guarded acceptance (${DECISION_RULE_SOURCE}, w = U, k = 2)` : `simple acceptance (${DECISION_RULE_SOURCE}, w = 0)`;
}

const RANK: Record<DecisionStatement, number> = { pass: 0, 'conditional-pass': 1, 'conditional-fail': 2, fail: 3 };

/**
 * The statement for `value` ± `expandedU` against the limits: per limit, beyond TL by more than U is a fail,
 * beyond TL by up to U a conditional fail, inside TL by up to U a conditional pass (a value exactly U inside
 * TL is a pass, a value on TL a conditional pass); the worst over both limits. With U = 0 it is pass or fail.
 */
export function decisionStatement(value: number, limits: Pick<Limits, 'low' | 'high'>, expandedU: number): DecisionStatement {
  const statements: DecisionStatement[] = [];
  if (limits.high !== undefined) statements.push(against(limits.high - value, expandedU));
  if (limits.low !== undefined) statements.push(against(value - limits.low, expandedU));
  return statements.reduce<DecisionStatement>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'pass');
}

/** `inside`: how far the value is inside the limit (negative: beyond it). */
function against(inside: number, expandedU: number): DecisionStatement {
  if (inside < -expandedU) return 'fail';
  if (inside < 0) return 'conditional-fail';
  return inside < expandedU ? 'conditional-pass' : 'pass';
}

/**
 * The tolerance a limit gives the value: half the range with two limits; with one, the limit's distance from
 * zero, the natural origin of every one-sided quantity judged here (a drop, a force, a rise). Null without limits.
 */
export function toleranceOf(limits: Pick<Limits, 'low' | 'high'>): number | null {
  const { low, high } = limits;
  if (low !== undefined && high !== undefined) return (high - low) / 2;
  const one = high ?? low;
  return one === undefined ? null : Math.abs(one);
}
