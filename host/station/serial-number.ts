import { identifierProblem } from '../shared/identifier-text.js';

/** Lines starting with this are commands (`!summary`, `!reset <rig>`); no serial number may. */
export const COMMAND_PREFIX = '!';

/**
 * Why a scanned or typed line cannot be a serial number, or null: the same rules for `run`, `resume`,
 * the station and the panel. The run folder name is sanitised anyway; this keeps scanner noise and
 * control characters out of records, logs and tables.
 */
export function serialProblem(serial: string): string | null {
  if (serial.startsWith(COMMAND_PREFIX)) return `a serial number cannot start with "${COMMAND_PREFIX}"`;
  return identifierProblem('serial number', serial);
}
