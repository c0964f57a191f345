import { firmataResolution, type FirmataRigDefinition } from '../../../rigs/firmata-continuity/rig-definition.js';
import type { RigUncertaintyFigures } from '../rig-uncertainty.js';

/**
 * The Firmata rig's figures: the voltage-drop chain only (it has no load cell and no thermocouple). Its driver
 * averages StandardFirmata's single conversions without keeping their spread, so its readings carry no
 * Type A line (docs/uncertainty.md).
 */
export function firmataUncertaintyFigures(rig: FirmataRigDefinition): RigUncertaintyFigures {
  const counts = firmataResolution(rig);
  return {
    source: `Firmata rig ${rig.rigId}`,
    drop: {
      senseMvPerCount: counts.dropMv,
      shuntAPerCount: counts.currentA,
      shuntTolerancePct: rig.uncertainty.shuntTolerancePct,
      senseGainTolerancePct: rig.uncertainty.senseGainTolerancePct,
      shuntGainTolerancePct: rig.uncertainty.shuntGainTolerancePct,
      adcRefTolerancePct: rig.uncertainty.adcRefTolerancePct,
    },
  };
}
