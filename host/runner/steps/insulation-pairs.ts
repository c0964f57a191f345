import type { IsolationStep } from '../../plans/resolved-plan.js';
import type { RigDriver } from '../../rig/rig-driver.js';
import type { DeclaredMeasurement } from '../judge.js';
import { INSULATION_UNIT, insulationResistanceUncertainty } from '../uncertainty/insulation-resistance.js';

/** The measurement name of pair a-b: one name per pair, so exports and history tell pairs apart. */
function insulationMeasurementName(a: number, b: number): string {
  return `insulation-resistance-${a}-${b}`;
}

/** Every pole pair a < b of `poles` poles, in the order they are measured: 1-2, 1-3 … (n−1)-n. */
function polePairs(poles: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let a = 1; a <= poles; a++) for (let b = a + 1; b <= poles; b++) pairs.push([a, b]);
  return pairs;
}

const OHM_PER_MOHM = 1e6;

export type InsulationOutcome =
  | { measurements: DeclaredMeasurement[] }
  /** The rig has no insulation meter: nothing is recorded, and this says so. */
  | { note: string }
  /** The step cannot be carried out as specified on this rig. */
  | { error: string };

/**
 * The insulation resistance of every pole pair, judged against the step's lower limit (unit MΩ). A value
 * above the meter's range passes a limit inside it; one below its range fails. A limit outside the range
 * could not decide every pair (above it none could be shown to pass, below it none to fail), so the step
 * is then not carried out (ERROR).
 */
export async function measureInsulationPairs(step: IsolationStep, driver: RigDriver): Promise<InsulationOutcome> {
  const meter = driver.insulationMeter;
  if (!meter || !driver.measureInsulation || !driver.capabilities.has('insul')) {
    return { note: `insulation resistance not measured: rig ${driver.identity.rigId} has no insulation meter (capabilities: ${[...driver.capabilities].join(', ')})` };
  }
  const limitMohm = step.insulation.low ?? 0;
  const topMohm = meter.rangeHighOhm / OHM_PER_MOHM;
  const bottomMohm = meter.rangeLowOhm / OHM_PER_MOHM;
  if (limitMohm > topMohm) {
    return { error: `insulation limit ${limitMohm} MΩ is above what rig ${driver.identity.rigId} can measure (up to ${topMohm} MΩ): no pair could be shown to meet it` };
  }
  if (limitMohm < bottomMohm) {
    return { error: `insulation limit ${limitMohm} MΩ is below what rig ${driver.identity.rigId} can measure (from ${bottomMohm} MΩ): a pair below the range could not be judged` };
  }
  const measurements: DeclaredMeasurement[] = [];
  for (const [a, b] of polePairs(step.poles)) {
    const reading = await driver.measureInsulation(a, b);
    const valueMohm = reading.resistanceOhm / OHM_PER_MOHM;
    const label = `insulation resistance ${a}-${b}`;
    measurements.push({
      name: insulationMeasurementName(a, b),
      label,
      pair: [a, b],
      value: valueMohm,
      decimals: 3,
      limits: { ...step.insulation, unit: INSULATION_UNIT },
      ...(reading.range === 'in'
        ? { uncertainty: insulationResistanceUncertainty(reading.resistanceOhm, meter, reading.spreadCounts) }
        : { beyondRange: reading.range }),
      ...(reading.range === 'below' ? { explain: (value: number, _bound: 'low' | 'high', limit: number) => `${label} < ${value.toFixed(3)} MΩ (below the rig's range), under the limit ${limit} MΩ` } : {}),
    });
  }
  return { measurements };
}
