import type { ResolvedStep } from '../../plans/resolved-plan.js';
import type { StepRecord } from '../test-record.js';
import { showedOpenCircuit } from './vdrop-step.js';

/**
 * A pole whose voltage drop found no current path has, most likely, no conductor in it: a pull would
 * only travel the rig's slack and come back (DONE result=noload), and its ERROR would hide the FAIL the
 * open circuit already is. The pole is FAIL by that measurement; the pull is left out, saying why.
 */
export const PULL_SKIPPED_OPEN_CAUSE = 'not pulled: continuity open (no conductor?)';
/** The same for a temperature rise: no current path, nothing to heat (and the source would only report the open loop). */
export const HEATING_SKIPPED_OPEN_CAUSE = 'not heated: continuity open (no conductor?)';

/** Why `step` must not run, from what this pole's earlier steps found; undefined to run it. */
export function skipCauseFromEarlierSteps(step: ResolvedStep, earlierPoleSteps: readonly StepRecord[]): string | undefined {
  if (!earlierPoleSteps.some(showedOpenCircuit)) return undefined;
  if (step.kind === 'pull') return PULL_SKIPPED_OPEN_CAUSE;
  if (step.kind === 'temperature-rise') return HEATING_SKIPPED_OPEN_CAUSE;
  return undefined;
}
