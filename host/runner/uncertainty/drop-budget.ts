import type { DropChainFigures } from '../../rig/rig-uncertainty.js';
import { meanOfSpread, rectangular, resolution, expandedUncertainty, type Contribution, type UncertaintyRecord } from './budget.js';

/** What the budget of one voltage-drop reading needs to know of it. */
export interface DropBudgetInput {
  /** The drop as measured (mV) and the current that flowed (A). */
  dropMv: number;
  currentA: number;
  /** The current the drop is judged at: the value is dropMv · nominalA / currentA. */
  nominalA: number;
  /** ADC conversions averaged per channel. */
  samples: number;
  /** Standard deviation of one conversion (the rig's VDROP mvSd / aSd); absent: no Type A line. */
  senseSdMv?: number;
  shuntSdA?: number;
}

/**
 * Budget of the drop judged at the nominal current, y = V · I_nom / I (GUM 5.1.6: for a product and quotient
 * the relative standard uncertainties add in quadrature). Every line is converted into mV of y:
 * - sense channel: resolution of one ADC count (q / √12) and the sense amplifier's gain tolerance (V);
 * - shunt channel: resolution of one ADC count, the shunt amplifier's gain tolerance and the shunt's own (I);
 * - the ADC reference: both channels are converted with it, so it cancels in V / I (sensitivity 0; listed);
 * - Type A: the spread of the conversions over √samples, on each channel, when the rig reports it.
 */
export function dropBudget(input: DropBudgetInput, chain: DropChainFigures): UncertaintyRecord {
  const scale = input.nominalA / input.currentA;
  const valueMv = input.dropMv * scale;
  /** A standard uncertainty of V (mV) as mV of y. */
  const ofSense = (c: Contribution): Contribution => ({ ...c, standard: c.standard * scale });
  /** A standard uncertainty of I (A) as mV of y: ∂y/∂I = −y / I. */
  const ofCurrent = (c: Contribution): Contribution => ({ ...c, standard: (c.standard * valueMv) / input.currentA });
  const relative = (source: string, pct: number): Contribution => rectangular(source, (pct / 100) * valueMv);
  return expandedUncertainty([
    ofSense(resolution(`sense ADC resolution (${round(chain.senseMvPerCount)} mV per count)`, chain.senseMvPerCount)),
    ofCurrent(resolution(`shunt ADC resolution (${round(chain.shuntAPerCount)} A per count)`, chain.shuntAPerCount)),
    relative(`sense amplifier gain ± ${chain.senseGainTolerancePct} %`, chain.senseGainTolerancePct),
    relative(`shunt amplifier gain ± ${chain.shuntGainTolerancePct} %`, chain.shuntGainTolerancePct),
    relative(`shunt resistance ± ${chain.shuntTolerancePct} %`, chain.shuntTolerancePct),
    { source: `ADC reference ± ${chain.adcRefTolerancePct} % (cancels in drop / current)`, kind: 'B', standard: 0 },
    input.senseSdMv === undefined ? null : ofSense(meanOfSpread(`sense spread s = ${input.senseSdMv.toPrecision(3)} mV over ${input.samples} conversions`, input.senseSdMv, input.samples)),
    input.shuntSdA === undefined ? null : ofCurrent(meanOfSpread(`shunt spread s = ${input.shuntSdA.toPrecision(3)} A over ${input.samples} conversions`, input.shuntSdA, input.samples)),
  ]);
}

/** The same budget for the resistance R = y / I_nom (mΩ): every line divided by the nominal current. */
export function resistanceBudget(drop: UncertaintyRecord, nominalA: number): UncertaintyRecord {
  return expandedUncertainty(drop.budget.map((c) => ({ ...c, standard: c.standard / nominalA })));
}

function round(x: number): string {
  return x.toPrecision(3);
}
