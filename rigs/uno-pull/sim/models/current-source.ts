export interface CurrentSourceInputs {
  enabled: boolean;
  setpointA: number;
  /** Relative error of the source: actual = setpoint · (1 + gainError). */
  gainError: number;
  complianceV: number;
  kelvinMask: number;
  /** Resistance of the loop through pole p (index p-1), or null when that circuit is open. */
  loopResistanceOhm: (pole: number) => number | null;
}

/** The only selected Kelvin pole, or 0 when none or several are selected. */
export function singleSelectedPole(mask: number): number {
  if (mask === 0 || (mask & (mask - 1)) !== 0) return 0;
  return 31 - Math.clz32(mask) + 1;
}

/**
 * Current actually flowing: the setpoint when exactly one Kelvin pole is selected and its
 * circuit is closed, limited by compliance (the source cannot exceed complianceV across the loop);
 * 0 when off, no pole, several poles (the relay matrix would parallel them, which the rig forbids)
 * or an open circuit.
 */
export function actualCurrentA(inputs: CurrentSourceInputs): number {
  if (!inputs.enabled) return 0;
  const pole = singleSelectedPole(inputs.kelvinMask);
  if (pole === 0) return 0;
  const loopOhm = inputs.loopResistanceOhm(pole);
  if (loopOhm === null) return 0;
  const wantedA = Math.max(0, inputs.setpointA * (1 + inputs.gainError));
  return loopOhm > 0 ? Math.min(wantedA, inputs.complianceV / loopOhm) : wantedA;
}
