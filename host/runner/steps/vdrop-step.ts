import type { VoltageDropStep } from '../../plans/resolved-plan.js';
import type { StepContext, StepResult } from './step-context.js';

/** 4-wire voltage drop on the pole; the drop is judged, actual current and resistance are kept for the record. */
export async function runVoltageDropStep(step: VoltageDropStep, ctx: StepContext, pole: number): Promise<StepResult> {
  const reading = await ctx.driver.measureDrop(pole, step.currentA, step.samples);
  if (reading.open) {
    return {
      measurements: [{ name: 'drop', label: 'voltage drop', value: null, limits: step.limits.dropMv, notMeasuredCause: 'open circuit: test current not reached' }],
    };
  }
  return {
    measurements: [
      { name: 'drop', label: 'voltage drop', value: reading.dropMv, limits: step.limits.dropMv },
      { name: 'current', label: 'test current', value: reading.currentA, decimals: 3, limits: { unit: 'A', source: step.currentSource } },
      { name: 'resistance', label: 'resistance', value: reading.resistanceMilliohm, decimals: 4, limits: { unit: 'mΩ', source: 'drop / current' } },
    ],
  };
}
