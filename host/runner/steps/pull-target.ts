import type { PullStep } from '../../plans/resolved-plan.js';
import { forceBudget } from '../uncertainty/force-budget.js';
import type { StepContext } from './step-context.js';

const STEP_N = 0.1;

/**
 * The force the rig pulls to. Under simple acceptance: the required force. Under guarded acceptance a held
 * conductor passes only when its peak lies at least U above the required force (acceptance limit TL + U), so
 * the pull aims at that limit: the required force plus U of the force budget there (its Type B lines; the
 * hold's noise, known only afterwards, adds a few hundredths of a newton in quadrature, which the rig's
 * overshoot past the target covers), rounded up to 0.1 N and never above the rig's force cap.
 */
export function pullTargetN(step: PullStep, ctx: Pick<StepContext, 'driver' | 'decisionRule'>): number {
  const chain = ctx.driver.uncertaintyFigures?.force;
  if (ctx.decisionRule !== 'guarded' || !chain) return step.forceN;
  const guardN = forceBudget(step.forceN, chain, []).expanded;
  const target = Math.ceil((step.forceN + guardN) / STEP_N) * STEP_N;
  return Math.min(Number(target.toFixed(1)), ctx.driver.limits.forceCapN);
}
