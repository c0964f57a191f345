import type { Conductor } from '../standards/conductor.js';
import type { DutSpec } from '../specs/dut-spec.js';

/** What a plan step's figures are resolved against. */
export interface ResolveContext {
  planName: string;
  dut: DutSpec;
  conductor: Conductor;
  /** Poles the unit steps cover and the pole steps run on, for `{poles}` in prompts. */
  poles: readonly number[];
  marginalFraction: number;
}

/** Where a step sits in the plan file, e.g. `poleSteps[2]`, so messages point at it. */
export type StepPath = string;

/** "1–4" for a run of poles, "1, 3" otherwise. */
export function polesText(poles: readonly number[]): string {
  const first = poles[0];
  const last = poles[poles.length - 1];
  if (first === undefined || last === undefined) return '';
  const isRun = poles.length > 2 && poles.every((pole, index) => pole === first + index);
  return isRun ? `${first}–${last}` : poles.join(', ');
}
