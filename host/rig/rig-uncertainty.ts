/**
 * The figures of a rig's measuring chains that the uncertainty budgets (runner/uncertainty/) need, taken
 * from its rig definition by its driver. A chain the rig does not have (Firmata: force, temperature) is absent.
 * Tolerances are ± half-widths in percent (rectangular); a certificate figure is an expanded uncertainty, k = 2.
 */
export interface RigUncertaintyFigures {
  /** The rig file the figures come from, for the record. */
  source: string;
  drop?: DropChainFigures;
  force?: ForceChainFigures;
  temperature?: TemperatureChainFigures;
}

/** Voltage drop: the sense channel (drop) and the shunt channel (current) on one ADC. */
export interface DropChainFigures {
  /** One ADC count of the sense channel, as a drop across the pole (mV). */
  senseMvPerCount: number;
  /** One ADC count of the shunt channel, as a current (A). */
  shuntAPerCount: number;
  shuntTolerancePct: number;
  senseGainTolerancePct: number;
  shuntGainTolerancePct: number;
  adcRefTolerancePct: number;
}

/** Force: the load cell verified to an ISO 7500-1 class, spanned with a weight of known uncertainty. */
export interface ForceChainFigures {
  loadCellClass: 0.5 | 1 | 2 | 3;
  /** The range the class's zero error is relative to. */
  capacityN: number;
  /** The finest step a reported force has: the converter's count or the reported decimals, whichever is coarser. */
  resolutionN: number;
  spanWeightUncertaintyPct: number;
}

/** Temperature: the thermocouple converter. */
export interface TemperatureChainFigures {
  resolutionC: number;
  accuracyC: number;
}
