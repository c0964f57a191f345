import type { TemperatureChainFigures } from '../../rig/rig-uncertainty.js';
import { expandedUncertainty, rectangular, resolution, type UncertaintyRecord } from './budget.js';

/** Budget of one temperature reading (°C): the converter's resolution and its accuracy (rectangular). */
export function temperatureBudget(chain: TemperatureChainFigures): UncertaintyRecord {
  return expandedUncertainty([
    resolution(`thermocouple converter resolution ${chain.resolutionC} °C`, chain.resolutionC),
    rectangular(`thermocouple converter accuracy ± ${chain.accuracyC} °C`, chain.accuracyC),
  ]);
}

/**
 * Budget of a rise, the difference of two readings (K). Nothing is known of how the converter's error at the
 * start relates to its error at the end, so both readings count in full (uncorrelated): the conservative reading.
 */
export function riseBudget(chain: TemperatureChainFigures): UncertaintyRecord {
  return expandedUncertainty([
    resolution(`thermocouple converter resolution ${chain.resolutionC} °C (start)`, chain.resolutionC),
    resolution(`thermocouple converter resolution ${chain.resolutionC} °C (end)`, chain.resolutionC),
    rectangular(`thermocouple converter accuracy ± ${chain.accuracyC} °C (start)`, chain.accuracyC),
    rectangular(`thermocouple converter accuracy ± ${chain.accuracyC} °C (end)`, chain.accuracyC),
  ]);
}
