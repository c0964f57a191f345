import { defaultRigFile, loadRigDefinition, type RigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import type { RigUncertaintyFigures } from './rig-uncertainty.js';

/** Decimals the firmware reports forces (PULL samples, DONE) and temperatures (TEMP) with. */
const REPORTED_FORCE_STEP_N = 0.01;
const REPORTED_TEMPERATURE_STEP_C = 0.01;
const ADC_COUNTS = 1024;

/**
 * The uncertainty figures of the Uno pull rig. Its firmware is built from rigs/uno-pull/rig.yaml (rig_config.h
 * is generated from it), so that file describes the rig at the other end of the link.
 */
export function unoPullUncertaintyFigures(rig: RigDefinition = loadRigDefinition(), source: string = defaultRigFile): RigUncertaintyFigures {
  const { current, loadCell, uncertainty } = rig;
  const adcVoltsPerCount = current.adcRefV / ADC_COUNTS;
  return {
    source,
    drop: {
      senseMvPerCount: (adcVoltsPerCount / current.senseGain) * 1000,
      shuntAPerCount: adcVoltsPerCount / current.shuntGain / (current.shuntMilliohm / 1000),
      shuntTolerancePct: uncertainty.shuntTolerancePct,
      senseGainTolerancePct: uncertainty.senseGainTolerancePct,
      shuntGainTolerancePct: uncertainty.shuntGainTolerancePct,
      adcRefTolerancePct: uncertainty.adcRefTolerancePct,
    },
    force: {
      loadCellClass: uncertainty.loadCellClass,
      capacityN: loadCell.capacityN,
      resolutionN: Math.max(1 / loadCell.defaultCountsPerN, REPORTED_FORCE_STEP_N),
      spanWeightUncertaintyPct: uncertainty.spanWeightUncertaintyPct,
    },
    temperature: { resolutionC: Math.max(uncertainty.thermoResolutionC, REPORTED_TEMPERATURE_STEP_C), accuracyC: uncertainty.thermoAccuracyC },
  };
}
