import { bandText } from '../study/grr/grr-figures.js';
import type { GrrStudyRecord } from '../study/grr/study-record.js';
import { textTable } from './text-table.js';

const COMPONENT_ROWS = ['repeatability', 'reproducibility', 'operator', 'part×operator', 'grr', 'part', 'total'] as const;
const sig = (x: number): string => Number(x.toPrecision(4)).toString();
const pct = (x: number | null): string => (x === null ? '–' : `${x.toFixed(2)} %`);

/** The study's figures for the terminal: the components table, then %GRR with its bands and ndc. */
export function studySummary(study: GrrStudyRecord): string {
  const { figures, anova, target } = study;
  const unit = target.unit;
  const rows = COMPONENT_ROWS.map((name) => {
    const c = figures.components.find((x) => x.name === name)!;
    return [name, sig(c.sd), sig(c.studyVariation), pct(c.percentOfTotalVariation), pct(c.percentContribution), pct(c.percentOfTolerance)];
  });
  const tolerance = figures.tolerance;
  const toleranceText = tolerance === null ? 'no tolerance (no limits, no --tolerance)' : `${pct(figures.percentGrrOfTolerance)} of the tolerance (${tolerance.source}): ${bandText(figures.bandOfTolerance!)}`;
  return [
    `interaction part×operator p = ${anova.interactionP.toFixed(3)}${anova.interactionPooled ? `: pooled into repeatability (p > ${anova.poolAboveP})` : ': kept in the model'}`,
    textTable(['component', `σ (${unit})`, `6 σ (${unit})`, '% total var.', '% contribution', '% tolerance'], rows).trimEnd(),
    `%GRR ${pct(figures.percentGrrOfTotalVariation)} of the total variation: ${bandText(figures.bandOfTotalVariation)}`,
    `%GRR ${toleranceText}`,
    `ndc ${figures.ndc ?? '–'}${figures.ndcAtLeastMin ? '' : ' (below 5: the gauge does not tell parts apart well enough)'}`,
    '',
  ].join('\n');
}
