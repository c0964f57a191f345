import type { RunHeader } from '../runner/run-events.js';
import type { RigDriver } from '../rig/rig-driver.js';

/**
 * How the rig now on the port differs from the one a run began on (id, firmware, protocol,
 * calibration date), in words; empty when it is the same. A run must not mix two rigs' figures.
 */
export function rigDifferences(was: RunHeader['rig'], now: RigDriver['identity']): string[] {
  return [
    was.id !== now.rigId ? `rig id ${now.rigId} (the run began on ${was.id})` : null,
    was.firmwareVersion !== now.firmwareVersion ? `firmware ${now.firmwareVersion} (was ${was.firmwareVersion})` : null,
    was.protocol !== now.protocol ? `protocol ${now.protocol} (was ${was.protocol})` : null,
    was.calDate !== now.calDate ? `calibration date ${now.calDate} (was ${was.calDate})` : null,
  ].filter((d): d is string => d !== null);
}
