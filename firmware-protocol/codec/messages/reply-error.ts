import { z } from 'zod';
import { parseFields, withFields } from '../fields.js';

/**
 * Failure reply; the code is a number from codes.yaml (errorText() turns it into words):
 *   error:9
 *   error:9 dup=1       (a retried request answered from memory)
 */
export const ErrorMessage = z.object({
  kind: z.literal('error'),
  code: z.number().int().min(1).max(255),
  fields: z.record(z.string(), z.string()),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;

const HEAD = /^error:([1-9][0-9]{0,2})(?: (.*))?$/;

export function parse(body: string): ErrorMessage | null {
  const match = HEAD.exec(body);
  if (!match) return null;
  const fields = parseFields(match[2] ?? '');
  if (!fields) return null;
  const result = ErrorMessage.safeParse({ kind: 'error', code: Number(match[1]), fields });
  return result.success ? result.data : null;
}

export function format(message: ErrorMessage): string {
  return withFields(`error:${message.code}`, message.fields);
}
