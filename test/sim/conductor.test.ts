import { describe, expect, it } from 'vitest';
import { Conductor, type ConductorParams } from '../../rigs/uno-pull/sim/models/conductor.js';

const params: ConductorParams = { slackMm: 0.5, stiffnessNPerMm: 100, slipOnsetN: 60, slipRateMmPerSPerN: 0.002, holdingForceN: 180 };

describe('Conductor', () => {
  it('carries no force while slack, then stiffness times stretch', () => {
    const c = new Conductor(params);
    expect(c.forceAt(0.4)).toBe(0);
    expect(c.forceAt(0.5)).toBe(0);
    expect(c.forceAt(1.4)).toBeCloseTo(90, 9);
  });

  it('an empty clamp (no conductor inserted) never carries force, creeps or pulls out', () => {
    const c = new Conductor(params, false);
    expect(c.forceAt(5)).toBe(0);
    expect(c.moved(50)).toBe(false);
    c.advance(60, 50);
    expect(c).toMatchObject({ slipMm: 0, pulledOut: false });
  });

  it('does not creep below the slip onset', () => {
    const c = new Conductor(params);
    c.advance(60, 1.0); // 50 N
    expect(c.slipMm).toBe(0);
  });

  it('relaxes towards the onset exponentially with rate stiffness x slipRate when the puller stands still', () => {
    const c = new Conductor(params);
    const posMm = 1.4; // 90 N, 30 N above onset
    c.advance(2, posMm);
    const expectedN = 60 + 30 * Math.exp(-100 * 0.002 * 2);
    expect(c.forceAt(posMm)).toBeCloseTo(expectedN, 9);
    expect(c.slipMm).toBeCloseTo((90 - expectedN) / 100, 12);
  });

  it('gives the same slip whether time is advanced in one step or many', () => {
    const once = new Conductor(params);
    const many = new Conductor(params);
    once.advance(5, 1.4);
    for (let i = 0; i < 5000; i++) many.advance(0.001, 1.4);
    expect(many.slipMm).toBeCloseTo(once.slipMm, 12);
  });

  it('creeps at slipRate x excess force at the start of a hold', () => {
    const c = new Conductor(params);
    c.advance(0.001, 1.4);
    expect(c.slipMm / 0.001).toBeCloseTo(0.002 * 30, 3);
  });

  it('pulls out when the force exceeds the holding force, and carries no force after', () => {
    const c = new Conductor(params);
    expect(c.moved(2.3)).toBe(false); // 180 N exactly: still held
    expect(c.moved(2.31)).toBe(true);
    expect(c.pulledOut).toBe(true);
    expect(c.pullOutForceN).toBeCloseTo(181, 9);
    expect(c.forceAt(3)).toBe(0);
    expect(c.moved(3)).toBe(false);
  });
});
