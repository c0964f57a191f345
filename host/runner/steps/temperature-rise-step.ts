import type { TemperatureRiseStep } from '../../plans/resolved-plan.js';
import { ambientMeasurement } from './ambient-condition.js';
import { slopeKPerHour, type TemperaturePoint } from './equilibrium.js';
import { sleepMs, type StepContext, type StepResult } from './step-context.js';
import { riseBudget, temperatureBudget } from '../uncertainty/temperature-budget.js';

/**
 * Current on through the pole until the temperature settles (slope below `equilibriumKPerHour` over the
 * window) or `maxDurationS` passes; the current goes off in every case. Declared: final temperature and
 * rise over the temperature before the current went on.
 */
export async function runTemperatureRiseStep(step: TemperatureRiseStep, ctx: StepContext, pole: number): Promise<StepResult> {
  const { driver, clock, temperature: polling } = ctx;
  const startC = await driver.readTemperatureC();
  // An ambient outside the step's range makes the rise meaningless: find out before hours of heating.
  const ambient = ambientMeasurement(startC, step.ambient, 'ambient at the start');
  if (Math.abs(startC - step.ambient.nominalC) > step.ambient.toleranceK) return { measurements: [ambient], evidence: { temperatures: [{ tS: 0, tempC: startC }] } };
  const points: TemperaturePoint[] = [{ tS: 0, tempC: startC }];
  let slope: number | null = null;
  await driver.heatOn(pole, step.currentA);
  const onAtMs = clock.now();
  try {
    for (;;) {
      await sleepMs(clock, polling.pollEveryS * 1000, ctx.signal);
      if (ctx.signal?.aborted) break;
      const tS = (clock.now() - onAtMs) / 1000;
      const tempC = await driver.readTemperatureC();
      points.push({ tS, tempC });
      ctx.emit({ kind: 'temperature', stepId: step.id, pole, elapsedS: tS, tempC });
      slope = slopeKPerHour(points, polling.windowS);
      if ((slope !== null && Math.abs(slope) < step.equilibriumKPerHour) || tS >= step.maxDurationS) break;
    }
  } finally {
    await driver.heatOff();
  }
  const evidence = { temperatures: points };
  if (ctx.signal?.aborted) return { measurements: [], evidence, interruption: { outcome: 'ABORTED', cause: 'temperature rise aborted by the operator' } };
  const finalC = points.at(-1)?.tempC ?? startC;
  const chain = driver.uncertaintyFigures?.temperature;
  return {
    evidence,
    measurements: [
      { name: 'temperature', label: 'temperature', value: finalC, limits: step.limits.temperatureC, ...(chain ? { uncertainty: temperatureBudget(chain) } : {}) },
      { name: 'rise', label: 'temperature rise', value: finalC - startC, limits: step.limits.riseK, ...(chain ? { uncertainty: riseBudget(chain) } : {}) },
      // The reading the rise starts from is the ambient the test ran in: a condition (the heat capability comes with a thermometer).
      ambient,
      // Informational (no limit): a reader sees whether the limits were judged at equilibrium or at the time limit.
      ...(slope === null ? [] : [{ name: 'final-slope', label: 'final slope', value: slope, limits: { unit: 'K/h', source: `equilibrium below ${step.equilibriumKPerHour} K/h` } }]),
    ],
  };
}
