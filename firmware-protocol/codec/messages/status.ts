import { z } from 'zod';
import { formatFields, parseFields } from '../fields.js';
import { StatusFields, fieldsFromStatus, statusFromFields } from './status-fields.js';

/**
 * Status report, the answer to the realtime byte `?` (PROTOCOL.md 3.1):
 *   <state=IDLE pole=0 forceN=0.00 posMm=0.0000 currentA=0.000 tempC=23.25 estop=0 guard=0 home=1 alarms=->
 *   <state=ALARM pole=1 forceN=250.31 posMm=3.2000 currentA=0.000 tempC=24.00 estop=0 guard=0 home=0 alarms=4>
 */
export const StatusMessage = StatusFields.extend({ kind: z.literal('status') });
export type StatusMessage = z.infer<typeof StatusMessage>;

export function parse(body: string): StatusMessage | null {
  if (!body.startsWith('<') || !body.endsWith('>')) return null;
  const fields = parseFields(body.slice(1, -1));
  const status = fields && statusFromFields(fields);
  return status ? { kind: 'status', ...status } : null;
}

export function format(message: StatusMessage): string {
  return `<${formatFields(fieldsFromStatus(message))}>`;
}
