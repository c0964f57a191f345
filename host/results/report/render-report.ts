import type { PoleRecord, StepRecord, TestRecord } from '../../runner/test-record.js';
import { outcomeBadge } from './badges.js';
import { formatDate } from './format-times.js';
import { shortHash } from './format-values.js';
import { html, trustedMarkup, type Markup } from './html.js';
import { renderIdentity } from './identity-section.js';
import { renderIncidents } from './incidents-section.js';
import { collectLimitSources, renderLimitSources, type LimitSources } from './limit-basis.js';
import { renderOutcomeBanner } from './outcome-banner.js';
import { renderReleaseBanner } from './release-banner.js';
import { renderPoleOverview } from './pole-overview.js';
import { renderPullPlots } from './pull-plots.js';
import { REPORT_CSS } from './report-style.js';
import { renderStepsTable } from './steps-table.js';
import { hasWiringMap, renderWiringMaps, unitStepVerdictForPole } from './wiring-map.js';

/** What the report needs besides the record: the run's id, and whether the run reached its end. */
export interface ReportMeta {
  /** The run's UUID (the journal's first line), printed so the report leads back to its data. */
  runId: string;
  /** false: the run was interrupted (rebuilt from a journal); the banner then says INCOMPLETE, never a verdict. */
  complete: boolean;
}

function unitStepsSection(title: string, steps: readonly StepRecord[], sources: LimitSources): Markup {
  if (steps.length === 0) return html``;
  return html`<section class="unit-steps">
<h2>${title}</h2>
${renderStepsTable(steps, sources, { perPoleInMap: true })}
${steps.filter(hasWiringMap).map((s) => renderWiringMaps(s, sources))}
</section>`;
}

/** What the unit steps said about this pole (isolation: its wiring), above the pole's own steps. */
function poleContext(record: TestRecord, pole: PoleRecord): Markup {
  const said = [...record.unitSteps, ...record.unitStepsAfter].flatMap((step) => {
    const verdict = unitStepVerdictForPole(step, pole.pole);
    return verdict ? [html`${step.title}: ${outcomeBadge(verdict.verdict)}${verdict.causes.length > 0 && ` ${verdict.causes.join('; ')}`}`] : [];
  });
  return html`${said.length > 0 && html`<p class="pole-context">${said.map((s, i) => html`${i > 0 && ' · '}${s}`)}</p>`}`;
}

async function poleSection(record: TestRecord, pole: PoleRecord, sources: LimitSources): Promise<Markup> {
  return html`<section class="pole" id="pole-${pole.pole}">
<h3>Pole ${pole.pole} ${outcomeBadge(pole.outcome)}</h3>
${poleContext(record, pole)}
${renderStepsTable(pole.steps, sources)}
${await renderPullPlots(pole)}
</section>`;
}

/**
 * One self-contained HTML page per unit run: everything inline (CSS, the plots as SVG), nothing
 * fetched, so the file can be mailed, archived and opened years later as it is. Every text from
 * the record is escaped. The same record and meta give the same page, byte for byte.
 */
export async function renderReport(record: TestRecord, meta: ReportMeta): Promise<string> {
  const sources = collectLimitSources(record);
  const poles = await Promise.all(record.poles.map((pole) => poleSection(record, pole, sources)));
  const title = `${record.serial} — ${meta.complete ? record.outcome : 'INCOMPLETE'} — ${record.plan.name} — clampbench test report`;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clampbench">
<title>${title}</title>
<style>${trustedMarkup(REPORT_CSS)}</style>
</head>
<body>
<header class="masthead">
<div>
<p class="kicker">clampbench · test report</p>
<h1>Unit <span class="serial">${record.serial}</span></h1>
<p class="subtitle">${record.dut.partNumber} · ${record.dut.poles}-pole · plan ${record.plan.name}</p>
</div>
<div class="tested">Tested ${formatDate(record.startedAt)}<br>Rig ${record.rig.id}</div>
</header>
${renderReleaseBanner(record)}
${renderOutcomeBanner(record, meta.complete)}
${renderIdentity(record, meta.runId)}
<section class="overview-section">
<h2>Poles at a glance</h2>
${renderPoleOverview(record)}
</section>
${unitStepsSection('Unit steps', record.unitSteps, sources)}
${record.poles.length > 0 && html`<section class="poles"><h2>Poles in detail</h2>${poles}</section>`}
${unitStepsSection('Unit steps after the poles', record.unitStepsAfter, sources)}
${renderIncidents(record)}
${renderLimitSources(sources)}
<footer>
<p>Plan ${record.plan.name}, SHA-256 <code>${record.plan.hash}</code>${record.files && html` · plan file <code>${record.files.plan}</code> · DUT file <code>${record.files.dut}</code>`}</p>
<p>Made by clampbench from test record version ${record.recordVersion} of run <code>${meta.runId}</code> (serial ${record.serial}, plan ${record.plan.name} ${shortHash(record.plan.hash)}). Times are the station's local time with its UTC offset.</p>
</footer>
</body>
</html>
`;
  return page.text;
}
