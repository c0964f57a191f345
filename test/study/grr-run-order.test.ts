import { describe, expect, it } from 'vitest';
import { studyRunOrder } from '../../host/study/grr/run-order.js';

describe('studyRunOrder', () => {
  const design = { parts: 10, operators: 3, trials: 3, seed: 42 };

  it('has every part, operator and trial once, trial by trial and operator by operator', () => {
    const runs = studyRunOrder(design);
    expect(runs.map((r) => r.order)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(new Set(runs.map((r) => `${r.part}/${r.operator}/${r.trial}`)).size).toBe(90);
    const blocks = runs.map((r) => `${r.trial}.${r.operator}`);
    expect(blocks).toEqual([...blocks].sort());
  });

  it('replays the same order from the same seed and draws another order per block and per seed', () => {
    const partsOf = (seed: number) => studyRunOrder({ ...design, seed }).map((r) => r.part);
    expect(partsOf(42)).toEqual(partsOf(42));
    expect(partsOf(43)).not.toEqual(partsOf(42));
    const blocks = Array.from({ length: 9 }, (_, b) => partsOf(42).slice(10 * b, 10 * b + 10).join(','));
    expect(new Set(blocks).size).toBe(9);
  });
});
