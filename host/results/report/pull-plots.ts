import type { Config, TopLevelSpec } from 'vega-lite';
import type { AttemptRecord, PoleRecord, StepRecord } from '../../runner/test-record.js';
import { html, trustedMarkup, type Markup } from './html.js';
import { chartTemplateToSvg, type ChartInputs } from './vega-svg.js';

/**
 * The force curves of a pole's pull steps: force against displacement (how the clamp gives) and
 * force against time (ramp, hold, release), with the pull's target force as a dashed rule. Only
 * numbers from the record go into a chart; every word around it is in the escaped HTML.
 */

const PLOT_WIDTH_PX = 330;
const PLOT_HEIGHT_PX = 190;
const CURVE_COLOR = '#1f4e79';
const TARGET_COLOR = '#b3261e';

export const CHART_CONFIG: Config = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  padding: 6,
  view: { stroke: '#9aa3ad', strokeWidth: 0.75 },
  axis: {
    labelFontSize: 10,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    titleColor: '#1a1a1a',
    labelColor: '#333333',
    domainColor: '#555555',
    tickColor: '#555555',
    gridColor: '#e4e7eb',
    gridWidth: 0.75,
  },
  legend: { labelFontSize: 10, titleFontSize: 10, orient: 'bottom-right', direction: 'vertical', fillColor: 'white', padding: 4 },
  line: { strokeWidth: 1.3 },
};

/** One point of a curve, per attempt; `i` keeps the time order (a force–displacement curve goes back on release). */
interface CurvePoint {
  attempt: string;
  i: number;
  tS: number;
  posMm: number;
  forceN: number;
}

type Axis = { field: 'posMm' | 'tS'; title: string };
const DISPLACEMENT: Axis = { field: 'posMm', title: 'Displacement (mm)' };
const TIME: Axis = { field: 'tS', title: 'Time since pull start (s)' };

/** The force the pull had to reach: the low limit of its peak-force measurement, from any attempt that judged one. */
function targetForceN(step: StepRecord): number | undefined {
  for (const attempt of [...step.attempts].reverse()) {
    const low = attempt.measurements.find((m) => m.name === 'peak-force')?.limits.low;
    if (low !== undefined) return low;
  }
  return undefined;
}

const attemptsWithSamples = (step: StepRecord): AttemptRecord[] => step.attempts.filter((a) => (a.samples?.length ?? 0) > 0);

/** Pull steps of a pole that have a curve to draw. */
function plottedPullSteps(pole: PoleRecord): StepRecord[] {
  return pole.steps.filter((s) => s.kind === 'pull' && attemptsWithSamples(s).length > 0);
}

function curvePoints(step: StepRecord): CurvePoint[] {
  return attemptsWithSamples(step).flatMap((a) =>
    (a.samples ?? []).map((s, i) => ({ attempt: `attempt ${a.attempt}`, i, tS: s.tMs / 1000, posMm: s.posMm, forceN: s.forceN })),
  );
}

/** Headroom above the highest force or the target, so the target rule and its label sit inside the frame. */
const HEADROOM = 1.1;
/** The least force range drawn, so a curve that stayed at zero (a pull stopped before the preload) still has an axis. */
const MIN_FORCE_RANGE_N = 1;

/** A chart's spec (its shape: one per axis, target or none, one attempt or several) and what it draws this time. */
function chart(points: CurvePoint[], x: Axis, targetN: number | undefined, description: string): { spec: TopLevelSpec; inputs: ChartInputs } {
  const forceTopN = Math.max(MIN_FORCE_RANGE_N, points.reduce((top, p) => Math.max(top, p.forceN), targetN ?? 0) * HEADROOM);
  const severalAttempts = new Set(points.map((p) => p.attempt)).size > 1;
  const curve = {
    data: { name: 'curve' },
    mark: { type: 'line' as const, ...(severalAttempts ? {} : { color: CURVE_COLOR }) },
    encoding: {
      x: { field: x.field, type: 'quantitative' as const, title: x.title, scale: { zero: true, nice: true } },
      y: { field: 'forceN', type: 'quantitative' as const, title: 'Force (N)', scale: { zero: true, nice: true, domainMax: { expr: 'forceTopN' } } },
      order: { field: 'i', type: 'quantitative' as const },
      ...(severalAttempts ? { color: { field: 'attempt', type: 'nominal' as const, title: null } } : {}),
    },
  };
  const target =
    targetN === undefined
      ? []
      : [
          {
            data: { name: 'target' },
            layer: [
              { mark: { type: 'rule' as const, color: TARGET_COLOR, strokeDash: [6, 4], strokeWidth: 1.2 }, encoding: { y: { field: 'forceN', type: 'quantitative' as const } } },
              {
                mark: { type: 'text' as const, color: TARGET_COLOR, align: 'left' as const, baseline: 'bottom' as const, dx: 4, dy: -3, fontSize: 10 },
                encoding: { y: { field: 'forceN', type: 'quantitative' as const }, x: { value: 0 }, text: { field: 'label', type: 'nominal' as const } },
              },
            ],
          },
        ];
  const data: Record<string, object[]> = { curve: points };
  if (targetN !== undefined) data.target = [{ forceN: targetN, label: `target ${targetN} N` }];
  return {
    spec: { width: PLOT_WIDTH_PX, height: PLOT_HEIGHT_PX, description, config: CHART_CONFIG, params: [{ name: 'forceTopN', value: 0 }], layer: [curve, ...target] },
    inputs: { data, signals: { forceTopN } },
  };
}

async function figure(points: CurvePoint[], x: Axis, targetN: number | undefined, kind: string, description: string, caption: Markup): Promise<Markup> {
  const { spec, inputs } = chart(points, x, targetN, description);
  const svg = await chartTemplateToSvg(spec, inputs);
  return html`<figure class="plot" data-plot="${kind}">${trustedMarkup(svg)}<figcaption>${caption}</figcaption></figure>`;
}

/** Both charts of one pull step, with a caption naming the pole, the step and what the pull ended in. */
async function pullStepFigures(pole: number, step: StepRecord): Promise<Markup> {
  const points = curvePoints(step);
  const targetN = targetForceN(step);
  const last = attemptsWithSamples(step).at(-1)!;
  const evidence = [
    last.pullResult ? `result: ${last.pullResult}` : '',
    `${last.samples?.length ?? 0} samples`,
    last.samplesLost ? `${last.samplesLost} lost` : '',
    targetN === undefined ? 'no target force recorded' : `target ${targetN} N`,
  ].filter(Boolean);
  const caption = (what: string): Markup => html`Pole ${pole} · ${step.title} <code>${step.stepId}</code> · ${what} · ${evidence.join(' · ')}`;
  const [displacement, time] = await Promise.all([
    figure(points, DISPLACEMENT, targetN, 'force-displacement', `Pole ${pole}: force against displacement`, caption('force–displacement')),
    figure(points, TIME, targetN, 'force-time', `Pole ${pole}: force against time`, caption('force–time')),
  ]);
  return html`<div class="plots">${displacement}${time}</div>`;
}

/** The charts of every pull step with samples on this pole; nothing when it has none. */
export async function renderPullPlots(pole: PoleRecord): Promise<Markup> {
  const figures = await Promise.all(plottedPullSteps(pole).map((step) => pullStepFigures(pole.pole, step)));
  return html`${figures}`;
}
