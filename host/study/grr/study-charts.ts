import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from '../../results/report/pull-plots.js';
import type { GrrStudyRecord } from './study-record.js';

/**
 * The charts of a gauge study, as vega-lite specs drawn to SVG by the report (results/report/vega-svg.ts):
 * every measurement by part and operator, the operator-by-part interaction (cell means), the range chart of
 * the trials with its control limit, and the variance components as shares of the total variation and of
 * the tolerance. Only numbers from the study go in; every word around a chart is escaped HTML.
 */

const WIDTH_PX = 520;
/** Part numbers upright: they are short, and a turned digit is hard to read. */
const PART_AXIS = { labelAngle: 0 };
const HEIGHT_PX = 200;

/** D4 of the range chart by subgroup size (the trials per part and operator), ASTM/AIAG control-chart constants. */
const D4_BY_TRIALS: Readonly<Record<number, number>> = { 2: 3.267, 3: 2.574, 4: 2.282, 5: 2.114, 6: 2.004, 7: 1.924, 8: 1.864, 9: 1.816, 10: 1.777 };

export interface RangeCell {
  part: number;
  operator: string;
  range: number;
}

/** Range of the trials of each part and operator, their mean R̄, and the upper control limit D4 · R̄. */
function rangeChartData(study: GrrStudyRecord): { cells: RangeCell[]; meanRange: number; upperLimit: number | null } {
  const cells: RangeCell[] = [];
  for (const part of study.parts) {
    for (const op of study.operators) {
      const values = study.runs.filter((r) => r.part === part.number && r.operator === op.number).map((r) => r.value);
      cells.push({ part: part.number, operator: op.name, range: Math.max(...values) - Math.min(...values) });
    }
  }
  const meanRange = cells.reduce((a, c) => a + c.range, 0) / cells.length;
  const d4 = D4_BY_TRIALS[study.design.trials];
  return { cells, meanRange, upperLimit: d4 === undefined ? null : d4 * meanRange };
}

const valueTitle = (study: GrrStudyRecord): string => `${study.target.measurement} (${study.target.unit})`;

/** Every measurement, by part, one colour per operator, with the part means as a line. */
export function measurementsChart(study: GrrStudyRecord): TopLevelSpec {
  const points = study.runs.map((r) => ({ part: r.part, operator: r.operatorName, value: r.value }));
  return {
    width: WIDTH_PX,
    height: HEIGHT_PX,
    config: CHART_CONFIG,
    description: 'Measurements by part and operator',
    data: { values: points },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 28, opacity: 0.8 },
        encoding: {
          x: { field: 'part', type: 'ordinal', title: 'Part', axis: PART_AXIS },
          xOffset: { field: 'operator' },
          y: { field: 'value', type: 'quantitative', title: valueTitle(study), scale: { zero: false } },
          color: { field: 'operator', type: 'nominal', title: 'Operator', legend: { orient: 'right' } },
        },
      },
      {
        mark: { type: 'line', color: '#555555', strokeWidth: 1 },
        encoding: { x: { field: 'part', type: 'ordinal' }, y: { aggregate: 'mean', field: 'value', type: 'quantitative' } },
      },
    ],
  };
}

/** Operator-by-part interaction: each operator's mean of every part, one line per operator. */
export function interactionChart(study: GrrStudyRecord): TopLevelSpec {
  const points = study.runs.map((r) => ({ part: r.part, operator: r.operatorName, value: r.value }));
  return {
    width: WIDTH_PX,
    height: HEIGHT_PX,
    config: CHART_CONFIG,
    description: 'Operator by part interaction',
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'part', type: 'ordinal', title: 'Part', axis: PART_AXIS },
      y: { aggregate: 'mean', field: 'value', type: 'quantitative', title: `mean ${valueTitle(study)}`, scale: { zero: false } },
      color: { field: 'operator', type: 'nominal', title: 'Operator', legend: { orient: 'right' } },
    },
  };
}

/** Range of the trials per part and operator, with R̄ and the upper control limit. */
export function rangeChart(study: GrrStudyRecord): TopLevelSpec {
  const { cells, meanRange, upperLimit } = rangeChartData(study);
  const rules = [{ y: meanRange, label: `R̄ ${meanRange.toPrecision(3)}` }, ...(upperLimit === null ? [] : [{ y: upperLimit, label: `UCL ${upperLimit.toPrecision(3)}` }])];
  return {
    width: WIDTH_PX,
    height: HEIGHT_PX,
    config: CHART_CONFIG,
    description: 'Range chart by operator',
    layer: [
      {
        data: { values: cells },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'part', type: 'ordinal', title: 'Part', axis: PART_AXIS },
          y: { field: 'range', type: 'quantitative', title: `range of the trials (${study.target.unit})`, scale: { zero: true } },
          color: { field: 'operator', type: 'nominal', title: 'Operator', legend: { orient: 'right' } },
        },
      },
      {
        data: { values: rules },
        layer: [
          { mark: { type: 'rule', color: '#b3261e', strokeDash: [6, 4] }, encoding: { y: { field: 'y', type: 'quantitative' } } },
          { mark: { type: 'text', color: '#b3261e', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 10 }, encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label', type: 'nominal' } } },
        ],
      },
    ],
  };
}

const COMPONENT_LABELS: Record<string, string> = { grr: 'Gauge R&R', repeatability: 'Repeatability', reproducibility: 'Reproducibility', part: 'Part-to-part' };

/** Components of variation: % of the total variation, % contribution, and % of the tolerance where there is one. */
export function componentsChart(study: GrrStudyRecord): TopLevelSpec {
  const bars = study.figures.components
    .filter((c) => c.name in COMPONENT_LABELS)
    .flatMap((c) => [
      { component: COMPONENT_LABELS[c.name]!, measure: '% total variation', percent: c.percentOfTotalVariation },
      { component: COMPONENT_LABELS[c.name]!, measure: '% contribution', percent: c.percentContribution },
      ...(c.percentOfTolerance === null ? [] : [{ component: COMPONENT_LABELS[c.name]!, measure: '% tolerance', percent: c.percentOfTolerance }]),
    ]);
  return {
    width: WIDTH_PX,
    height: HEIGHT_PX,
    config: CHART_CONFIG,
    description: 'Components of variation',
    data: { values: bars },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'component', type: 'nominal', title: null, sort: Object.values(COMPONENT_LABELS), axis: { labelAngle: 0 } },
      xOffset: { field: 'measure' },
      y: { field: 'percent', type: 'quantitative', title: 'percent' },
      color: { field: 'measure', type: 'nominal', title: null, legend: { orient: 'top' } },
    },
  };
}
