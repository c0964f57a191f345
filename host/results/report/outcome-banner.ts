import type { Outcome, TestRecord } from '../../runner/test-record.js';
import { outcomeClass } from './badges.js';
import { html, type Markup } from './html.js';

/**
 * The verdict a reader sees first, in letters large enough to read across a bench. A run that was
 * interrupted gets no verdict at all, only INCOMPLETE: a half-tested unit is neither good nor bad.
 */

const MEANING: Record<Outcome, string> = {
  PASS: 'Every step passed.',
  FAIL: 'At least one measurement is outside its limits.',
  ERROR: 'The rig or its link failed; the unit was not fully tested and has no verdict.',
  ABORTED: 'The operator or the E-stop stopped the run before the plan finished; the unit has no verdict.',
  SKIPPED: 'No step was run.',
};

/** Measurements that passed close to a limit, in the attempts that decided their steps. */
function marginalCount(record: TestRecord): number {
  const steps = [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter];
  return steps.flatMap((s) => s.attempts.at(-1)?.measurements ?? []).filter((m) => m.verdict === 'MARGINAL').length;
}

export function renderOutcomeBanner(record: TestRecord, complete: boolean): Markup {
  const cause = record.cause && html`<p class="banner-cause"><span class="label">First cause</span> ${record.cause}</p>`;
  if (!complete) {
    return html`<section class="banner banner-incomplete" role="status">
<div class="banner-word">INCOMPLETE — run interrupted</div>
<div class="banner-text"><p>The run stopped before it finished; the results below are those recorded up to the interruption and are not a verdict on the unit. Outcome recorded so far: <strong>${record.outcome}</strong>.</p>${cause}</div>
</section>`;
  }
  const marginals = marginalCount(record);
  const marginalNote = marginals > 0 && html` <span class="banner-marginal">${marginals} ${marginals === 1 ? 'measurement is' : 'measurements are'} MARGINAL (within limits, close to one).</span>`;
  return html`<section class="banner banner-${outcomeClass(record.outcome)}" role="status">
<div class="banner-word">${record.outcome}</div>
<div class="banner-text"><p>${MEANING[record.outcome] ?? ''}${marginalNote}</p>${cause}</div>
</section>`;
}
