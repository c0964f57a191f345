import { z } from 'zod';

/**
 * Free text for a human (PROTOCOL.md 3.3):
 *   [MSG:settings reset to defaults]
 *   [MSG:aborted]
 */
export const TextMessage = z.object({
  kind: z.literal('msg'),
  // `*` would be taken for the CRC separator, brackets for the end of the message.
  text: z.string().regex(/^[^*[\]]*$/),
});
export type TextMessage = z.infer<typeof TextMessage>;

const SHAPE = /^\[MSG:([^*[\]]*)\]$/;

export function parse(body: string): TextMessage | null {
  const match = SHAPE.exec(body);
  return match ? { kind: 'msg', text: match[1] ?? '' } : null;
}

export function format(message: TextMessage): string {
  return `[MSG:${TextMessage.parse(message).text}]`;
}
