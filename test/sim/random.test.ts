import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../host/shared/seeded-random.js';

describe('SeededRandom', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    for (let i = 0; i < 100; i++) expect(a.normal()).toBe(b.normal());
    expect(new SeededRandom(8).uniform()).not.toBe(new SeededRandom(7).uniform());
  });

  it('gives normals with mean ~0 and sigma ~1', () => {
    const rng = new SeededRandom(1);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.gaussian(2);
      sum += x;
      sumSq += x * x;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(sumSq / n)).toBeCloseTo(2, 1);
  });

  it('returns exactly 0 for sigma 0', () => {
    expect(new SeededRandom(1).gaussian(0)).toBe(0);
  });
});
