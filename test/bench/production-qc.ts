import { resolvePlan } from '../../host/plans/resolve-plan.js';
import type { ResolvedPlan, ResolvedStep } from '../../host/plans/resolved-plan.js';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { StepRecord, TestRecord } from '../../host/runner/test-record.js';
import type { DutTruth } from '../../rigs/uno-pull/sim/dut-twin.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { figure, type Figure } from './table.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

/** One ADC conversion of the ATmega328P at its 125 kHz ADC clock: 13 clocks. */
const ADC_CONVERSION_MS = 13 / 125;

/** What the simulated unit really is, per pole: the slack before the clamp bears and the conductor's stiffness. */
type PoleTruth = Pick<DutTruth['poles'][number]['params'], 'slackMm' | 'stiffnessNPerMm'>;

/** Physical time of the steps, split: settling, conversions, ramps and holds; and travel at the commanded speeds. */
interface Nominal {
  stepsMs: number;
  travelMs: number;
}

/**
 * What a step asks of physics, from the plan, the rig definition and the unit's truth: relay and
 * current settling, ADC time, force ramps and holds, and the pull's travel: the approach at the
 * plan's speed over the slack until the preload, the return home at the rig's top speed.
 */
function nominalStep(step: ResolvedStep, poles: number, truth: PoleTruth | undefined): Nominal {
  const rig = loadRigDefinition();
  switch (step.kind) {
    case 'vdrop':
      return { stepsMs: rig.relays.settleMs + rig.current.settleMs + step.samples * 2 * ADC_CONVERSION_MS, travelMs: 0 };
    case 'isolation': {
      const nodesPerDrive = 2 * poles - 1;
      const isoConversionsPerNode = 4; // firmware config.h ISO_CONVERSIONS
      return { stepsMs: poles * (rig.relays.settleMs + nodesPerDrive * (rig.relays.muxSettleMs + isoConversionsPerNode * ADC_CONVERSION_MS)), travelMs: 0 };
    }
    case 'pull': {
      if (!truth) throw new Error('a pull step needs the pole\'s truth');
      const approachMmps = step.approachMmps ?? rig.motion.approachSpeedMmps;
      const approachMm = truth.slackMm + step.preloadN / truth.stiffnessNPerMm;
      const returnMm = truth.slackMm + step.forceN / truth.stiffnessNPerMm;
      return {
        stepsMs: ((step.forceN - step.preloadN) / step.rateNps) * 1000 + step.holdMs,
        travelMs: (approachMm / approachMmps + returnMm / rig.motion.maxSpeedMmps) * 1000,
      };
    }
    default:
      return { stepsMs: 0, travelMs: 0 };
  }
}

function nominalPlan(plan: ResolvedPlan, truth: DutTruth): Nominal {
  const sum = (parts: Nominal[]): Nominal => ({ stepsMs: parts.reduce((a, p) => a + p.stepsMs, 0), travelMs: parts.reduce((a, p) => a + p.travelMs, 0) });
  const once = [...plan.unitSteps, ...(plan.unitStepsAfter ?? [])].map((s) => nominalStep(s, plan.dut.poles, undefined));
  const perPole = plan.poles.flatMap((pole) => plan.poleSteps.map((s) => nominalStep(s, plan.dut.poles, truth.poles[pole - 1]?.params)));
  return sum([...once, ...perPole]);
}

/** Time the rig spent inside steps (the runner's clock): what a host with no overhead would need. */
function stepTimeMs(record: TestRecord): number {
  const steps: StepRecord[] = [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter];
  return steps.flatMap((s) => s.attempts).reduce((sum, a) => sum + (a.simDurationMs ?? a.durationMs), 0);
}

/** production-qc on the simulator in real-time mode: wall time against what its steps ask of physics. */
export async function productionQcTiming(units: number): Promise<Figure[]> {
  const { driver, transport } = await openUnoPullDriver('sim', { createSimulator: createUnoPullSimulator, realtime: true });
  try {
    const plan = resolvePlan({ plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: driver });
    const sim = transport.sim;
    if (!sim) throw new Error('production-qc timing needs the simulator');
    // The scenario has no spread: every unit is the same, so one truth serves all.
    const nominal = nominalPlan(plan, sim.dutTruth);
    const nominalMs = nominal.stepsMs + nominal.travelMs;
    const walls: number[] = [];
    const inSteps: number[] = [];
    for (let unit = 1; unit <= units; unit++) {
      const t0 = performance.now();
      const record = await runPlan(plan, driver, autoConfirmOperator, { serial: `BENCH-${unit}` });
      walls.push(performance.now() - t0);
      inSteps.push(stepTimeMs(record));
      if (record.outcome !== 'PASS') throw new Error(`bench unit ${unit}: ${record.outcome} (${record.cause ?? ''})`);
    }
    const wallMs = walls.reduce((a, b) => a + b, 0) / units;
    const stepMs = inSteps.reduce((a, b) => a + b, 0) / units;
    const how = `${units} units, real-time simulator, mean per unit`;
    return [
      figure('production-qc wall time per unit', wallMs / 1000, 's', how),
      figure('production-qc physics per unit: settling, conversions, ramps, holds', nominal.stepsMs / 1000, 's', 'from the resolved plan and rig.yaml'),
      figure('production-qc physics per unit: pull travel', nominal.travelMs / 1000, 's', 'approach over the slack at the plan speed, return at top speed'),
      figure('production-qc wall ÷ physics (incl. travel)', wallMs / nominalMs, '×', 'what the steps ask for, travel included', '≤ 1.02'),
      figure('production-qc wall ÷ physics (excl. travel)', wallMs / nominal.stepsMs, '×', 'the stricter reading: travel counted as overhead'),
      figure('production-qc wall ÷ time inside rig operations', wallMs / stepMs, '×', 'host overhead between and around steps'),
      figure('production-qc units per hour per rig', 3_600_000 / wallMs, 'units/h', 'real time, prompts auto-confirmed'),
    ];
  } finally {
    await driver.close();
  }
}
