import type { AmbientCondition } from '../../plans/resolved-plan.js';
import type { DeclaredMeasurement } from '../judge.js';
import type { StepContext } from './step-context.js';

/** What an attempt says when the rig cannot read the temperature: the condition is not recorded, and why. */
export const NO_THERMOMETER_NOTE = 'temperature not recorded: the rig has no thermometer (no temp capability)';

/**
 * The temperature a step runs at, declared as a test condition: `ambient` (°C) within nominal ± tolerance,
 * else the step is ERROR "condition not met: temperature …". Limits in K around the nominal, not %: a
 * share of a Celsius figure means nothing.
 */
export function ambientMeasurement(tempC: number, ambient: AmbientCondition, what: string): DeclaredMeasurement {
  const { nominalC, toleranceK } = ambient;
  return {
    name: 'ambient',
    label: what,
    value: tempC,
    decimals: 2,
    condition: { nominal: nominalC },
    explain: (value) => `temperature ${value.toFixed(2)} °C (${what}), outside ${nominalC} °C ± ${toleranceK} K`,
    limits: { unit: '°C', low: nominalC - toleranceK, high: nominalC + toleranceK, source: `${nominalC} °C ± ${toleranceK} K (${ambient.source})` },
  };
}

/** One TEMP when the rig has a thermometer: the condition, or the note that none could be recorded. */
export async function readAmbient(ctx: StepContext, ambient: AmbientCondition, what: string): Promise<{ measurements: DeclaredMeasurement[]; notes?: string[] }> {
  if (!ctx.driver.capabilities.has('temp')) return { measurements: [], notes: [NO_THERMOMETER_NOTE] };
  return { measurements: [ambientMeasurement(await ctx.driver.readTemperatureC(), ambient, what)] };
}
