import type { RigDefinition } from '../../rigs/uno-pull/rig-definition.js';

/** The rig figures that bound command arguments (PROTOCOL.md 2.3, 2.4); everything else in a rig file is irrelevant to the protocol. */
export interface RigRanges {
  poles: number;
  maxTestCurrentA: number;
  forceCapN: number;
  capacityN: number;
  maxSpeedMmps: number;
  tempLimitC: number;
}

export function rigRangesFromDefinition(rig: RigDefinition): RigRanges {
  return {
    poles: rig.poles,
    maxTestCurrentA: rig.current.maxTestCurrentA,
    forceCapN: rig.forceCapN,
    capacityN: rig.loadCell.capacityN,
    maxSpeedMmps: rig.motion.maxSpeedMmps,
    tempLimitC: rig.thermo.tempLimitC,
  };
}
