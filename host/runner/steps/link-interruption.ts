import { format as formatBanner } from '../../../firmware-protocol/codec/messages/banner.js';
import { FirmwareResetError, LinkClosedError } from '../../link/request-errors.js';
import type { Interruption } from './step-context.js';

/**
 * The link to the rig went away under a step: the port closed (a pulled cable) or the rig rebooted.
 * Not a verdict on the unit: the step is ERROR, marked interrupted, and runs again when the run is
 * resumed on the same rig. Null for any other error.
 */
export function linkInterruption(error: unknown): Interruption | null {
  if (error instanceof LinkClosedError && error.reason !== undefined) {
    return { outcome: 'ERROR', cause: `the link to the rig was lost during ${error.request}: ${error.reason}`, interruptedBy: 'link-lost' };
  }
  if (error instanceof FirmwareResetError) {
    return { outcome: 'ERROR', cause: `the rig rebooted during ${error.request} (it sent "${formatBanner(error.banner)}")`, interruptedBy: 'rig-reset' };
  }
  return null;
}
