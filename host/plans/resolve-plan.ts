import { parseConductorId } from '../standards/conductor.js';
import { dutSpecPath, loadDutSpec } from '../specs/load-dut-spec.js';
import { loadPlan } from './load-plan.js';
import type { PlanStep } from './plan-schema.js';
import { checkConductorFitsDut, checkPoles, checkStepsAgainstDut, checkStepsAgainstRig, type PlacedStep, type RigAbilities } from './preflight.js';
import { checkStepsAgainstProtocol } from './protocol-preflight.js';
import type { ResolvedPlan, ResolvedStep } from './resolved-plan.js';
import { resolveStep } from './resolve-step.js';
import type { ResolveContext } from './resolve-context.js';

export interface ResolvePlanRequest {
  /** A built-in plan name (`type-test`) or the path of a plan file. */
  plan: string;
  /** A part number (`831-1104/322-004`) or the path of a DUT spec file. */
  dut: string;
  /** A conductor id such as `10mm2-fine`. */
  conductor: string;
  /** When given, the plan is also checked against what this rig can do. */
  rig?: RigAbilities;
  /** Poles to run the pole steps on (1-based); default every pole of the DUT. */
  poles?: readonly number[];
}

/** Which plan-file key gave a step's current or force, so a refusal names the key the author wrote. */
function keysOf(step: PlanStep): PlacedStep['keys'] {
  if (step.kind === 'vdrop' || step.kind === 'temperature-rise') return { current: step.current ? 'current' : 'currentA' };
  if (step.kind === 'pull') return { force: step.force ? 'force' : 'forceN', hold: step.hold ? 'hold' : 'holdS' };
  return {};
}

/**
 * Plan file + DUT spec + standards tables + conductor (+ rig) → a ResolvedPlan with every figure
 * and its source, or a PlanError / FileValidationError naming the field, the value and what is
 * allowed. Nothing here touches the rig: a plan it cannot run is refused before anything moves.
 */
export function resolvePlan(request: ResolvePlanRequest): ResolvedPlan {
  const { plan, filePath, planHash } = loadPlan(request.plan);
  const dut = loadDutSpec(request.dut);
  const conductor = parseConductorId(request.conductor);
  checkConductorFitsDut(dut, conductor);
  const poles = [...(request.poles ?? Array.from({ length: dut.poles }, (_, index) => index + 1))];
  checkPoles(dut, poles, request.rig);

  const context: ResolveContext = { planName: plan.name, dut, conductor, poles, marginalFraction: plan.marginalFraction };
  const placed: PlacedStep[] = [];
  const resolveList = (list: 'unitSteps' | 'poleSteps' | 'unitStepsAfter', steps: readonly PlanStep[]): ResolvedStep[] =>
    steps.map((step, index) => {
      const path = `${list}[${index}]`;
      const resolved = resolveStep(step, context, path, list === 'poleSteps' ? 'pole' : 'unit');
      placed.push({ path, keys: keysOf(step), step: resolved });
      return resolved;
    });
  const unitSteps = resolveList('unitSteps', plan.unitSteps);
  const poleSteps = resolveList('poleSteps', plan.poleSteps);
  const unitStepsAfter = resolveList('unitStepsAfter', plan.unitStepsAfter);

  checkStepsAgainstDut(dut, placed);
  if (request.rig) checkStepsAgainstRig(request.rig, dut.poles, placed);
  checkStepsAgainstProtocol(placed, Math.max(...poles), request.rig);

  return {
    name: plan.name,
    description: plan.description,
    planHash,
    dut: {
      partNumber: dut.partNumber,
      poles: dut.poles,
      description: dut.description,
      mustNotConnectLive: dut.mustNotConnectLive,
      ...(dut.illustrative ? { illustrative: dut.illustrative } : {}),
    },
    conductor: { id: conductor.id, crossSectionMm2: conductor.crossSectionMm2, ...(conductor.awg !== undefined ? { awg: conductor.awg } : {}), kind: conductor.kind, text: conductor.text },
    unitSteps,
    poleSteps,
    unitStepsAfter,
    poles,
    files: { plan: filePath, dut: dutSpecPath(request.dut) },
    options: { stopOnFirstFail: plan.options.stopOnFirstFail, retest: plan.options.retest },
    decisionRule: plan.decisionRule,
  };
}
