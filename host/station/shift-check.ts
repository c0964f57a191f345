import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { isoWithOffset } from '../runner/iso-time.js';
import type { TestRecord } from '../runner/test-record.js';

const MS_PER_H = 3_600_000;

/** The ids of the plan's check-standard steps (the shift-start verification). */
export function checkStandardStepIds(plan: ResolvedPlan): string[] {
  return [...plan.unitSteps, ...(plan.unitStepsAfter ?? [])].filter((s) => s.kind === 'check-standard').map((s) => s.id);
}

/**
 * The steps a unit skips, with the shift-start check added when it is not due on this rig: it runs on the
 * rig's first unit of the station session and again once `everyH` hours have passed since it last passed.
 */
export function withShiftCheck(
  skip: ReadonlyMap<string, string> | null,
  checkIds: readonly string[],
  lastPassedMs: number | null,
  nowMs: number,
  everyH: number,
): ReadonlyMap<string, string> | null {
  const due = lastPassedMs === null || nowMs - lastPassedMs >= everyH * MS_PER_H;
  if (due || checkIds.length === 0) return skip;
  const cause = `not due: the shift-start check passed on this rig at ${isoWithOffset(new Date(lastPassedMs))}; it runs again after ${everyH} h`;
  return new Map([...(skip ?? new Map<string, string>()), ...checkIds.map((id): [string, string] => [id, cause])]);
}

/** Whether the record's check-standard steps ran and passed (then the next check is due `everyH` later). */
export function shiftCheckPassed(record: TestRecord | null, checkIds: readonly string[]): boolean {
  if (!record || checkIds.length === 0) return false;
  const steps = [...record.unitSteps, ...record.unitStepsAfter].filter((s) => checkIds.includes(s.stepId));
  return steps.length > 0 && steps.every((s) => s.outcome === 'PASS');
}
