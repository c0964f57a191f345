import { z } from 'zod';
import { parseFields, withFields } from '../fields.js';

/**
 * Alarm, sent once when raised (PROTOCOL.md 3.2); details as fields:
 *   ALARM:1
 *   ALARM:4 forceN=250.31
 *   ALARM:1 restored=1     (after the banner: still latched from before the reset)
 */
export const AlarmMessage = z.object({
  kind: z.literal('alarm'),
  code: z.number().int().min(1).max(255),
  fields: z.record(z.string(), z.string()),
});
export type AlarmMessage = z.infer<typeof AlarmMessage>;

const HEAD = /^ALARM:([1-9][0-9]{0,2})(?: (.*))?$/;

export function parse(body: string): AlarmMessage | null {
  const match = HEAD.exec(body);
  const fields = match && parseFields(match[2] ?? '');
  if (!match || !fields) return null;
  const result = AlarmMessage.safeParse({ kind: 'alarm', code: Number(match[1]), fields });
  return result.success ? result.data : null;
}

export function format(message: AlarmMessage): string {
  return withFields(`ALARM:${message.code}`, message.fields);
}
