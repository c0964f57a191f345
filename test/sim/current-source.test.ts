import { describe, expect, it } from 'vitest';
import { actualCurrentA, singleSelectedPole, type CurrentSourceInputs } from '../../rigs/uno-pull/sim/models/current-source.js';

const base: CurrentSourceInputs = {
  enabled: true,
  setpointA: 5.7,
  gainError: 0,
  complianceV: 2,
  kelvinMask: 0b0001,
  loopResistanceOhm: () => 0.0053,
};

describe('current source', () => {
  it('delivers the setpoint into one closed pole', () => {
    expect(actualCurrentA(base)).toBe(5.7);
  });

  it('delivers nothing when off, with no pole, with several poles or into an open pole', () => {
    expect(actualCurrentA({ ...base, enabled: false })).toBe(0);
    expect(actualCurrentA({ ...base, kelvinMask: 0 })).toBe(0);
    expect(actualCurrentA({ ...base, kelvinMask: 0b0011 })).toBe(0);
    expect(actualCurrentA({ ...base, loopResistanceOhm: () => null })).toBe(0);
  });

  it('is limited by compliance: at most 2 V across the loop', () => {
    expect(actualCurrentA({ ...base, setpointA: 50, loopResistanceOhm: () => 0.1 })).toBeCloseTo(20, 12);
  });

  it('applies the scenario gain error', () => {
    expect(actualCurrentA({ ...base, gainError: 0.01 })).toBeCloseTo(5.757, 12);
  });

  it('finds the single selected pole', () => {
    expect(singleSelectedPole(0b1000)).toBe(4);
    expect(singleSelectedPole(0b1010)).toBe(0);
    expect(singleSelectedPole(0)).toBe(0);
  });
});
