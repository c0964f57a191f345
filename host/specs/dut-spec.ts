import { z } from 'zod';
import { ConductorKind } from '../standards/conductor-kind.js';

const positive = z.number().positive();

/** Most poles a DUT spec may have; a plan's wiring map names poles, so its ceiling is this too. */
export const DUT_POLES_MAX = 64;
/** AWG sizes run backwards: the thinnest has the largest number. */
const awg = z.number().int().min(0).max(40);

/** Range a clamping unit accepts for one conductor kind, as the datasheet gives it. */
const ConductorRange = z
  .strictObject({
    minMm2: positive,
    maxMm2: positive,
    /** Largest AWG number (thinnest conductor), when the datasheet gives an AWG range. */
    thinnestAwg: awg.optional(),
    /** Smallest AWG number (thickest conductor). */
    thickestAwg: awg.optional(),
  })
  .superRefine((range, ctx) => {
    if (range.minMm2 > range.maxMm2) ctx.addIssue({ code: 'custom', path: ['minMm2'], message: `must not exceed maxMm2 (${range.maxMm2})` });
    if ((range.thinnestAwg === undefined) !== (range.thickestAwg === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['thickestAwg'], message: 'give both thinnestAwg and thickestAwg, or neither' });
    } else if (range.thinnestAwg !== undefined && range.thickestAwg !== undefined && range.thickestAwg > range.thinnestAwg) {
      ctx.addIssue({ code: 'custom', path: ['thickestAwg'], message: `must not exceed thinnestAwg (${range.thinnestAwg}): AWG numbers fall as conductors get thicker` });
    }
  });
export type ConductorRange = z.infer<typeof ConductorRange>;

const VoltageRating = z.strictObject({
  /** Datasheet wording: nominal or rated voltage. */
  kind: z.enum(['nominal', 'rated']),
  /** Overvoltage category / pollution degree, e.g. III/3. */
  category: z.string().regex(/^(I|II|III|IV)\/[1-4]$/, 'overvoltage category / pollution degree such as III/3'),
  voltageV: positive,
  impulseWithstandKv: positive.optional(),
});

const UseGroupRating = z.strictObject({ voltageV: positive, currentA: positive });

export const DutSpec = z
  .strictObject({
    partNumber: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9./-]{1,40}$/, 'a part number: letters, digits, . / -'),
    manufacturer: z.string().min(1),
    description: z.string().min(1),
    /** Where the figures come from (datasheet title and date or file). */
    source: z.string().min(1),
    /** Present when figures are extrapolated rather than read from a datasheet: says what and why. */
    illustrative: z.string().min(1).optional(),
    poles: z.number().int().min(1).max(DUT_POLES_MAX),
    pitchMm: positive,
    conductors: z.partialRecord(ConductorKind, ConductorRange),
    stripLengthMm: z.strictObject({ min: positive, max: positive }),
    /** The largest cross-section; the rated-current tests use it. */
    ratedCrossSectionMm2: positive,
    ratings: z.strictObject({
      iec: z.strictObject({
        /** The standard the voltage ratings are given per (insulation coordination, e.g. IEC/EN 60664-1). */
        standard: z.string().min(1),
        voltages: z.array(VoltageRating).min(1),
        ratedCurrentA: positive,
        /** The standard the rated current is defined by: the connector's product standard (IEC 61984), not the insulation one. */
        ratedCurrentStandard: z.string().min(1),
      }),
      ul: z.strictObject({ standard: z.string().min(1), useGroups: z.partialRecord(z.enum(['B', 'C', 'D']), UseGroupRating) }).optional(),
      csa: z.strictObject({ useGroups: z.partialRecord(z.enum(['B', 'C', 'D']), UseGroupRating) }).optional(),
    }),
    limitTemperatureC: z.strictObject({ min: z.number().min(-273), max: z.number().max(400) }),
    /**
     * Connectors without breaking capacity (IEC 61984) must not be connected or disconnected live
     * or under load: the runner switches the current off before any prompt to handle conductors.
     */
    mustNotConnectLive: z.boolean(),
  })
  .superRefine((spec, ctx) => {
    if (Object.keys(spec.conductors).length === 0) ctx.addIssue({ code: 'custom', path: ['conductors'], message: `list at least one conductor kind: ${ConductorKind.options.join(', ')}` });
    if (spec.stripLengthMm.min > spec.stripLengthMm.max) ctx.addIssue({ code: 'custom', path: ['stripLengthMm', 'min'], message: `must not exceed stripLengthMm.max (${spec.stripLengthMm.max})` });
    if (spec.limitTemperatureC.min >= spec.limitTemperatureC.max) ctx.addIssue({ code: 'custom', path: ['limitTemperatureC', 'min'], message: `must be below limitTemperatureC.max (${spec.limitTemperatureC.max})` });
    const largestMm2 = Math.max(...Object.values(spec.conductors).map((range) => range.maxMm2));
    if (spec.ratedCrossSectionMm2 > largestMm2) ctx.addIssue({ code: 'custom', path: ['ratedCrossSectionMm2'], message: `must not exceed the largest conductor range (${largestMm2} mm²)` });
  });

export type DutSpec = z.infer<typeof DutSpec>;
