import { z } from 'zod';
import type { Fields } from '../fields.js';
import { parseDecimal, parseInteger, formatFixed } from '../numbers.js';

/**
 * The fields of a status report, shared by the `<…>` push message and the reply to STATUS:
 *   state=PULL pole=1 forceN=45.12 posMm=1.2350 currentA=0.000 tempC=23.25 estop=0 guard=0 home=0 homed=1 alarms=-
 */
export const StatusFields = z.object({
  // Any UPPER_SNAKE name: the host shows a state it does not know rather than dropping the report.
  state: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  pole: z.number().int().min(0),
  forceN: z.number(),
  posMm: z.number(),
  currentA: z.number(),
  tempC: z.number(),
  estopPressed: z.boolean(),
  guardOpen: z.boolean(),
  atHome: z.boolean(),
  /** The position counter is trusted: a HOME completed since boot and the motor stayed powered (PULL needs it). */
  homed: z.boolean(),
  alarms: z.array(z.number().int().min(1).max(255)),
});
export type StatusFields = z.infer<typeof StatusFields>;

function flag(text: string | undefined): boolean | null {
  return text === '1' ? true : text === '0' ? false : null;
}

function codeList(text: string | undefined): number[] | null {
  if (text === '-') return [];
  if (text === undefined || !/^[0-9]+(,[0-9]+)*$/.test(text)) return null;
  return text.split(',').map(Number);
}

/** Typed status from wire fields; null when a field is missing or malformed. Unknown keys are ignored. */
export function statusFromFields(fields: Fields): StatusFields | null {
  const result = StatusFields.safeParse({
    state: fields.state,
    pole: parseInteger(fields.pole ?? ''),
    forceN: parseDecimal(fields.forceN ?? ''),
    posMm: parseDecimal(fields.posMm ?? ''),
    currentA: parseDecimal(fields.currentA ?? ''),
    tempC: parseDecimal(fields.tempC ?? ''),
    estopPressed: flag(fields.estop),
    guardOpen: flag(fields.guard),
    atHome: flag(fields.home),
    homed: flag(fields.homed),
    alarms: codeList(fields.alarms),
  });
  return result.success ? result.data : null;
}

/** Wire fields with the decimals PROTOCOL.md 3.1 prescribes. */
export function fieldsFromStatus(status: StatusFields): Fields {
  return {
    state: status.state,
    pole: String(status.pole),
    forceN: formatFixed(status.forceN, 2),
    posMm: formatFixed(status.posMm, 4),
    currentA: formatFixed(status.currentA, 3),
    tempC: formatFixed(status.tempC, 2),
    estop: status.estopPressed ? '1' : '0',
    guard: status.guardOpen ? '1' : '0',
    home: status.atHome ? '1' : '0',
    homed: status.homed ? '1' : '0',
    alarms: status.alarms.length === 0 ? '-' : status.alarms.join(','),
  };
}
