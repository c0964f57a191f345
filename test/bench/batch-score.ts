// Scoring a population batch: each unit's verdict (the station's unit-finished) against the truth
// the simulator logged for its serial (sim-truth.jsonl). Pure: no rig, no files.
import type { SimTruthLine } from '../../host/session/mount-serial-unit.js';
import type { ResolvedPlan, ResolvedStep } from '../../host/plans/resolved-plan.js';
import type { StationEvent } from '../../host/station/station-events.js';
import { DEFECT_KINDS, type DefectKind } from '../../rigs/uno-pull/sim/population-schema.js';

type UnitFinished = Extract<StationEvent, { event: 'unit-finished' }>;

/** Which kind of step finds each defect kind first (production plans: isolation before the pole steps). */
const FINDING_STEP_KINDS: Record<DefectKind, ReadonlyArray<ResolvedStep['kind']>> = {
  openPole: ['isolation', 'vdrop'],
  emptyTerminal: ['isolation', 'vdrop', 'pull'],
  miswire: ['isolation', 'vdrop'],
  short: ['isolation'],
  insulationLeak: ['isolation'],
  highResistance: ['vdrop'],
  looseConductor: ['pull'],
};

export interface KindScore {
  kind: DefectKind | 'none';
  units: number;
  /** FAIL or ERROR, a step of the kind that finds this defect failing, every defect pole among the failing poles. */
  caught: number;
  /** FAIL or ERROR, but not for this defect's cause (another step, another pole). */
  wrongCause: number;
  /** PASS (or anything but FAIL / ERROR) on a defective unit. */
  missed: number;
  /** FAIL or ERROR on a unit with no defect. */
  falseFails: number;
  /** Serials of the units that were missed, caught for the wrong cause or failed falsely, with what was seen. */
  notes: string[];
}

/** The step ids of the plan that can find a defect of this kind. */
function findingStepIds(plan: ResolvedPlan, kind: DefectKind): Set<string> {
  const steps = [...plan.unitSteps, ...plan.poleSteps, ...(plan.unitStepsAfter ?? [])];
  return new Set(steps.filter((s) => FINDING_STEP_KINDS[kind].includes(s.kind)).map((s) => s.id));
}

/** failingSteps entries are `<id>` (unit steps) or `pole <n> <id>`: the step id alone. */
const stepIdOf = (entry: string): string => entry.replace(/^pole \d+ /, '');

/**
 * One row per defect kind (and `none` for good units): each serial's first attempt judged against
 * its truth. A serial with no truth line or no verdict is an error of the bench, not a score.
 */
export function scoreBatch(plan: ResolvedPlan, truths: readonly SimTruthLine[], finished: readonly UnitFinished[]): KindScore[] {
  const truthBySerial = new Map(truths.map((t) => [t.serial, t]));
  const rows = new Map<DefectKind | 'none', KindScore>(
    (['none', ...DEFECT_KINDS] as const).map((kind) => [kind, { kind, units: 0, caught: 0, wrongCause: 0, missed: 0, falseFails: 0, notes: [] }]),
  );
  for (const unit of finished.filter((f) => f.firstAttempt)) {
    const truth = truthBySerial.get(unit.serial);
    if (!truth) throw new Error(`no truth logged for serial ${unit.serial}: was the unit mounted?`);
    const kind = (truth.defect?.kind ?? 'none') as DefectKind | 'none';
    const row = rows.get(kind)!;
    row.units++;
    const rejected = unit.outcome === 'FAIL' || unit.outcome === 'ERROR';
    const seen = `${unit.outcome}${unit.cause ? ` (${unit.cause})` : ''}; failing steps [${unit.failingSteps.join(', ')}]`;
    if (kind === 'none') {
      if (rejected) {
        row.falseFails++;
        row.notes.push(`${unit.serial}: good unit, ${seen}`);
      }
      continue;
    }
    const where = `${kind} on pole${truth.defect!.poles.length > 1 ? 's' : ''} ${truth.defect!.poles.join('-')}`;
    if (!rejected) {
      row.missed++;
      row.notes.push(`${unit.serial}: ${where}, ${seen}`);
      continue;
    }
    const ids = findingStepIds(plan, kind);
    const rightStep = unit.failingSteps.some((entry) => ids.has(stepIdOf(entry)));
    const rightPoles = truth.defect!.poles.every((pole) => unit.failingPoles.includes(pole));
    if (rightStep && rightPoles) row.caught++;
    else {
      row.wrongCause++;
      row.notes.push(`${unit.serial}: ${where}, ${seen}; failing poles [${unit.failingPoles.join(', ')}]`);
    }
  }
  return [...rows.values()];
}
