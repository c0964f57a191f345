import type { MeasurementVerdict, Outcome } from '../../runner/test-record.js';
import { html, type Markup } from './html.js';

/**
 * Outcome and verdict words as small coloured labels. The word is always printed, so a report
 * copied in black and white still reads; classes come from a fixed table, never from record text.
 */

const OUTCOME_CLASS: Record<Outcome, string> = { PASS: 'pass', FAIL: 'fail', ERROR: 'error', ABORTED: 'aborted', SKIPPED: 'skipped' };
const VERDICT_CLASS: Record<MeasurementVerdict, string> = { PASS: 'pass', MARGINAL: 'marginal', FAIL: 'fail' };

/** The CSS modifier of an outcome (`fail`), `unknown` for a word no outcome has. */
export function outcomeClass(outcome: string): string {
  return OUTCOME_CLASS[outcome as Outcome] ?? 'unknown';
}

export function outcomeBadge(outcome: Outcome, marginal = false): Markup {
  return html`<span class="badge badge-${outcomeClass(outcome)}">${outcome}</span>${marginal && outcome === 'PASS' && html` <span class="badge badge-marginal">MARGINAL</span>`}`;
}

export function verdictBadge(verdict: MeasurementVerdict): Markup {
  return html`<span class="badge badge-${VERDICT_CLASS[verdict] ?? 'unknown'}">${verdict}</span>`;
}
