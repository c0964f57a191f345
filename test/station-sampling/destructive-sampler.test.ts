import { describe, expect, it } from 'vitest';
import { DestructiveSampler } from '../../host/station/sampling/destructive-sampler.js';

/** Serials SN1 … SNn as first attempts: the unit numbers (1-based) that were sampled. */
function sampledUnits(sampler: DestructiveSampler, count: number, serialPrefix = 'SN'): number[] {
  const sampled: number[] = [];
  for (let unit = 1; unit <= count; unit++) if (sampler.decide(`${serialPrefix}${unit}`, true).sampled) sampled.push(unit);
  return sampled;
}

describe('every unit', () => {
  it('samples first attempts and retests, even a retest it never saw', () => {
    const sampler = new DestructiveSampler('every');
    expect(sampler.decide('SN1', true)).toEqual({ sampled: true, reason: 'every unit: sampled' });
    expect(sampler.decide('SN1', false).sampled).toBe(true);
    expect(sampler.decide('SN-from-yesterday', false)).toEqual({ sampled: true, reason: 'retest of SN-from-yesterday, whose first attempt this sampler did not see: not counted, sampled (every unit is)' });
    expect(sampler.describe()).toBe('destructive steps: every unit');
  });
});

describe('1 in N', () => {
  it('samples units 1, N+1, 2N+1, … and says which is next', () => {
    const sampler = new DestructiveSampler({ oneIn: 3 });
    expect(sampler.decide('SN1', true)).toEqual({ sampled: true, reason: '1 in 3, unit 1: sampled' });
    expect(sampler.decide('SN2', true)).toEqual({ sampled: false, reason: '1 in 3, unit 2: not sampled, next is unit 4' });
    expect(sampledUnits(sampler, 10, 'X').map((unit) => unit + 2)).toEqual([4, 7, 10]);
  });

  it('counts first attempts only: retests do not move the count and repeat their first choice', () => {
    const sampler = new DestructiveSampler({ oneIn: 3 });
    const first = ['A', 'B'].map((serial) => sampler.decide(serial, true).sampled);
    expect(first).toEqual([true, false]);
    expect(sampler.decide('A', false)).toEqual({ sampled: true, reason: 'retest of A, first attempt "1 in 3, unit 1: sampled": sampled again so its record is comparable' });
    expect(sampler.decide('B', false)).toEqual({ sampled: false, reason: 'retest of B, first attempt "1 in 3, unit 2: not sampled, next is unit 4": not sampled again' });
    expect(sampler.decide('A', false).sampled).toBe(true);
    // Units 3 and 4 of the count, as if no retest had happened.
    expect(sampler.decide('C', true)).toEqual({ sampled: false, reason: '1 in 3, unit 3: not sampled, next is unit 4' });
    expect(sampler.decide('D', true)).toEqual({ sampled: true, reason: '1 in 3, unit 4: sampled' });
  });

  it('a serial it has seen is a retest even when called a first attempt', () => {
    const sampler = new DestructiveSampler({ oneIn: 2 });
    sampler.decide('A', true);
    expect(sampler.decide('A', true).reason).toBe('retest of A, first attempt "1 in 2, unit 1: sampled": sampled again so its record is comparable');
    expect(sampler.decide('B', true).reason).toBe('1 in 2, unit 2: not sampled, next is unit 3');
  });

  it('a retest whose first attempt it never saw is neither counted nor sampled', () => {
    const sampler = new DestructiveSampler({ oneIn: 2 });
    expect(sampler.decide('OLD', false)).toEqual({ sampled: false, reason: 'retest of OLD, whose first attempt this sampler did not see: not counted, not sampled' });
    expect(sampler.decide('NEW', true)).toEqual({ sampled: true, reason: '1 in 2, unit 1: sampled' });
  });

  it('a new lot or shift starts the count again; earlier units keep their choice', () => {
    const sampler = new DestructiveSampler({ oneIn: 3 });
    expect(sampledUnits(sampler, 2)).toEqual([1]);
    sampler.startNewLot();
    expect(sampler.decide('next-lot-1', true).reason).toBe('1 in 3, unit 1: sampled');
    expect(sampler.decide('SN2', false).sampled).toBe(false);
  });

  it('describes itself for the start-up log', () => {
    expect(new DestructiveSampler({ oneIn: 5 }).describe()).toBe(
      "destructive steps: 1 in 5 units: units 1, 6, 11, … of the lot or shift; counted by first attempts, a retest repeats its first attempt's choice",
    );
  });

  it('refuses a unit without a serial', () => {
    expect(() => new DestructiveSampler({ oneIn: 5 }).decide(' ', true)).toThrow('DestructiveSampler.decide: empty serial; retests are recognised by serial, so every unit needs one');
  });
});

describe('ISO 2859-1 sample spread over each lot', () => {
  const policy = { iso2859: { lotSize: 500, level: 'II', aql: 1.0 } };

  it('lot 500, level II, AQL 1.0: code letter H, 50 units per lot, ten apart from unit 1', () => {
    const sampler = new DestructiveSampler(policy);
    const picks = sampledUnits(sampler, 500);
    expect(picks).toHaveLength(50);
    expect(picks.slice(0, 4)).toEqual([1, 11, 21, 31]);
    expect(picks.at(-1)).toBe(491);
  });

  it('says the letter, n, the lot and the unit in the lot', () => {
    const sampler = new DestructiveSampler(policy);
    sampledUnits(sampler, 6);
    expect(sampler.decide('SN7', true)).toEqual({ sampled: false, reason: 'ISO 2859-1 code letter H, n=50 of lot 500, unit 7 of the lot: not sampled, next is unit 11' });
    sampledUnits(sampler, 3, 'X');
    expect(sampler.decide('SN11', true)).toEqual({ sampled: true, reason: 'ISO 2859-1 code letter H, n=50 of lot 500, unit 11 of the lot: sampled' });
  });

  it('restarts the count for each lot: the same units of lots 1, 2 and 3, n of each', () => {
    const sampler = new DestructiveSampler(policy);
    const picks = sampledUnits(sampler, 1500);
    expect(picks).toHaveLength(150);
    const lots = [0, 1, 2].map((lot) => picks.filter((unit) => unit > lot * 500 && unit <= (lot + 1) * 500).map((unit) => unit - lot * 500));
    expect(lots[1]).toEqual(lots[0]);
    expect(lots[2]).toEqual(lots[0]);
  });

  it('the last units of a lot point to unit 1 of the next', () => {
    const sampler = new DestructiveSampler(policy);
    sampledUnits(sampler, 499);
    expect(sampler.decide('SN500', true).reason).toBe('ISO 2859-1 code letter H, n=50 of lot 500, unit 500 of the lot: not sampled, next is unit 1 of the next lot');
    expect(sampler.decide('SN501', true).reason).toBe('ISO 2859-1 code letter H, n=50 of lot 500, unit 1 of the lot: sampled');
  });

  it('retests inside a lot do not change how many units the lot gives', () => {
    const sampler = new DestructiveSampler(policy);
    let sampled = 0;
    for (let unit = 1; unit <= 500; unit++) {
      if (sampler.decide(`SN${unit}`, true).sampled) sampled += 1;
      if (unit % 7 === 0) sampler.decide(`SN${unit - 3}`, false);
    }
    expect(sampled).toBe(50);
  });

  it('uneven spacing: lot 90 at level II, AQL 1.0 is E, n=13, units 6 or 7 apart', () => {
    expect(sampledUnits(new DestructiveSampler({ iso2859: { lotSize: 90, level: 'II', aql: 1.0 } }), 90)).toEqual([1, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84]);
  });

  it('100 % inspection when n reaches the lot size: every unit, and says why', () => {
    const sampler = new DestructiveSampler({ iso2859: { lotSize: 8, level: 'II', aql: 0.65 } });
    expect(sampledUnits(sampler, 16)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(sampler.decide('SN17', true).reason).toBe('ISO 2859-1 code letter A (plan of F), n=20 ≥ lot 8, every unit, unit 1 of the lot: sampled');
    expect(sampler.decide('unseen', false).sampled).toBe(true);
  });

  it('describes the plan and its source for the start-up log', () => {
    expect(new DestructiveSampler({ iso2859: { lotSize: 1000, level: 'II', aql: 0.25 } }).describe()).toBe(
      'destructive steps: ISO 2859-1, lot 1000, level II, AQL 0.25 %: 50 units spread over each lot of 1000 (units 1, 21, 41, …, 981), counting afresh for each lot; ' +
        'ISO 2859-1 Table 1, lot 501–1200 at level II: code letter J; Table 2-A (normal inspection), J at AQL 0.25: ↑ to H: n=50, Ac 0, Re 1 ' +
        "(ISO 2859-1:1999 Table 1; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table I); " +
        "ISO 2859-1:1999 Table 2-A; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table II-A)); " +
        "counted by first attempts, a retest repeats its first attempt's choice",
    );
  });
});
