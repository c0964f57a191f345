import { describe, expect, it } from 'vitest';
import { crossedAnova, type AnovaRow, type CrossedAnova } from '../../host/study/grr/crossed-anova.js';
import { acceptanceBand, grrFigures, type ComponentName, type GrrFigures } from '../../host/study/grr/grr-figures.js';
import { AIAG_VALUES } from './aiag-reference-study.js';

const row = (rows: readonly AnovaRow[], source: AnovaRow['source']): AnovaRow => {
  const found = rows.find((r) => r.source === source);
  if (!found) throw new Error(`no ${source} row`);
  return found;
};
const component = (figures: GrrFigures, name: ComponentName) => figures.components.find((c) => c.name === name)!;

/** |actual − published| within half a unit of the published figure's last digit. */
function expectPublished(actual: number | undefined, published: number, decimals: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual ?? NaN) - published)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

describe('crossed ANOVA on the AIAG MSA 4th ed. gauge study (10 parts × 3 appraisers × 3 trials)', () => {
  const anova: CrossedAnova = crossedAnova(AIAG_VALUES);

  it('gives the published sums of squares, degrees of freedom and mean squares of the full model', () => {
    expect(anova.full.map((r) => [r.source, r.df])).toEqual([['part', 9], ['operator', 2], ['part×operator', 18], ['repeatability', 60], ['total', 89]]);
    expectPublished(row(anova.full, 'part').ss, 88.3619, 4);
    expectPublished(row(anova.full, 'operator').ss, 3.1673, 4);
    expectPublished(row(anova.full, 'part×operator').ss, 0.359, 4);
    expectPublished(row(anova.full, 'repeatability').ss, 2.7589, 4);
    expectPublished(row(anova.full, 'total').ss, 94.6471, 4);
    expectPublished(row(anova.full, 'part').ms, 9.81799, 5);
    expectPublished(row(anova.full, 'operator').ms, 1.58363, 5);
    expectPublished(row(anova.full, 'part×operator').ms, 0.01994, 5);
    expectPublished(row(anova.full, 'repeatability').ms, 0.04598, 5);
  });

  it('tests the interaction against repeatability (F 0.434, p 0.974) and the main effects against the interaction (F 492.29, 79.41)', () => {
    expectPublished(row(anova.full, 'part×operator').f, 0.434, 3);
    expectPublished(anova.interactionP, 0.974, 3);
    expectPublished(row(anova.full, 'part').f, 492.29, 2);
    expectPublished(row(anova.full, 'operator').f, 79.41, 2);
  });

  it('pools the interaction into repeatability since p > 0.25: 3.1179 on 78 df', () => {
    expect(anova.interactionPooled).toBe(true);
    expect(anova.model.map((r) => r.source)).toEqual(['part', 'operator', 'repeatability', 'total']);
    expect(row(anova.model, 'repeatability').df).toBe(78);
    expectPublished(row(anova.model, 'repeatability').ss, 3.1179, 4);
    expectPublished(row(anova.model, 'repeatability').ms, 0.03997, 5);
  });

  it('keeps the interaction in the model when its p-value is at or below the pooling threshold', () => {
    const strict = crossedAnova(AIAG_VALUES, 0.99);
    expect(strict.interactionPooled).toBe(false);
    expect(strict.meanSquares.interaction).toBeCloseTo(0.3590 / 18, 5);
    // The interaction's mean square is below repeatability's: its variance estimate is negative, set to 0.
    expect(component(grrFigures(strict, null), 'part×operator').variance).toBe(0);
  });

  it('gives the published variance components, %study variation, %contribution and ndc 4', () => {
    const figures = grrFigures(anova, null);
    expectPublished(component(figures, 'grr').variance, 0.09143, 5);
    expectPublished(component(figures, 'repeatability').variance, 0.03997, 5);
    expectPublished(component(figures, 'reproducibility').variance, 0.05146, 5);
    expectPublished(component(figures, 'part').variance, 1.08645, 5);
    expectPublished(component(figures, 'grr').percentOfTotalVariation, 27.86, 2);
    expectPublished(component(figures, 'repeatability').percentOfTotalVariation, 18.42, 2);
    expectPublished(component(figures, 'reproducibility').percentOfTotalVariation, 20.9, 2);
    expectPublished(component(figures, 'part').percentOfTotalVariation, 96.04, 2);
    expectPublished(component(figures, 'grr').percentContribution, 7.76, 2);
    expectPublished(component(figures, 'repeatability').percentContribution, 3.39, 2);
    expectPublished(component(figures, 'reproducibility').percentContribution, 4.37, 2);
    expectPublished(component(figures, 'part').percentContribution, 92.24, 2);
    expect(figures.ndc).toBe(4);
    expect(figures.ndcAtLeastMin).toBe(false);
    expect(figures.bandOfTotalVariation).toBe('conditional');
  });

  it('takes %tolerance as 6 σ over a two-sided width and 3 σ over the distance from the mean to one limit', () => {
    const grrSd = Math.sqrt(0.0914284);
    const twoSided = grrFigures(anova, { kind: 'two-sided', width: 10, source: 'test' });
    expect(twoSided.percentGrrOfTolerance).toBeCloseTo((100 * 6 * grrSd) / 10, 3);
    const oneSided = grrFigures(anova, { kind: 'one-sided', limit: 5, side: 'upper', source: 'test' });
    expect(oneSided.toleranceDenominator).toBeCloseTo(5 - 0.0014444, 5);
    expect(oneSided.percentGrrOfTolerance).toBeCloseTo((100 * 3 * grrSd) / (5 - 0.0014444), 3);
    expect(oneSided.bandOfTolerance).toBe('conditional');
  });
});

describe('acceptance bands of %GRR (AIAG: < 10 %, 10–30 %, > 30 %)', () => {
  it('puts 10 % and 30 % in the middle band', () => {
    expect([9.99, 10, 30, 30.01].map(acceptanceBand)).toEqual(['acceptable', 'conditional', 'conditional', 'unacceptable']);
  });
});

describe('crossedAnova refuses what is not a balanced crossed study', () => {
  it('names the short cell', () => {
    const values = [
      [[1, 2], [1, 2]],
      [[1, 2], [1]],
    ];
    expect(() => crossedAnova(values)).toThrow('part 2, operator 2 has 1 trials, expected 2: the study is not balanced');
  });
  it('needs two of each', () => {
    expect(() => crossedAnova([[[1, 2], [3, 4]]])).toThrow('at least 2 parts, 2 operators and 2 trials (got 1 × 2 × 2)');
  });
});
