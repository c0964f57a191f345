import { AlarmCode, alarmName, alarmText } from '../../../firmware-protocol/generated/codes.js';
import { RigAbortedError, RigAlarmError } from '../../rig/rig-errors.js';
import { linkInterruption } from './link-interruption.js';
import type { Interruption } from './step-context.js';

// A person stopped the rig on purpose: the unit is not shown faulty, the run is ABORTED.
const STOPPED_BY_A_PERSON: ReadonlySet<number> = new Set([AlarmCode.ESTOP, AlarmCode.GUARD_OPENED]);

/** An alarm during a step: ABORTED for an E-stop or an opened guard, ERROR for the rig's own protections. */
export function alarmInterruption(code: number): Interruption {
  const alarm = { code, name: alarmName(code), text: alarmText(code) };
  return { outcome: STOPPED_BY_A_PERSON.has(code) ? 'ABORTED' : 'ERROR', cause: `${alarm.text} (ALARM:${code} ${alarm.name})`, alarm };
}

/** An exception from the driver as an interruption of the step; ERROR unless an alarm or abort explains it. */
export function errorInterruption(error: unknown): Interruption {
  if (error instanceof RigAlarmError) return alarmInterruption(error.alarmCode);
  if (error instanceof RigAbortedError) return { outcome: 'ABORTED', cause: 'aborted by the operator' };
  const lost = linkInterruption(error);
  if (lost) return lost;
  return { outcome: 'ERROR', cause: error instanceof Error ? error.message : String(error) };
}
