import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { CALIBRATION_OVERRIDE_TEXT, calibrationOf, calibrationProblem } from '../runner/calibration-status.js';
import { PlanRefusedError } from '../runner/plan-refusal.js';
import type { RigSlot } from './rig-slot.js';

/**
 * A station does not start on a rig whose calibration is not valid (never, expired, checksum mismatch) unless
 * the station file says why (`allowUncalibrated`): refused here, before the first unit, the station exits 2
 * naming every such rig and its dates, rather than failing each unit it is given. A rig that comes back
 * later (opened in the background) is checked by the run itself, unit by unit.
 */
export function refuseUncalibratedRigs(slots: readonly RigSlot[], plan: ResolvedPlan, allowUncalibrated: string | undefined, now: Date = new Date()): void {
  if (allowUncalibrated !== undefined) return;
  const refused = slots.flatMap((slot) => {
    if (!slot.rig) return [];
    const { driver } = slot.rig;
    const problem = calibrationProblem(driver.identity.rigId, calibrationOf(driver.calibration, now));
    return problem === null ? [] : [{ rigId: driver.identity.rigId, text: `${slot.name}: ${problem}` }];
  });
  if (refused.length === 0) return;
  throw new PlanRefusedError([...refused.map((r) => r.text), CALIBRATION_OVERRIDE_TEXT], plan.name, refused.map((r) => r.rigId).join(', '));
}
