import { describe, expect, it } from 'vitest';
import { insulationBusVolts } from '../../rigs/uno-pull/sim/models/insulation-meter.js';
import { sensedVoltage, solveNodeVoltages, type IsolationNetworkInputs } from '../../rigs/uno-pull/sim/models/isolation-network.js';

const base: IsolationNetworkInputs = {
  rigPoles: 8,
  dutPoles: 4,
  wiring: [1, 2, 3, 4],
  linkOhm: [0.0003, 0.0003, 0.0003, 0.0003],
  shorts: [],
  leakageOhm: 1e12,
  isoDriveMask: 0b0001,
  driveV: 5,
  seriesOhm: 1000,
  sense: null,
  senseInputOhm: 100000,
};

describe('solveNodeVoltages', () => {
  it('solves a divider', () => {
    const v = solveNodeVoltages(1, [{ a: 0, b: -1, ohm: 3000 }], [{ node: 0, volts: 4, seriesOhm: 1000 }]);
    expect(v[0]).toBeCloseTo(3, 9);
  });
});

describe('sensedVoltage', () => {
  it('reads the driven pole\'s far end at driveV x Rsense/(Rsense+Rseries)', () => {
    expect(sensedVoltage({ ...base, sense: { end: 'far', pole: 1 } })).toBeCloseTo((5 * 100000) / 101000, 6);
  });

  it('reads about 0 on another pole through 1e12 insulation', () => {
    // Direct 1e12 path plus two via the floating poles 3 and 4 (each 2e12): 5 V x 100k x 2e-12 S.
    expect(sensedVoltage({ ...base, sense: { end: 'near', pole: 2 } })).toBeCloseTo(1.0e-6, 7);
    expect(sensedVoltage({ ...base, sense: { end: 'far', pole: 3 } })).toBeLessThan(1e-5);
  });

  it('sees a 0.1 ohm short between near ends as connected', () => {
    const shorted = { ...base, shorts: [{ poles: [1, 3] as const, ohm: 0.1 }] };
    expect(sensedVoltage({ ...shorted, sense: { end: 'near', pole: 3 } })).toBeCloseTo((5 * 100000) / 101000, 4);
    expect(sensedVoltage({ ...shorted, sense: { end: 'far', pole: 3 } })).toBeCloseTo((5 * 100000) / 101000, 4);
  });

  it('follows the wiring map: swapped conductors reach the other terminal', () => {
    const swapped = { ...base, wiring: [2, 1, 3, 4] };
    expect(sensedVoltage({ ...swapped, sense: { end: 'far', pole: 2 } })).toBeCloseTo(4.9505, 3);
    // Only insulation leakage reaches terminal 1 now: three 1e12 paths into 100k, about 1 uV.
    expect(sensedVoltage({ ...swapped, sense: { end: 'far', pole: 1 } })).toBeLessThan(1e-5);
  });

  it('reads 0 through a pulled-out conductor and with the mux off', () => {
    expect(sensedVoltage({ ...base, linkOhm: [null, 0.0003, 0.0003, 0.0003], sense: { end: 'far', pole: 1 } })).toBeLessThan(1e-6);
    expect(sensedVoltage(base)).toBe(0);
  });

  it('reads a rig pole with no DUT pin as the bare drive divider', () => {
    expect(sensedVoltage({ ...base, isoDriveMask: 1 << 6, sense: { end: 'near', pole: 7 } })).toBeCloseTo(4.9505, 3);
  });

  it('shows leakage as a divider: 1 MOhm insulation between every pair', () => {
    // Nodal equations with poles 3 and 4 floating at (V1+V2)/2 give V2 = V1/6; V1 sags to
    // ~4.992 V under the 1k series resistor.
    const v = sensedVoltage({ ...base, leakageOhm: 1e6, sense: { end: 'near', pole: 2 } });
    expect(v).toBeCloseTo(4.992 / 6, 3);
  });
});

describe('insulationBusVolts (insulation relay closed)', () => {
  const meter = { ...base, referenceOhm: 1e6, guardMask: 0, pairLeakageOhm: { '1-3': 200e3, '3-4': 5e3 } };
  // Pole 1 on the bus, pole 4 on ground: the direct 1-4 path is 1 TΩ, the one through pole 3 205 kΩ.
  const pair14 = { ...meter, isoDriveMask: 0b0001, sense: { end: 'near' as const, pole: 4 } };

  it('reads the drive voltage on the open bus', () => {
    expect(insulationBusVolts({ ...meter, isoDriveMask: 0, sense: null })).toBeCloseTo(5, 6);
  });

  /** The resistance a meter computes from the bus voltage: Rref · V / (driveV − V). */
  const ohmFrom = (volts: number): number => (1e6 * volts) / (5 - volts);

  it('unguarded, a path through a third pole adds in parallel; guarded, the pair reads far above the 50 MΩ range', () => {
    expect(ohmFrom(insulationBusVolts(pair14))).toBeCloseTo(205e3, -1);
    // Not the full 1 TΩ: the guard's 1 Ω output drops 1 mV feeding the 5 kΩ 3-4 leak, and 1 mV across 1-3 (200 kΩ)
    // draws 5 nA from the bus: about 1 GΩ, still twenty times the range.
    expect(ohmFrom(insulationBusVolts({ ...pair14, guardMask: 0b0110 }))).toBeGreaterThan(0.9e9);
  });

  it('reads a pair against the reference with the others guarded', () => {
    // The 5 kΩ 3-4 leak's guard current through the 0.1 Ω return raises pole 3 by 17 µV: 4 Ω of 200 kΩ.
    const pair13 = { ...meter, isoDriveMask: 0b0001, guardMask: 0b1010, sense: { end: 'near' as const, pole: 3 } };
    expect(Math.abs(ohmFrom(insulationBusVolts(pair13)) - 200e3)).toBeLessThan(10);
  });
});
