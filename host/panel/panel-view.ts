import { HOST_LIMITS } from '../shared/limits.js';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { measurementCells } from '../results/rows-from-record.js';
import { worstOutcome } from '../runner/judge.js';
import type { RunEvent } from '../runner/run-events.js';
import type { MeasurementRecord, Outcome, StepRecord } from '../runner/test-record.js';
import type { StationEvent } from '../station/station-events.js';
import type { CurveView, LaneView, MeasurementView, PanelSnapshot, PoleView, PromptView, ResultView } from './panel-messages.js';

/** A lane with the parts a page never gets whole: the curve goes out in pieces. */
interface Lane {
  view: LaneView;
  curve: CurveView | null;
}

/** What a page needs to know, told to the page's connection as it changes. */
export interface ViewChanges {
  lanes: LaneView[];
  /** Points added to a lane's curve since the last changes (or a new curve, `from` 0). */
  curves: Array<{ rig: string; curve: Omit<CurveView, 'points'>; from: number; points: Array<[number, number]> }>;
  results: ResultView[] | null;
  notices: string[];
  /** Units waiting for a rig, when that changed. */
  queued: number | null;
}

/**
 * The panel's picture of the station, made from the same events the station emits and the runner's
 * run events: per rig its state, the unit on it with a lamp and the measured values per pole, the
 * prompt waiting for the operator, the force curve of the pull under way; the last results. Pure
 * state: the server sends what changed to the pages.
 */
export class PanelView {
  private readonly lanes = new Map<string, Lane>();
  private results: ResultView[] = [];
  private nextResultId = 1;
  private readonly runDirs = new Map<number, string>();
  private queued = 0;
  private readonly dirty = new Set<string>();
  private readonly curveSent = new Map<string, number>();
  private resultsChanged = false;
  private queuedChanged = false;
  private notices: string[] = [];
  /** Serials queued or on a rig: a second start of the same unit is refused. */
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly info: {
      station: string;
      plan: ResolvedPlan;
      dut: string;
      conductor: string;
      /** Whether a run folder holds the finished record (run.json) its report and CSV files come from. */
      hasRecord: (runDir: string) => boolean;
    },
    rigs: readonly string[],
  ) {
    for (const rig of rigs) this.lanes.set(rig, { view: emptyLane(rig), curve: null });
  }

  /** Everything, for a page that connects now. */
  snapshot(): PanelSnapshot {
    return {
      station: this.info.station,
      plan: { name: this.info.plan.name, description: this.info.plan.description },
      dut: this.info.dut,
      conductor: this.info.conductor,
      queued: this.queued,
      lanes: [...this.lanes.values()].map((l) => ({ ...l.view, curve: l.curve ? { ...l.curve, points: [...l.curve.points] } : null })),
      results: [...this.results],
    };
  }

  isInProgress(serial: string): boolean {
    return this.inProgress.has(serial);
  }

  /** The run folder of a result the panel lists, or null: pages reach run files only by these ids. */
  runDirOf(resultId: number): string | null {
    return this.runDirs.get(resultId) ?? null;
  }

  rigNames(): string[] {
    return [...this.lanes.keys()];
  }

  /** Each rig's card as it stands, without its curve. */
  laneViews(): LaneView[] {
    return [...this.lanes.values()].map((l) => l.view);
  }

  setPrompt(rig: string, prompt: PromptView | null): void {
    const lane = this.lane(rig);
    lane.view.prompt = prompt;
    this.touch(rig);
  }

  onStationEvent(event: StationEvent): void {
    switch (event.event) {
      case 'station-ready':
        for (const r of event.rigs) this.update(r.rig, { state: 'free', rigId: r.rigId, where: r.where, fault: null });
        for (const r of event.rigsDown) this.update(r.rig, { state: 'down', fault: r.cause });
        return;
      case 'unit-queued':
        this.queued = event.queued;
        this.queuedChanged = true;
        this.inProgress.add(event.serial);
        return;
      case 'unit-refused':
        this.inProgress.delete(event.serial);
        this.notices.push(`${event.serial}: ${event.cause}`);
        return;
      case 'unit-started': {
        this.queued = Math.max(0, this.queued - 1);
        this.queuedChanged = true;
        const lane = this.lane(event.rig);
        lane.view.state = 'busy';
        lane.view.unit = { serial: event.serial, attempt: event.attempt, stepIndex: 0, totalSteps: 0, step: null, live: null, outcome: null, cause: null, poles: [], unitMeasurements: [] };
        lane.curve = null;
        this.touch(event.rig);
        return;
      }
      case 'unit-finished': {
        const lane = this.lane(event.rig);
        if (!event.retest) this.inProgress.delete(event.serial);
        lane.view.state = 'free';
        lane.view.prompt = null;
        if (lane.view.unit) {
          lane.view.unit.outcome = event.outcome;
          lane.view.unit.cause = event.cause ?? null;
          lane.view.unit.step = null;
          lane.view.unit.live = null;
        }
        const id = this.nextResultId++;
        const files = event.runDir !== '' && this.info.hasRecord(event.runDir);
        if (files) this.runDirs.set(id, event.runDir);
        this.results = [
          { id, serial: event.serial, attempt: event.attempt, rig: event.rig, outcome: event.outcome, cause: event.cause ?? null, at: event.at, failingPoles: event.failingPoles, retest: event.retest, files },
          ...this.results,
        ].slice(0, HOST_LIMITS.panel.lastResults);
        for (const dropped of [...this.runDirs.keys()].filter((k) => !this.results.some((r) => r.id === k))) this.runDirs.delete(dropped);
        this.resultsChanged = true;
        this.touch(event.rig);
        return;
      }
      case 'rig-fault':
        this.update(event.rig, { state: 'down', fault: event.cause });
        return;
      case 'rig-recovered':
        this.update(event.rig, { state: 'free', rigId: event.rigId, fault: null });
        return;
      case 'rig-given-up':
        this.update(event.rig, { state: 'given-up', fault: event.cause });
        return;
      default:
        return;
    }
  }

  onRunEvent(rig: string, event: RunEvent): void {
    const lane = this.lane(rig);
    const unit = lane.view.unit;
    if (!unit) return;
    switch (event.kind) {
      case 'run-started':
        unit.totalSteps = event.totalSteps;
        unit.poles = Array.from({ length: event.header.dut.poles }, (_, i): PoleView => ({ pole: i + 1, status: 'waiting', cause: null, measurements: [] }));
        break;
      case 'step-started': {
        unit.stepIndex = event.index;
        unit.step = { title: event.title, kind: event.stepKind, ...(event.pole === undefined ? {} : { pole: event.pole }), attempt: event.attempt };
        unit.live = null;
        const pole = event.pole === undefined ? undefined : unit.poles[event.pole - 1];
        for (const p of unit.poles) p.active = p === pole;
        if (pole && pole.status === 'waiting') pole.status = 'running';
        if (event.stepKind === 'pull' && event.pole !== undefined) {
          const step = this.info.plan.poleSteps.find((s) => s.id === event.stepId);
          lane.curve = { id: `${unit.serial}#${unit.attempt}:${event.stepId}:${event.pole}:${event.attempt}`, pole: event.pole, title: event.title, targetN: step?.kind === 'pull' ? step.forceN : null, points: [] };
          this.curveSent.set(rig, 0);
        }
        break;
      }
      case 'pull-sample':
        // The curve carries the live force; the rest of the lane has not changed.
        if (lane.curve && lane.curve.points.length < HOST_LIMITS.panel.curvePointsMax) lane.curve.points.push([event.tMs / 1000, event.forceN]);
        return;
      case 'temperature':
        unit.live = `${event.tempC.toFixed(2)} °C after ${Math.round(event.elapsedS)} s`;
        break;
      case 'measurement':
        this.addMeasurement(unit, event.pole, event.stepId, event.measurement);
        break;
      case 'step-recorded':
        this.recordStep(unit, event.pole, event.record);
        break;
      case 'run-finished':
        unit.step = null;
        unit.live = null;
        for (const p of unit.poles) p.active = false;
        unit.outcome = event.outcome;
        unit.cause = event.cause ?? null;
        // The lamps end on the record's pole outcomes, so the panel shows what the report and the exports say.
        for (const p of event.record.poles) {
          const pole = unit.poles[p.pole - 1];
          if (pole) pole.status = p.outcome;
        }
        break;
      default:
        return;
    }
    this.touch(rig);
  }

  /** What changed since the last call; null when nothing did. */
  takeChanges(): ViewChanges | null {
    const curves: ViewChanges['curves'] = [];
    for (const [rig, lane] of this.lanes) {
      if (!lane.curve) continue;
      const from = this.curveSent.get(rig) ?? 0;
      if (from >= lane.curve.points.length) continue;
      const { points, ...curve } = lane.curve;
      curves.push({ rig, curve, from, points: points.slice(from) });
      this.curveSent.set(rig, points.length);
    }
    if (this.dirty.size === 0 && curves.length === 0 && !this.resultsChanged && !this.queuedChanged && this.notices.length === 0) return null;
    const lanes = [...this.dirty].map((rig) => this.lane(rig).view);
    const changes: ViewChanges = {
      lanes: structuredClone(lanes),
      curves,
      results: this.resultsChanged ? [...this.results] : null,
      notices: this.notices,
      queued: this.queuedChanged ? this.queued : null,
    };
    this.dirty.clear();
    this.resultsChanged = false;
    this.queuedChanged = false;
    this.notices = [];
    return changes;
  }

  private addMeasurement(unit: NonNullable<LaneView['unit']>, stepPole: number | undefined, stepId: string, m: MeasurementRecord): void {
    const step = [...this.info.plan.unitSteps, ...this.info.plan.poleSteps, ...(this.info.plan.unitStepsAfter ?? [])].find((s) => s.id === stepId);
    const view: MeasurementView = { step: step?.title ?? stepId, ...measurementCells(m) };
    const poleNumber = stepPole ?? m.pole;
    const pole = poleNumber === undefined ? undefined : unit.poles[poleNumber - 1];
    if (pole) {
      pole.measurements.push(view);
      if (m.verdict === 'FAIL') {
        pole.status = 'FAIL';
        pole.cause ??= m.cause ?? m.name;
      }
    } else unit.unitMeasurements.push(view);
  }

  /** A pole's lamp shows the worst of its steps so far (a FAIL an isolation check found on it included). */
  private recordStep(unit: NonNullable<LaneView['unit']>, poleNumber: number | undefined, record: StepRecord): void {
    if (poleNumber === undefined) return;
    const pole = unit.poles[poleNumber - 1];
    if (!pole) return;
    pole.active = false;
    const outcomes: Outcome[] = [record.outcome];
    if (pole.status !== 'waiting' && pole.status !== 'running') outcomes.push(pole.status);
    pole.status = worstOutcome(outcomes);
    if (record.outcome !== 'PASS' && record.outcome !== 'SKIPPED') pole.cause ??= `${record.title}: ${record.cause ?? record.outcome}`;
  }

  private update(rig: string, fields: Partial<Pick<LaneView, 'state' | 'rigId' | 'where' | 'fault'>>): void {
    Object.assign(this.lane(rig).view, fields);
    this.touch(rig);
  }

  private lane(rig: string): Lane {
    let lane = this.lanes.get(rig);
    if (!lane) {
      lane = { view: emptyLane(rig), curve: null };
      this.lanes.set(rig, lane);
    }
    return lane;
  }

  private touch(rig: string): void {
    this.dirty.add(rig);
  }
}

function emptyLane(rig: string): LaneView {
  return { rig, rigId: null, where: null, state: 'down', fault: null, unit: null, prompt: null };
}
