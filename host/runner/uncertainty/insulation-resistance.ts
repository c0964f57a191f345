import type { InsulationMeter } from '../../rig/rig-driver.js';
import { expandedUncertainty, meanOfSpread, rectangular, resolution, type Contribution, type UncertaintyRecord } from './budget.js';

/** The unit insulation resistance is recorded in. */
export const INSULATION_UNIT = 'MΩ';
const OHM_PER_MOHM = 1e6;

/**
 * Budget of one insulation-resistance value (docs/insulation-resistance.md), in MΩ. The meter reads the
 * open bus (d counts, the drive level) and the bus with the pair on it (n counts) through the same
 * follower, divider and ADC, and gives R = Rref · n / (d − n): the ADC reference, the divider and the
 * drive voltage cancel. What remains: the reference resistor; per reading the noise and quantization of
 * the mean of N conversions and the ADC's non-linearity; the follower's offset (it shifts n and d alike)
 * and bias current (it loads the bus through Rref ‖ R, and through Rref alone when open); the reply's
 * whole ohms. The noise of each mean is Type A from the spread the rig reports (standard deviation of one
 * conversion, in counts); without one (a budget worked out ahead, docs/insulation-resistance.md) it is the
 * rig figure adcNoiseLsb with the quantization, Type B.
 */
export function insulationResistanceUncertainty(resistanceOhm: number, meter: InsulationMeter, spreadCounts?: { pair: number; drive: number }): UncertaintyRecord {
  const rRef = meter.referenceOhm;
  const d = meter.driveV / meter.busVoltsPerCount;
  const n = (d * resistanceOhm) / (rRef + resistanceOhm);
  const ohmOf = (pair: number, drive: number): number => (rRef * pair) / (drive - pair);
  const perPairCount = (rRef * d) / (d - n) ** 2;
  const perDriveCount = (rRef * n) / (d - n) ** 2;
  const meanCounts = Math.sqrt(meter.adcNoiseLsb ** 2 + 1 / 12) / Math.sqrt(meter.conversions);
  const offsetCounts = meter.bufferOffsetV / meter.busVoltsPerCount;
  const biasShiftOhm =
    ohmOf(n - (meter.bufferBiasA * ((rRef * resistanceOhm) / (rRef + resistanceOhm))) / meter.busVoltsPerCount, d - (meter.bufferBiasA * rRef) / meter.busVoltsPerCount) -
    ohmOf(n, d);
  const mohm = (ohm: number): number => ohm / OHM_PER_MOHM;
  const contributions: Contribution[] = [
    rectangular(`reference resistor ${fmt(rRef / 1e6)} MΩ ± ${fmt(meter.referenceTolerance * 100)} %`, mohm(resistanceOhm * meter.referenceTolerance)),
    spreadCounts
      ? meanOfSpread(`ADC readings of the pair, s = ${fmt(spreadCounts.pair)} counts, mean of ${meter.conversions}`, mohm(spreadCounts.pair * perPairCount), meter.conversions)
      : { source: `ADC noise (${fmt(meter.adcNoiseLsb)} LSB) and quantization, mean of ${meter.conversions} conversions, pair reading`, kind: 'B', standard: mohm(meanCounts * perPairCount) },
    spreadCounts
      ? meanOfSpread(`ADC readings of the open bus, s = ${fmt(spreadCounts.drive)} counts, mean of ${meter.conversions}`, mohm(spreadCounts.drive * perDriveCount), meter.conversions)
      : { source: `ADC noise (${fmt(meter.adcNoiseLsb)} LSB) and quantization, mean of ${meter.conversions} conversions, drive reading`, kind: 'B', standard: mohm(meanCounts * perDriveCount) },
    rectangular(`ADC non-linearity ± ${fmt(meter.adcInlLsb)} LSB, pair reading`, mohm(meter.adcInlLsb * perPairCount)),
    rectangular(`ADC non-linearity ± ${fmt(meter.adcInlLsb)} LSB, drive reading`, mohm(meter.adcInlLsb * perDriveCount)),
    rectangular(`follower offset ± ${fmt(meter.bufferOffsetV * 1000)} mV`, mohm((rRef * offsetCounts) / (d - n))),
    rectangular(`follower bias current ± ${meter.bufferBiasA.toExponential(0)} A`, mohm(biasShiftOhm)),
    resolution('reply resolution 1 Ω', mohm(1)),
  ];
  return expandedUncertainty(contributions);
}

function fmt(value: number): string {
  return String(Number(value.toPrecision(3)));
}
