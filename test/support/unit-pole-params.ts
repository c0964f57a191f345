import type { PoleParams, Scenario } from '../../rigs/uno-pull/sim/scenario.js';
import { unitPoleDraw } from '../../rigs/uno-pull/sim/unit-spread.js';

/** Parameters of pole p (1-based) of the unit with this seed: the simulator's draw without its insertion depth. */
export function unitPoleParams(scenario: Scenario, pole: number, unitSeed: number): PoleParams {
  return unitPoleDraw(scenario, pole, unitSeed).params;
}
