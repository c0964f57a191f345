import { alarmName, alarmText, ErrorCode, errorName } from '../../firmware-protocol/generated/codes.js';

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

/** RESET refused (error:15 ESTOP_ACTIVE): the E-stop is still pressed, so the alarms stay latched. */
export class RigResetRefusedError extends Error {
  constructor(readonly latchedAlarms: readonly number[]) {
    const code = ErrorCode.ESTOP_ACTIVE;
    const latched = latchedAlarms.map(alarmWords).join(', ') || 'none';
    super(`reset refused: the E-stop is still pressed (error:${code} ${errorName(code)}); still latched: ${latched}. Release the E-stop, then reset again`);
    this.name = 'RigResetRefusedError';
  }
}

/** `ALARM:1 ESTOP (E-stop pressed)`: an alarm as a person and a grep both read it. */
export function alarmWords(code: number): string {
  return `ALARM:${code} ${alarmName(code)} (${alarmText(code)})`;
}
