import type { VoltageDropStep } from '../../plans/resolved-plan.js';
import type { StepRecord } from '../test-record.js';
import type { StepContext, StepResult } from './step-context.js';

/** The drop that could not be measured: the source found no current path through the pole. */
const OPEN_CIRCUIT_CAUSE = 'open circuit: test current not reached';

/** 4-wire voltage drop on the pole; the drop is judged, actual current and resistance are kept for the record. */
export async function runVoltageDropStep(step: VoltageDropStep, ctx: StepContext, pole: number): Promise<StepResult> {
  const reading = await ctx.driver.measureDrop(pole, step.currentA, step.samples);
  if (reading.open) {
    return {
      measurements: [{ name: 'drop', label: 'voltage drop', value: null, limits: step.limits.dropMv, notMeasuredCause: OPEN_CIRCUIT_CAUSE }],
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

/** Whether a recorded voltage-drop step's last attempt found the pole open (no current path). */
export function showedOpenCircuit(record: StepRecord): boolean {
  if (record.kind !== 'vdrop') return false;
  return (record.attempts.at(-1)?.measurements ?? []).some((m) => m.name === 'drop' && m.value === null && m.cause === OPEN_CIRCUIT_CAUSE);
}
