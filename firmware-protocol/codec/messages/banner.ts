import { z } from 'zod';
import { parseFields, withFields } from '../fields.js';

/**
 * Boot banner, sent after every reset (PROTOCOL.md 5):
 *   clampbench fw=1.0.0 proto=1.0 rig=CB-UNO-0001
 * Unknown keys after these are ignored.
 */
export const BannerMessage = z.object({
  kind: z.literal('banner'),
  firmwareVersion: z.string().regex(/^[0-9A-Za-z.+-]+$/),
  protocolMajor: z.number().int().min(0),
  protocolMinor: z.number().int().min(0),
  rigId: z.string().min(1),
});
export type BannerMessage = z.infer<typeof BannerMessage>;

/** What every banner starts with. */
export const PREFIX = 'clampbench ';

export function parse(body: string): BannerMessage | null {
  if (!body.startsWith(PREFIX)) return null;
  const fields = parseFields(body.slice(PREFIX.length));
  const proto = /^([0-9]+)\.([0-9]+)$/.exec(fields?.proto ?? '');
  if (!fields || !proto) return null;
  const result = BannerMessage.safeParse({
    kind: 'banner',
    firmwareVersion: fields.fw,
    protocolMajor: Number(proto[1]),
    protocolMinor: Number(proto[2]),
    rigId: fields.rig,
  });
  return result.success ? result.data : null;
}

export function format(message: BannerMessage): string {
  return withFields('clampbench', { fw: message.firmwareVersion, proto: `${message.protocolMajor}.${message.protocolMinor}`, rig: message.rigId });
}
