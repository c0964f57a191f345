import { describe, expect, it } from 'vitest';
import { FirstOrderThermal } from '../../rigs/uno-pull/sim/models/thermal.js';

describe('FirstOrderThermal', () => {
  const params = { thermalResistanceKPerW: 40, timeConstantS: 300 };

  it('follows the analytic step response T = Ta + P*Rth*(1 - exp(-t/tau))', () => {
    const pole = new FirstOrderThermal(params, 23);
    const powerW = 0.97; // 57 A through 0.3 mOhm
    for (let t = 1; t <= 1500; t++) {
      pole.advance(1, powerW, 23);
      if (t % 300 === 0) expect(pole.temperatureC).toBeCloseTo(23 + powerW * 40 * (1 - Math.exp(-t / 300)), 9);
    }
  });

  it('reaches 63.2 % of the rise after one time constant and settles at P*Rth', () => {
    const pole = new FirstOrderThermal(params, 20);
    pole.advance(300, 1, 20);
    expect((pole.temperatureC - 20) / 40).toBeCloseTo(1 - Math.exp(-1), 12);
    pole.advance(30000, 1, 20);
    expect(pole.temperatureC).toBeCloseTo(60, 9);
  });

  it('cools back to ambient with the same time constant', () => {
    const pole = new FirstOrderThermal(params, 23);
    pole.temperatureC = 63;
    pole.advance(600, 0, 23);
    expect(pole.temperatureC).toBeCloseTo(23 + 40 * Math.exp(-2), 12);
  });
});
