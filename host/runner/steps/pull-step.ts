import type { PullStep } from '../../plans/resolved-plan.js';
import { ruleOf, type DeclaredMeasurement } from '../judge.js';
import { alarmInterruption } from './alarm-interruption.js';
import { rampRate } from './ramp-rate.js';
import type { StepContext, StepResult } from './step-context.js';
import { pullTargetN } from './pull-target.js';
import { toleranceCondition } from './tolerance-condition.js';
import { forceBudget, holdSamples } from '../uncertainty/force-budget.js';
import type { UncertaintyRecord } from '../uncertainty/budget.js';

/**
 * Pull-out test on the pole. Declared: whether the conductor stayed in (`conductor-held`), the peak
 * force against the required force, and the slip during the hold (a limit only when the plan fails on slip).
 */
export async function runPullStep(step: PullStep, ctx: StepContext, pole: number): Promise<StepResult> {
  const targetN = pullTargetN(step, ctx);
  const profile = {
    forceN: targetN,
    rateNps: step.rateNps,
    holdMs: step.holdMs,
    preloadN: step.preloadN,
    slipLimitMm: step.slipLimitMm,
    ...(step.approachMmps === undefined ? {} : { approachMmps: step.approachMmps }),
  };
  const reading = await ctx.driver.pull(pole, profile, (s) =>
    ctx.emit({ kind: 'pull-sample', stepId: step.id, pole, tMs: s.tMs, forceN: s.forceN, posMm: s.posMm }),
  );
  const evidence = {
    samples: reading.samples.map((s) => ({ tMs: s.tMs, posMm: s.posMm, forceN: s.forceN })),
    samplesLost: reading.samplesLost,
    pullResult: reading.result,
  };
  if (reading.result === 'aborted') return { measurements: [], evidence, interruption: { outcome: 'ABORTED', cause: 'pull aborted by the operator' } };
  if (reading.result === 'alarm') {
    // An alarm without a code cannot be explained; treat it as latching, the safe reading.
    return { measurements: [], evidence, interruption: alarmInterruption(reading.alarm ?? 0) };
  }
  if (reading.result === 'unknown') {
    // A newer firmware's result: not a verdict, and the rig's state after it is not known here.
    return { measurements: [], evidence, interruption: { outcome: 'ERROR', cause: `unknown result ${reading.unknownResult ?? '?'} (DONE:PULL from a newer firmware?)` } };
  }
  if (reading.result === 'noload') {
    // Not a verdict on the unit (the pull was not carried out), and not a rig fault: the rig is home, so the run goes on.
    return { measurements: [], evidence, interruption: { outcome: 'ERROR', cause: noLoadCause(reading.peakN, step.preloadN, ctx.driver.limits.maxSlackMm), rigReady: true } };
  }
  const pulledOut = reading.result === 'pullout';
  const source = step.forceSource;
  // Like the judge's own causes, the cause names the rule; the full source stays in the limits.
  const rule = ruleOf(source);
  const pulloutCause = (): string =>
    reading.peakN < step.forceN
      ? `pull-out at ${reading.peakN.toFixed(1)} N (< ${step.forceN} N, ${rule})`
      : `pull-out at ${reading.peakN.toFixed(1)} N during the ${step.holdMs / 1000} s hold (${rule})`;
  const chain = ctx.driver.uncertaintyFigures?.force;
  const held = reading.result === 'held' ? holdSamples(reading.samples.map((s) => s.forceN), reading.holdMinN) : [];
  const uncertaintyOf = (valueN: number): { uncertainty?: UncertaintyRecord } => (chain ? { uncertainty: forceBudget(valueN, chain, held) } : {});
  const measurements: DeclaredMeasurement[] = [
    {
      name: 'conductor-held',
      label: 'conductor held',
      value: pulledOut ? 0 : 1,
      decimals: 0,
      limits: { unit: '', low: 1, source },
      explain: pulloutCause,
    },
    {
      // The hold starts when the force setpoint reaches the target, so a held pull has peaked at about the target.
      name: 'peak-force',
      label: 'peak force',
      value: reading.peakN,
      limits: { unit: 'N', low: step.forceN, source: targetN === step.forceN ? source : `${source}; pulled to ${targetN} N = ${step.forceN} N + U (guarded acceptance)` },
      ...(pulledOut ? { explain: pulloutCause } : {}),
      ...uncertaintyOf(reading.peakN),
    },
    {
      name: 'slip',
      label: 'slip during hold',
      value: reading.slipMm,
      limits: { unit: 'mm', ...(step.failOnSlip ? { high: step.slipLimitMm } : {}), source: 'plan slip limit' },
      explain: (slip, _bound, limit) => `slip ${slip.toFixed(3)} mm during hold > ${limit} mm`,
    },
  ];
  const rate = rateCondition(step, reading.samples, pulledOut);
  if (rate) measurements.push(rate);
  if (reading.result === 'held') {
    const [min, max] = holdForceConditions(step, targetN, reading.holdMinN, reading.holdMaxN);
    measurements.push({ ...min, ...uncertaintyOf(reading.holdMinN) }, { ...max, ...uncertaintyOf(reading.holdMaxN) });
  }
  return { measurements, evidence };
}

/**
 * A completed hold is a test condition: the force stayed within the tolerance around the target for the
 * whole hold (the firmware's extremes). Slip and pull-out end a hold by the DUT's doing and are judged as such.
 */
function holdForceConditions(step: PullStep, targetN: number, holdMinN: number, holdMaxN: number): [DeclaredMeasurement, DeclaredMeasurement] {
  const common = { unit: 'N', decimals: 2, nominal: targetN, tolerance: step.holdForceTolerance, what: 'force during the hold', nominalText: `target ${targetN} N` };
  return [
    toleranceCondition({ ...common, name: 'hold-force-min', label: 'lowest force during the hold', value: holdMinN }),
    toleranceCondition({ ...common, name: 'hold-force-max', label: 'highest force during the hold', value: holdMaxN }),
  ];
}

/**
 * The ramp's force rate is a test condition (IEC 60999-1: the force applied without jerks): fitted over
 * 20–80 % of the rise, within the tolerance around `rateNps`. A ramp that reached the target must give
 * a rate; a pull-out before the window filled leaves none, and the pull-out is judged as such.
 */
function rateCondition(step: PullStep, samples: readonly { tMs: number; forceN: number }[], pulledOut: boolean): DeclaredMeasurement | undefined {
  const rate = rampRate(samples, step.preloadN, step.forceN);
  if (rate.rateNps === null && pulledOut) return undefined;
  const window = `${rate.fromN.toFixed(1)}–${rate.toN.toFixed(1)} N`;
  return toleranceCondition({
    name: 'force-rate',
    label: 'force rate',
    value: rate.rateNps,
    ...(rate.rateNps === null ? { notMeasuredCause: `force rate not measured: ${rate.readings} readings between ${window}` } : {}),
    unit: 'N/s',
    decimals: 1,
    nominal: step.rateNps,
    tolerance: step.rateTolerance,
    what: `force rate (fit over ${window})`,
    nominalText: `plan rate ${step.rateNps} N/s`,
  });
}

/** `no load within 5 mm of travel (peak 0.1 N, preload 2 N): no conductor in the grip`. */
function noLoadCause(peakN: number, preloadN: number, maxSlackMm: number | undefined): string {
  const travel = maxSlackMm === undefined ? "the rig's slack travel" : `${maxSlackMm} mm of travel`;
  return `no load within ${travel} (peak ${peakN.toFixed(1)} N, preload ${preloadN} N): no conductor in the grip`;
}
