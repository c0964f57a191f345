import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import type { InsulationMeter } from './rig-driver.js';

/**
 * The Uno pull rig's insulation meter figures from its rig definition (rigs/uno-pull/rig.yaml): the
 * firmware reports only the resistance, the budget needs the parts it was measured with.
 */
export function unoPullInsulationMeter(rigFile?: string): InsulationMeter {
  const rig = loadRigDefinition(rigFile);
  const { isolation, current } = rig;
  const meter = isolation.insulation;
  return {
    referenceOhm: meter.referenceOhm,
    referenceTolerance: meter.referenceTolerance,
    bufferOffsetV: meter.bufferOffsetV,
    bufferBiasA: meter.bufferBiasA,
    adcNoiseLsb: meter.adcNoiseLsb,
    adcInlLsb: meter.adcInlLsb,
    conversions: meter.conversions,
    driveV: isolation.driveV,
    busVoltsPerCount: current.adcRefV / 1024 / isolation.dividerRatio,
    rangeLowOhm: meter.rangeLowOhm,
    rangeHighOhm: meter.rangeHighOhm,
  };
}
