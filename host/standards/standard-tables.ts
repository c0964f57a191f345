import { z } from 'zod';
import { Citation } from './citation.js';

const positive = z.number().positive();
const awg = z.number().int().min(0).max(40);

/** One table row, keyed by cross-section, AWG or both (the IEC tables give an AWG column). */
const SizeKey = { crossSectionMm2: positive.optional(), awg: awg.optional() };
function hasSize(row: { crossSectionMm2?: number | undefined; awg?: number | undefined }): boolean {
  return row.crossSectionMm2 !== undefined || row.awg !== undefined;
}
const sizeMessage = { message: 'give crossSectionMm2, awg or both' };

export const PullForceTable = z.strictObject({
  standard: z.string().min(1),
  /** Other standards that use the same figures, so a plan may cite either. */
  alsoIn: z.array(z.string().min(1)).default([]),
  source: z.string().min(1),
  citation: Citation,
  method: z.string().min(1),
  holdS: positive,
  rows: z.array(z.strictObject({ ...SizeKey, forceN: positive }).refine(hasSize, sizeMessage)).min(1),
});
export type PullForceTable = z.infer<typeof PullForceTable>;

export const VoltageDropTable = z.strictObject({
  standard: z.string().min(1),
  source: z.string().min(1),
  citation: Citation,
  method: z.string().min(1),
  testCurrentFraction: z.number().gt(0).max(1),
  testCurrents: z.array(z.strictObject({ ...SizeKey, currentA: positive }).refine(hasSize, sizeMessage)).min(1),
  maxDropMv: positive,
  afterAgeing: z.strictObject({ maxDropMv: positive, maxRatioToInitial: z.number().gt(1) }),
});
export type VoltageDropTable = z.infer<typeof VoltageDropTable>;

export const TemperatureRiseTable = z.strictObject({
  source: z.string().min(1),
  limits: z
    .array(
      z
        .strictObject({ standard: z.string().min(1), citation: Citation, maxRiseK: positive.optional(), upperLimit: z.literal('dut').optional(), note: z.string().min(1) })
        .refine((limit) => (limit.maxRiseK === undefined) !== (limit.upperLimit === undefined), { message: 'give maxRiseK or upperLimit: dut, not both' }),
    )
    .min(1),
  equilibrium: z.strictObject({ kPerHour: positive, confirmed: z.boolean() }),
});
export type TemperatureRiseTable = z.infer<typeof TemperatureRiseTable>;
