import type { VoltageDropStep } from '../../plans/resolved-plan.js';
import type { StepRecord } from '../test-record.js';
import type { StepContext, StepResult } from './step-context.js';
import { readAmbient } from './ambient-condition.js';
import { toleranceCondition } from './tolerance-condition.js';
import { dropBudget, resistanceBudget } from '../uncertainty/drop-budget.js';

/** The drop that could not be measured: the source found no current path through the pole. */
const OPEN_CIRCUIT_CAUSE = 'open circuit: test current not reached';

/**
 * 4-wire voltage drop on the pole, judged at the nominal test current (IEC 60947-7-1 gives the limit for
 * that current; the drop of an ohmic contact scales with it): the measured resistance times the nominal
 * current. A source running a few percent low would otherwise read the drop low by as much and pass a
 * pole over the limit. The drop as measured and the current that flowed are kept beside it; the current
 * is a test condition with a tolerance, outside which the step is ERROR.
 */
export async function runVoltageDropStep(step: VoltageDropStep, ctx: StepContext, pole: number): Promise<StepResult> {
  // Read with the current off, so the pole's own heating is not in it.
  const ambient = await readAmbient(ctx, step.ambient, 'before the current');
  const evidence = ambient.notes ? { notes: ambient.notes } : undefined;
  const reading = await ctx.driver.measureDrop(pole, step.currentA, step.samples);
  if (reading.open || !(reading.currentA > 0)) {
    return {
      measurements: [{ name: 'drop', label: 'voltage drop', value: null, limits: step.limits.dropMv, notMeasuredCause: OPEN_CIRCUIT_CAUSE }, ...ambient.measurements],
      ...(evidence ? { evidence } : {}),
    };
  }
  const nominalA = step.currentA;
  const atNominalMv = (reading.dropMv / reading.currentA) * nominalA;
  const chain = ctx.driver.uncertaintyFigures?.drop;
  const drop = chain
    ? dropBudget({ ...reading, nominalA, samples: step.samples }, chain)
    : undefined;
  return {
    measurements: [
      {
        name: 'drop',
        label: 'voltage drop',
        value: atNominalMv,
        limits: { ...step.limits.dropMv, source: `${step.limits.dropMv.source}; judged at the nominal ${nominalA} A` },
        ...(drop ? { uncertainty: drop } : {}),
      },
      toleranceCondition({
        name: 'current',
        label: 'test current',
        value: reading.currentA,
        unit: 'A',
        decimals: 3,
        nominal: nominalA,
        tolerance: step.currentTolerance,
        what: 'test current',
        nominalText: `nominal ${nominalA} A (${step.currentSource})`,
      }),
      { name: 'drop-measured', label: 'voltage drop as measured', value: reading.dropMv, decimals: 4, limits: { unit: 'mV', source: 'at the actual current; not judged' } },
      {
        name: 'resistance',
        label: 'resistance',
        value: reading.resistanceMilliohm,
        decimals: 4,
        limits: { unit: 'mΩ', source: 'drop / current' },
        ...(drop ? { uncertainty: resistanceBudget(drop, nominalA) } : {}),
      },
      ...ambient.measurements,
    ],
    ...(evidence ? { evidence } : {}),
  };
}

/** Whether a recorded voltage-drop step's last attempt found the pole open (no current path). */
export function showedOpenCircuit(record: StepRecord): boolean {
  if (record.kind !== 'vdrop') return false;
  return (record.attempts.at(-1)?.measurements ?? []).some((m) => m.name === 'drop' && m.value === null && m.cause === OPEN_CIRCUIT_CAUSE);
}
