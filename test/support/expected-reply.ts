import type { OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import { isDuplicateReply } from '../../firmware-protocol/codec/known-replies.js';

/** Commands whose retries carry the same id and may therefore be answered `ok dup=1` (PROTOCOL.md 1.4). */
const ANSWERED_FROM_MEMORY = new Set(['POLE', 'PULL', 'HOME', 'RESET']);
/** The simulated rig's thermocouple reads a room: anything far outside means a wrong field was read. */
const ROOM_TEMP_RANGE_C = [10, 40] as const;
/** The scenario's current source may miss its setpoint by its gain error; well inside this. */
const CURRENT_TOLERANCE_RATIO = 0.05;
/** ... plus two counts of the shunt channel (50 A over 10 bits, ~0.05 A a count): at 1 A one count is 5 %. */
const CURRENT_TOLERANCE_A = 0.1;

/**
 * Why this `ok` cannot be the answer to `command args`, or null when it is: the fields each
 * command echoes (pole, current) must be the ones asked for, so a reply to another request, or to
 * a request whose arguments were changed on the way, shows.
 */
export function wrongReplyReason(command: string, args: readonly number[], reply: OkMessage): string | null {
  const f = reply.fields;
  if (isDuplicateReply(f)) return ANSWERED_FROM_MEMORY.has(command) ? null : `dup=1 to a read (${command})`;
  switch (command) {
    case 'PING':
    case 'PULL':
    case 'HOME':
    case 'RESET':
      return Object.keys(f).length === 0 ? null : `fields ${JSON.stringify(f)} in the reply to ${command}`;
    case 'POLE':
      return f.pole === String(args[0]) ? null : `pole=${f.pole} for POLE ${args[0]}`;
    case 'VDROP': {
      const [pole = NaN, currentA = NaN] = args;
      if (f.pole !== String(pole)) return `pole=${f.pole} for VDROP ${pole}`;
      const measuredA = Number(f.currentA);
      return Math.abs(measuredA - currentA) <= CURRENT_TOLERANCE_RATIO * currentA + CURRENT_TOLERANCE_A ? null : `currentA=${f.currentA} for VDROP at ${currentA} A`;
    }
    case 'TEMP': {
      const tempC = Number(f.tempC);
      return tempC >= ROOM_TEMP_RANGE_C[0] && tempC <= ROOM_TEMP_RANGE_C[1] ? null : `tempC=${f.tempC}`;
    }
    case 'STATUS':
      return f.state !== undefined && f.pole !== undefined && f.alarms !== undefined ? null : `status fields missing: ${JSON.stringify(f)}`;
    case 'INFO':
      return f.fw !== undefined && f.rig !== undefined && f.poles !== undefined ? null : `info fields missing: ${JSON.stringify(f)}`;
    default:
      return `no check for ${command}`;
  }
}
