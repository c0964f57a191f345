import type { Outcome, PoleRecord, StepRecord, TestRecord } from '../../runner/test-record.js';
import { outcomeBadge } from './badges.js';
import { html, type Markup } from './html.js';
import { hasWiringMap, unitStepVerdictForPole } from './wiring-map.js';

/**
 * The whole unit at a glance: one row per pole, one column per step (unit steps that judge each
 * pole, then the pole steps), the pole's outcome and the first thing that went wrong on it.
 */

interface Column {
  stepId: string;
  title: string;
  cell(pole: PoleRecord): { outcome: Outcome; marginal: boolean; cause?: string } | undefined;
}

function unitColumn(step: StepRecord): Column {
  return {
    stepId: step.stepId,
    title: step.title,
    cell: (pole) => {
      const verdict = unitStepVerdictForPole(step, pole.pole);
      if (verdict) return { outcome: verdict.verdict, marginal: false, ...(verdict.causes.length > 0 ? { cause: `${step.title}: ${verdict.causes.join('; ')}` } : {}) };
      return { outcome: step.outcome, marginal: false, ...(step.cause ? { cause: `${step.title}: ${step.cause}` } : {}) };
    },
  };
}

function poleColumn(stepId: string, title: string): Column {
  return {
    stepId,
    title,
    cell: (pole) => {
      const step = pole.steps.find((s) => s.stepId === stepId);
      return step && { outcome: step.outcome, marginal: step.marginal, ...(step.cause ? { cause: `${step.title}: ${step.cause}` } : {}) };
    },
  };
}

function columns(record: TestRecord): Column[] {
  const poleSteps = new Map<string, string>();
  for (const step of record.poles.flatMap((p) => p.steps)) if (!poleSteps.has(step.stepId)) poleSteps.set(step.stepId, step.title);
  return [
    ...record.unitSteps.filter(hasWiringMap).map(unitColumn),
    ...[...poleSteps].map(([stepId, title]) => poleColumn(stepId, title)),
    ...record.unitStepsAfter.filter(hasWiringMap).map(unitColumn),
  ];
}

const RANK: Record<Outcome, number> = { PASS: 0, SKIPPED: 1, FAIL: 2, ERROR: 3, ABORTED: 4 };

export function renderPoleOverview(record: TestRecord): Markup {
  if (record.poles.length === 0) return html`<p class="none">No pole was tested.</p>`;
  const cols = columns(record);
  const rows = record.poles.map((pole) => {
    const cells = cols.map((c) => c.cell(pole));
    // The cause that explains the pole's outcome: the first cell as bad as the pole, else the first with a cause.
    const worst = cells.filter((c) => c?.cause).sort((a, b) => RANK[b!.outcome] - RANK[a!.outcome])[0];
    return html`<tr>
<th scope="row" class="num"><a href="#pole-${pole.pole}">${pole.pole}</a></th>
${cells.map((c) => html`<td class="verdict">${c ? outcomeBadge(c.outcome, c.marginal) : '—'}</td>`)}
<td class="verdict pole-outcome">${outcomeBadge(pole.outcome)}</td>
<td class="cause${pole.outcome === 'PASS' || pole.outcome === 'SKIPPED' ? '' : ' cause-flagged'}">${worst?.cause ?? ''}</td>
</tr>`;
  });
  return html`<table class="overview">
<thead><tr><th scope="col" class="num">Pole</th>${cols.map((c) => html`<th scope="col" class="step-col">${c.title}<span class="step-id">${c.stepId}</span></th>`)}<th scope="col">Pole outcome</th><th scope="col">Cause</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
