import { alarmName, alarmText } from '../../firmware-protocol/generated/codes.js';

/** An operation ended by a latched alarm (E-stop, guard, force cap …); the rig refuses motion and current until RESET. */
export class RigAlarmError extends Error {
  constructor(
    readonly alarmCode: number,
    during: string,
  ) {
    super(`${during}: ${alarmText(alarmCode)} (ALARM:${alarmCode} ${alarmName(alarmCode)})`);
    this.name = 'RigAlarmError';
  }
}

/** An operation ended by the abort byte (an operator stopped the run). */
export class RigAbortedError extends Error {
  constructor(during: string) {
    super(`${during}: aborted`);
    this.name = 'RigAbortedError';
  }
}
