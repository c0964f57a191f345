import { STEP_CAPABILITY, type ResolvedPlan, type ResolvedStep } from '../plans/resolved-plan.js';
import type { RigDriver } from '../rig/rig-driver.js';
import { alarmWords } from '../rig/rig-errors.js';

/** The plan cannot run on this rig; thrown before any rig command, so nothing has moved or been switched on. */
export class PlanRefusedError extends Error {
  constructor(
    readonly reasons: string[],
    planName: string,
    rigId: string,
  ) {
    super(`plan "${planName}" cannot run on rig ${rigId}: ${reasons.join('; ')}`);
    this.name = 'PlanRefusedError';
  }
}

/** Every reason the rig cannot run the plan: missing capabilities, too many poles, figures beyond its limits. */
export function refusalsFor(plan: ResolvedPlan, driver: RigDriver): string[] {
  const reasons: string[] = [];
  const steps: ResolvedStep[] = [...plan.unitSteps, ...plan.poleSteps];
  for (const step of steps) {
    const needed = STEP_CAPABILITY[step.kind];
    if (needed !== null && !driver.capabilities.has(needed)) {
      reasons.push(`step "${step.id}" (${step.kind}) needs capability "${needed}", the rig has ${[...driver.capabilities].join(', ') || 'none'}`);
    }
    if (step.kind === 'pull' && step.forceN > driver.limits.forceCapN) {
      reasons.push(`step "${step.id}" pulls ${step.forceN} N, above the rig's force cap of ${driver.limits.forceCapN} N`);
    }
    if ((step.kind === 'vdrop' || step.kind === 'temperature-rise') && step.currentA > driver.limits.maxCurrentA) {
      reasons.push(`step "${step.id}" needs ${step.currentA} A, above the rig's ${driver.limits.maxCurrentA} A`);
    }
    if (step.kind === 'check-standard' && driver.checkStandard === undefined) {
      reasons.push(`step "${step.id}" (check-standard) needs a check standard, and this rig has none (rig definition calibration.checkStandard)`);
    }
    if (step.kind === 'check-standard' && driver.checkStandard !== undefined && driver.checkStandard.pole <= plan.dut.poles) {
      reasons.push(`step "${step.id}" (check-standard): the check standard is wired to pole ${driver.checkStandard.pole}, which the ${plan.dut.poles}-pole DUT uses`);
    }
    if (step.kind === 'isolation' && step.poles > driver.maxPoles) {
      reasons.push(`step "${step.id}" checks ${step.poles} poles, the rig switches ${driver.maxPoles}`);
    }
  }
  const beyond = plan.poles.filter((pole) => pole < 1 || pole > driver.maxPoles);
  if (beyond.length > 0) reasons.push(`poles ${beyond.join(', ')} are outside the rig's 1..${driver.maxPoles}`);
  return reasons;
}

export function refuseUnlessRunnable(plan: ResolvedPlan, driver: RigDriver): void {
  const reasons = refusalsFor(plan, driver);
  if (reasons.length > 0) throw new PlanRefusedError(reasons, plan.name, driver.identity.rigId);
}

/**
 * A rig with a latched alarm (E-stop, guard, force cap …) refuses motion and current until an explicit reset;
 * the run is refused before its first step, saying which alarm and how to clear it. Asks the rig (STATUS only).
 */
export async function refuseIfAlarmLatched(plan: ResolvedPlan, driver: RigDriver): Promise<void> {
  const state = await driver.readSafetyState();
  if (state.latchedAlarms.length === 0) return;
  const alarms = state.latchedAlarms.map(alarmWords).join(', ');
  const release = state.estopPressed ? 'release the E-stop, then ' : '';
  const reason = `${alarms} latched on ${driver.identity.where}: nothing runs until an explicit reset; ${release}clear it with "clampbench reset --port <port>"`;
  throw new PlanRefusedError([reason], plan.name, driver.identity.rigId);
}
