import { z } from 'zod';
import { parseFields, withFields } from '../fields.js';

/**
 * Success reply; fields stay strings because their meaning depends on the request (see known-replies.ts):
 *   ok
 *   ok pole=1 mv=1.7100 mohm=0.3000 currentA=5.700
 *   ok dup=1            (a retried request that was not executed again)
 */
export const OkMessage = z.object({
  kind: z.literal('ok'),
  fields: z.record(z.string(), z.string()),
});
export type OkMessage = z.infer<typeof OkMessage>;

export function parse(body: string): OkMessage | null {
  if (body !== 'ok' && !body.startsWith('ok ')) return null;
  const fields = parseFields(body.slice(3));
  return fields ? { kind: 'ok', fields } : null;
}

export function format(message: OkMessage): string {
  return withFields('ok', message.fields);
}
