export interface ThermalParams {
  thermalResistanceKPerW: number;
  timeConstantS: number;
}

/**
 * First-order thermal model of one pole: dT/dt = (P·Rth − (T − ambient)) / tau.
 * advance() uses the exact solution for constant power over the interval, so the result does
 * not depend on how the simulator slices time.
 */
export class FirstOrderThermal {
  temperatureC: number;

  constructor(
    private readonly params: ThermalParams,
    ambientC: number,
  ) {
    this.temperatureC = ambientC;
  }

  /** Temperature the pole settles at under constant power. */
  equilibriumC(powerW: number, ambientC: number): number {
    return ambientC + powerW * this.params.thermalResistanceKPerW;
  }

  advance(dtS: number, powerW: number, ambientC: number): void {
    if (dtS <= 0) return;
    const targetC = this.equilibriumC(powerW, ambientC);
    this.temperatureC = targetC + (this.temperatureC - targetC) * Math.exp(-dtS / this.params.timeConstantS);
  }
}
