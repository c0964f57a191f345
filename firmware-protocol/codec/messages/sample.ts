import { z } from 'zod';
import { formatFixed, parseDecimal, parseInteger } from '../numbers.js';

/**
 * One pull sample per control period (PROTOCOL.md 3.4): number, ms since the pull was accepted, force, position:
 *   S 1 0 0.12 0.0000
 *   S 118 1475 45.12 1.2350
 */
export const SampleMessage = z.object({
  kind: z.literal('sample'),
  // Numbered from 1 without gaps so that a lost line shows as a missing number.
  sampleNumber: z.number().int().min(1),
  tMs: z.number().int().min(0),
  forceN: z.number(),
  posMm: z.number(),
});
export type SampleMessage = z.infer<typeof SampleMessage>;

export function parse(body: string): SampleMessage | null {
  const parts = body.split(' ');
  if (parts.length !== 5 || parts[0] !== 'S') return null;
  const result = SampleMessage.safeParse({
    kind: 'sample',
    sampleNumber: parseInteger(parts[1] ?? ''),
    tMs: parseInteger(parts[2] ?? ''),
    forceN: parseDecimal(parts[3] ?? ''),
    posMm: parseDecimal(parts[4] ?? ''),
  });
  return result.success ? result.data : null;
}

export function format(message: SampleMessage): string {
  return `S ${message.sampleNumber} ${message.tMs} ${formatFixed(message.forceN, 2)} ${formatFixed(message.posMm, 4)}`;
}
