// A lane's force curve: force against time since the pull started, with the target force, drawn
// with uPlot. uPlot is the vendored IIFE build that index.html loads with a classic <script> before
// these modules run; it defines the global window.uPlot.
// The chart's element carries data-points, data-peak-n and data-curve: the page's tests read them.
import { laneFor, lanes } from './lanes.js';

const CHART_HEIGHT_PX = 260;
const CHART_WIDTH_MIN_PX = 300;

/** Add a curve message's points (`from` is the index of the first) to the rig's chart; a new curve id starts a new chart. */
export function applyCurve(rig, meta, from, points) {
  const lane = laneFor(rig);
  if (!lane.curve || lane.curve.id !== meta.id) {
    lane.curve = { id: meta.id, meta, xs: [], ys: [] };
    makeChart(lane);
  }
  const curve = lane.curve;
  const skip = curve.xs.length - from; // points this page has already (a snapshot came with them)
  for (const [t, f] of points.slice(Math.max(0, skip))) {
    curve.xs.push(t);
    curve.ys.push(f);
  }
  const target = curve.xs.map(() => meta.targetN);
  lane.plot.setData(meta.targetN === null ? [curve.xs, curve.ys] : [curve.xs, curve.ys, target]);
  const plotEl = lane.card.querySelector('.plot');
  plotEl.dataset.points = String(curve.xs.length);
  lane.card.querySelector('.live').textContent = liveText(lane);
  plotEl.dataset.peakN = String(curve.ys.reduce((a, b) => Math.max(a, b), 0));
  plotEl.dataset.curve = meta.id;
}

/** Remove the lane's chart and curve, leaving an empty chart area. */
export function clearChart(lane) {
  lane.plot?.destroy();
  lane.plot = null;
  lane.curve = null;
  const plotEl = lane.card.querySelector('.plot');
  plotEl.replaceChildren();
  plotEl.dataset.points = '0';
  delete plotEl.dataset.curve;
  delete plotEl.dataset.peakN;
  lane.card.querySelector('.plot-title').textContent = '';
}

/** The reading under the chart: during a pull the force of its last sample; during a temperature rise the server's figure. */
export function liveText(lane) {
  const unit = lane.view && lane.view.unit;
  if (!unit || unit.outcome) return '';
  if (unit.live) return unit.live;
  const curve = lane.curve;
  if (!curve || !unit.step || unit.step.kind !== 'pull' || curve.xs.length === 0) return '';
  return `${curve.ys[curve.ys.length - 1].toFixed(1)} N at ${curve.xs[curve.xs.length - 1].toFixed(1)} s`;
}

/** Keep every chart as wide as its lane when the window is resized. */
export function resizeChartsWithWindow() {
  window.addEventListener('resize', () => {
    for (const lane of lanes.values()) {
      if (!lane.plot) continue;
      const width = lane.card.querySelector('.plot').clientWidth;
      if (width > 0) lane.plot.setSize({ width, height: CHART_HEIGHT_PX });
    }
  });
}

/** A new, empty chart with its title for the lane's curve, replacing any chart the lane had. */
function makeChart(lane) {
  const plotEl = lane.card.querySelector('.plot');
  const { meta } = lane.curve;
  lane.card.querySelector('.plot-title').textContent = `pole ${meta.pole}: ${meta.title}${meta.targetN === null ? '' : ` — target ${meta.targetN} N`}`;
  lane.plot?.destroy();
  plotEl.replaceChildren();
  const series = [{ label: 't (s)' }, { label: 'force (N)', stroke: '#1d4ed8', width: 2, points: { show: false } }];
  if (meta.targetN !== null) series.push({ label: 'target (N)', stroke: '#c62828', dash: [6, 4], width: 1, points: { show: false } });
  lane.plot = new window.uPlot(
    {
      width: Math.max(CHART_WIDTH_MIN_PX, plotEl.clientWidth || lane.card.querySelector('.lane-right').clientWidth),
      height: CHART_HEIGHT_PX,
      scales: { x: { time: false }, y: { range: (u, min, max) => [0, Math.max(max, (meta.targetN ?? 0) * 1.15, 1)] } },
      axes: [{ label: 'time since pull start (s)' }, { label: 'force (N)' }],
      series,
      legend: { show: false },
      cursor: { show: false },
    },
    series.map(() => []),
    plotEl,
  );
}
