import { resolvePlan } from '../../host/plans/resolve-plan.js';
import type { ResolvedPlan, ResolvedStep } from '../../host/plans/resolved-plan.js';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { StepRecord, TestRecord } from '../../host/runner/test-record.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { figure, type Figure } from './table.js';

/** One ADC conversion of the ATmega328P at its 125 kHz ADC clock: 13 clocks. */
const ADC_CONVERSION_MS = 13 / 125;

/**
 * What a step asks of physics, from the plan and the rig definition: relay and current settling,
 * ADC time, force ramps and holds. Approach, release and return travel are not counted: they
 * depend on the conductor's slack and the mechanism, not on the plan.
 */
function nominalStepMs(step: ResolvedStep, poles: number): number {
  const rig = loadRigDefinition();
  switch (step.kind) {
    case 'vdrop':
      return rig.relays.settleMs + rig.current.settleMs + step.samples * 2 * ADC_CONVERSION_MS;
    case 'isolation': {
      const nodesPerDrive = 2 * poles - 1;
      const isoConversionsPerNode = 4; // firmware config.h ISO_CONVERSIONS
      return poles * (rig.relays.settleMs + nodesPerDrive * (rig.relays.muxSettleMs + isoConversionsPerNode * ADC_CONVERSION_MS));
    }
    case 'pull':
      return ((step.forceN - step.preloadN) / step.rateNps) * 1000 + step.holdMs;
    default:
      return 0;
  }
}

function nominalPlanMs(plan: ResolvedPlan): number {
  const poles = plan.poles.length;
  const once = [...plan.unitSteps, ...(plan.unitStepsAfter ?? [])].reduce((sum, s) => sum + nominalStepMs(s, plan.dut.poles), 0);
  return once + poles * plan.poleSteps.reduce((sum, s) => sum + nominalStepMs(s, plan.dut.poles), 0);
}

/** Time the rig spent inside steps (the runner's clock): what a host with no overhead would need. */
function stepTimeMs(record: TestRecord): number {
  const steps: StepRecord[] = [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter];
  return steps.flatMap((s) => s.attempts).reduce((sum, a) => sum + a.durationMs, 0);
}

/** production-qc on the simulator in real-time mode: wall time against what its steps ask of physics. */
export async function productionQcTiming(units: number): Promise<Figure[]> {
  const { driver } = await openUnoPullDriver('sim', { realtime: true });
  try {
    const plan = resolvePlan({ plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: driver });
    const nominalMs = nominalPlanMs(plan);
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
      figure('production-qc nominal physics per unit (settling, ramps, holds)', nominalMs / 1000, 's', 'from the resolved plan and rig.yaml'),
      figure('production-qc wall ÷ nominal physics', wallMs / nominalMs, '×', 'includes approach/release/return travel (not in nominal)', '≤ 1.02'),
      figure('production-qc wall ÷ time inside rig operations', wallMs / stepMs, '×', 'host overhead between and around steps'),
      figure('production-qc units per hour per rig', 3_600_000 / wallMs, 'units/h', 'real time, prompts auto-confirmed'),
    ];
  } finally {
    await driver.close();
  }
}
