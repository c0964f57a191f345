import type { CheckStandardStep } from '../../plans/resolved-plan.js';
import type { DeclaredMeasurement } from '../judge.js';
import type { StepContext, StepResult } from './step-context.js';

/**
 * Shift-start verification: the rig measures its check standard (a reference resistor wired to a pole no DUT
 * uses) with a 4-wire reading. Within its tolerance the rig is fit to judge units; outside it, or open, the
 * step is ERROR and, as after any rig error, the run stops without a verdict on the unit: what drifted
 * (the rig or the standard) must be found before units are judged again.
 */
export async function runCheckStandardStep(step: CheckStandardStep, ctx: StepContext): Promise<StepResult> {
  const standard = ctx.driver.checkStandard;
  if (!standard) return { measurements: [], interruption: { outcome: 'ERROR', cause: 'the rig has no check standard (rig definition calibration.checkStandard)' } };
  const low = standard.milliohm * (1 - standard.toleranceFraction);
  const high = standard.milliohm * (1 + standard.toleranceFraction);
  const source = `check standard ${standard.id}: certified ${standard.milliohm} mΩ ±${standard.toleranceFraction * 100} % (rig definition calibration.checkStandard), pole ${standard.pole} at ${standard.currentA} A`;
  const reading = await ctx.driver.measureDrop(standard.pole, standard.currentA, step.samples);
  const value = reading.open ? null : reading.resistanceMilliohm;
  const measurement: DeclaredMeasurement = {
    name: 'check-standard',
    label: `check standard ${standard.id}`,
    value,
    decimals: 4,
    limits: { unit: 'mΩ', low, high, source },
    ...(value === null ? { notMeasuredCause: `open circuit on pole ${standard.pole}: the check standard is not connected` } : {}),
  };
  const within = value !== null && value >= low && value <= high;
  if (within) return { measurements: [measurement] };
  const found = value === null ? `open circuit on pole ${standard.pole}` : `${value.toFixed(4)} mΩ`;
  return {
    measurements: [measurement],
    interruption: { outcome: 'ERROR', cause: `check standard out of tolerance: ${standard.id} reads ${found}, certified ${standard.milliohm} mΩ ±${standard.toleranceFraction * 100} % (${low.toFixed(4)}..${high.toFixed(4)} mΩ); no verdicts until the rig is checked` },
  };
}
