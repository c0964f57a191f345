import type { StepRecord, TestRecord } from '../../runner/test-record.js';
import { html, type Markup } from './html.js';

/**
 * Where each limit came from (standard, table, plan), numbered once per report. The sources are
 * long sentences a quality engineer checks; the tables carry only their number.
 */
export type LimitSources = ReadonlyMap<string, number>;

const allSteps = (record: TestRecord): StepRecord[] => [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter];

/** Every distinct limit source in the order the report shows its measurements, numbered from 1. */
export function collectLimitSources(record: TestRecord): LimitSources {
  const numbers = new Map<string, number>();
  for (const step of allSteps(record)) {
    for (const attempt of step.attempts) {
      for (const m of attempt.measurements) {
        const source = m.limits.source;
        if (source && !numbers.has(source)) numbers.set(source, numbers.size + 1);
      }
    }
  }
  return numbers;
}

/** The `[n]` pointing at a source in the list at the end; nothing for a limit without one. */
export function limitSourceRef(sources: LimitSources, source: string | undefined): Markup {
  const n = source === undefined ? undefined : sources.get(source);
  return html`${n !== undefined && html`<a class="ref" href="#basis-${n}" title="${source}">[${n}]</a>`}`;
}

export function renderLimitSources(sources: LimitSources): Markup {
  if (sources.size === 0) return html``;
  const items = [...sources].map(([source, n]) => html`<li id="basis-${n}" value="${n}">${source}</li>`);
  return html`<section class="basis">
<h2>Basis of the limits</h2>
<ol>${items}</ol>
</section>`;
}
