import type { IsolationStep } from '../../plans/resolved-plan.js';
import type { DeclaredMeasurement } from '../judge.js';
import { measureInsulationPairs } from './insulation-pairs.js';
import type { StepContext, StepResult } from './step-context.js';

/**
 * Wiring map and shorts, declared per pole so a per-pole table shows which pole failed:
 * `far-end-terminal` must equal the expected terminal, `shorted-poles` must be 0. Then, on rigs with an
 * insulation meter, the insulation resistance of every pole pair (`insulation-resistance-a-b`, MΩ), whose
 * failure fails both its poles.
 */
export async function runIsolationStep(step: IsolationStep, ctx: StepContext): Promise<StepResult> {
  const reading = await ctx.driver.checkIsolation(step.poles);
  const measurements: DeclaredMeasurement[] = [];
  for (let pole = 1; pole <= step.poles; pole++) {
    const expected = step.expectedWiring[pole - 1] ?? pole;
    measurements.push({
      name: 'far-end-terminal',
      label: `pole ${pole} far-end terminal`,
      pole,
      value: reading.farEndByPole[pole - 1] ?? 0,
      decimals: 0,
      limits: { unit: '', low: expected, high: expected, source: step.source },
      explain: (far) => (far === 0 ? `pole ${pole} reaches no terminal (open)` : `pole ${pole} reaches terminal ${far} (miswired)`),
    });
    const partners = reading.shortedPairs.filter((pair) => pair.includes(pole));
    measurements.push({
      name: 'shorted-poles',
      label: `pole ${pole} shorts`,
      pole,
      value: partners.length,
      decimals: 0,
      limits: { unit: '', high: 0, source: step.source },
      explain: () => partners.map(([a, b]) => `short between poles ${a} and ${b}`).join('; '),
    });
  }
  const insulation = await measureInsulationPairs(step, ctx.driver);
  if ('note' in insulation) return { measurements, evidence: { notes: [insulation.note] } };
  if ('error' in insulation) return { measurements, interruption: { outcome: 'ERROR', cause: insulation.error, rigReady: true } };
  return { measurements: [...measurements, ...insulation.measurements] };
}
