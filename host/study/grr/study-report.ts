import { html, trustedMarkup, type Markup } from '../../results/report/html.js';
import { REPORT_CSS } from '../../results/report/report-style.js';
import { vegaLiteToSvg } from '../../results/report/vega-svg.js';
import type { AnovaRow } from './crossed-anova.js';
import { bandText, MIN_NDC, type AcceptanceBand, type ComponentName } from './grr-figures.js';
import { componentsChart, interactionChart, measurementsChart, rangeChart } from './study-charts.js';
import type { GrrStudyRecord } from './study-record.js';

/**
 * The study's page (`study.html` in its folder): what was studied, the verdict bands, the components and
 * ANOVA tables, the four charts, and every run with a link to its own report. Self-contained like a run's
 * report: CSS and SVG inline, nothing fetched, every text from the study escaped.
 */

const COMPONENT_TEXT: Record<ComponentName, string> = {
  repeatability: 'Repeatability (EV)',
  reproducibility: 'Reproducibility (AV)',
  operator: 'operator',
  'part×operator': 'part × operator',
  grr: 'Gauge R&R (GRR)',
  part: 'Part-to-part (PV)',
  total: 'Total variation (TV)',
};

const STUDY_CSS = `
.grr-verdict { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin: 12px 0; }
.grr-verdict div { border: 2px solid; border-radius: 4px; padding: 6px 10px; }
.grr-verdict .big { font-size: 18pt; font-weight: 800; display: block; }
.band-acceptable { color: var(--pass); background: var(--pass-bg); }
.band-conditional { color: var(--marginal); background: var(--marginal-bg); }
.band-unacceptable { color: var(--fail); background: var(--fail-bg); }
.sub { padding-left: 14px; color: var(--muted); }
`;

const num = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Number(x.toPrecision(digits)).toString());
const pct = (x: number | null): string => (x === null ? '—' : `${x.toFixed(2)} %`);
const pValue = (p: number | undefined): string => (p === undefined ? '' : p < 0.001 ? '< 0.001' : p.toFixed(3));

function verdictBox(title: string, value: string, band: AcceptanceBand | null, note: string): Markup {
  return html`<div class="${band ? `band-${band}` : ''}"><span class="label">${title}</span><span class="big">${value}</span>${band ? bandText(band) : note}</div>`;
}

function anovaTable(rows: readonly AnovaRow[], caption: string): Markup {
  return html`<table><caption>${caption}</caption><thead><tr><th>Source</th><th class="num">DF</th><th class="num">SS</th><th class="num">MS</th><th class="num">F</th><th class="num">p</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td>${r.source}</td><td class="num">${r.df}</td><td class="num">${num(r.ss, 6)}</td><td class="num">${num(r.ms, 6)}</td><td class="num">${r.f === undefined ? '' : r.f === null ? '∞' : num(r.f, 4)}</td><td class="num">${pValue(r.p)}</td></tr>`)}
</tbody></table>`;
}

function componentsTable(study: GrrStudyRecord): Markup {
  const unit = study.target.unit;
  return html`<table><thead><tr><th>Component</th><th class="num">Variance (${unit}²)</th><th class="num">σ (${unit})</th><th class="num">6 σ (${unit})</th><th class="num">% total variation</th><th class="num">% contribution</th><th class="num">% tolerance</th></tr></thead><tbody>
${study.figures.components.map(
  (c) => html`<tr><td class="${c.name === 'operator' || c.name === 'part×operator' ? 'sub' : ''}">${COMPONENT_TEXT[c.name]}</td><td class="num">${num(c.variance, 4)}</td><td class="num">${num(c.sd, 4)}</td><td class="num">${num(c.studyVariation, 4)}</td><td class="num">${pct(c.percentOfTotalVariation)}</td><td class="num">${pct(c.percentContribution)}</td><td class="num">${pct(c.percentOfTolerance)}</td></tr>`,
)}
</tbody></table>`;
}

function runsTable(study: GrrStudyRecord): Markup {
  return html`<table><thead><tr><th class="num">#</th><th class="num">Trial</th><th>Operator</th><th>Part</th><th class="num">${study.target.measurement} (${study.target.unit})</th><th>Step</th>${study.simulation && html`<th class="num">unit seed</th><th class="num">contact shift (mΩ)</th>`}<th>Records</th></tr></thead><tbody>
${study.runs.map(
  (r) => html`<tr><td class="num">${r.order}</td><td class="num">${r.trial}</td><td>${r.operatorName}</td><td>${r.serial}</td><td class="num">${r.value.toFixed(4)}</td><td>${r.stepOutcome}</td>${r.simulated && html`<td class="num">${r.simulated.unitSeed}</td><td class="num">${r.simulated.contactShiftMilliohm.toFixed(4)}</td>`}<td><a href="${`../${r.folder}/report.html`}">${r.folder}</a></td></tr>`,
)}
</tbody></table>`;
}

async function chart(spec: Parameters<typeof vegaLiteToSvg>[0], kind: string, caption: string): Promise<Markup> {
  return html`<figure class="plot" data-plot="${kind}">${trustedMarkup(await vegaLiteToSvg(spec))}<figcaption>${caption}</figcaption></figure>`;
}

export async function renderStudyReport(study: GrrStudyRecord): Promise<string> {
  const { figures, target, design } = study;
  const tolerance = figures.tolerance;
  const charts = await Promise.all([
    chart(measurementsChart(study), 'measurements', 'Every measurement by part, one colour per operator; the line joins the part means.'),
    chart(interactionChart(study), 'interaction', 'Operator-by-part interaction: each operator’s mean of each part. Parallel lines: no interaction.'),
    chart(rangeChart(study), 'range', 'Range of the trials of each part and operator, with R̄ and the upper control limit D4 · R̄.'),
    chart(componentsChart(study), 'components', 'Components of variation.'),
  ]);
  const title = `Gauge R&R — ${target.measurement} of ${target.stepId}, pole ${target.pole} — ${pct(figures.percentGrrOfTotalVariation)} of total variation`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clampbench">
<title>${title}</title>
<style>${trustedMarkup(REPORT_CSS + STUDY_CSS)}</style>
</head>
<body>
<header class="masthead">
<div>
<p class="kicker">clampbench · gauge R&amp;R study (crossed, ANOVA)</p>
<h1>${target.measurement} of <code>${target.stepId}</code>, pole ${target.pole}</h1>
<p class="subtitle">${study.dut.partNumber} · ${study.conductor} · plan ${study.plan.name} · ${design.parts} parts × ${design.operators} operators × ${design.trials} trials</p>
</div>
<div class="tested">${study.startedAt}<br>Rig ${study.rig.id} (${study.rig.where})</div>
</header>
${study.simulation && html`<p class="banner banner-incomplete"><span class="banner-text">Simulated study: parts are units of scenario <code>${study.simulation.scenario}</code>; operators are a modelled insertion effect (${study.simulation.operatorModel}).</span></p>`}
<section class="grr-verdict">
${verdictBox('%GRR of total variation', pct(figures.percentGrrOfTotalVariation), figures.bandOfTotalVariation, '')}
${verdictBox('%GRR of tolerance', pct(figures.percentGrrOfTolerance), figures.bandOfTolerance, 'no tolerance: the measurement has no limits and none was given')}
${verdictBox('ndc', figures.ndc === null ? '—' : String(figures.ndc), null, figures.ndc === null ? 'GRR is 0' : figures.ndcAtLeastMin ? `at least ${MIN_NDC}: the gauge tells parts apart` : `below ${MIN_NDC}: too few categories to tell parts apart`)}
</section>
<p>Tolerance: ${tolerance === null ? 'none' : tolerance.kind === 'two-sided' ? `width ${num(tolerance.width)} ${target.unit}, ${tolerance.source}` : `${tolerance.source}; distance from the grand mean ${num(figures.toleranceDenominator)} ${target.unit}`}. Grand mean ${num(study.anova.grandMean, 5)} ${target.unit}.${study.limits && html` Limits in the runs: ${study.limits.source}.`}</p>
<section><h2>Components of variation</h2>${componentsTable(study)}</section>
<section><h2>ANOVA</h2>
${anovaTable(study.anova.full, `Two-way ANOVA with interaction: part×operator p = ${pValue(study.anova.interactionP)}`)}
${study.anova.interactionPooled && anovaTable(study.anova.model, `Without the interaction (p > ${study.anova.poolAboveP}: pooled into repeatability); the components come from this table`)}
</section>
<section><h2>Charts</h2><div class="plots">${charts}</div></section>
<section><h2>Runs, in the order made</h2><p>Each run's journal, run.json and report are in its folder in the results folder. Run order: ${design.order}; seed ${design.seed}.</p>${runsTable(study)}</section>
<footer><p>${figures.convention}.</p><p>Study <code>${study.studyId}</code>, plan ${study.plan.name} SHA-256 <code>${study.plan.hash}</code>.</p></footer>
</body>
</html>
`.text;
}
