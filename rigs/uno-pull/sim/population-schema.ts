import { z } from 'zod';

/**
 * The fault kinds a population's units may carry, one per defective unit. Each names what is
 * wrong with the unit, not what a test sees: the simulator makes the physics, the plan finds it.
 */
export const DEFECT_KINDS = ['openPole', 'highResistance', 'short', 'miswire', 'emptyTerminal', 'looseConductor', 'insulationLeak'] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

/** Kinds that concern a pair of poles (the others concern one pole). */
export const PAIR_DEFECT_KINDS: ReadonlySet<DefectKind> = new Set(['short', 'miswire', 'insulationLeak']);

const rate = z.number().min(0).max(1);

/** A figure drawn uniformly between min and max (log-uniformly for the `Ohm` ranges that span decades). */
const range = (unit: string, low: number, high: number, what: string) =>
  z
    .strictObject({ min: z.number().positive(), max: z.number().positive() })
    .refine((r) => r.min <= r.max, 'min must not exceed max')
    .default({ min: low, max: high })
    .describe(`${what}, in ${unit}`);

/**
 * What a defect of each kind does to the unit, drawn per unit within these ranges. The defaults
 * are far outside a good unit's spread and a production plan's limits for the 831-1104 with 10 mm²
 * (3.2 mV at 5.7 A = 0.561 mΩ; 45 N pull; 10 MΩ insulation; ISO sees a short below ~99 kΩ).
 */
export const DefectEffects = z
  .strictObject({
    highResistanceMilliohm: range('mΩ', 0.8, 1.6, 'contact resistance of the bad pole (0.8–1.6 mΩ = 4.6–9.1 mV at 5.7 A, inside the sense range)'),
    shortOhm: range('Ω', 0.01, 10, 'resistance of the short between two poles (log-uniform; a stray strand)'),
    looseHoldingForceN: range('N', 10, 35, 'force at which the loose conductor leaves its clamp (below the pull force, above the 2 N preload)'),
    insulationLeakOhm: range('Ω', 200_000, 5_000_000, 'insulation of the leaky pole pair (log-uniform; above a short, below the 10 MΩ limit)'),
  })
  .prefault({});
export type DefectEffects = z.infer<typeof DefectEffects>;

const defectRates = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, rate.optional()])) as { [K in DefectKind]: z.ZodOptional<typeof rate> };

/**
 * A population: each serial number is its own unit, drawn from (seed, serial): the spread block's
 * distributions, and with the given rates one defect. The rates are each a fraction of all units
 * (0.03 = 3 %); their sum is the defective fraction and must not exceed 1.
 */
export const Population = z
  .strictObject({
    seed: z.number().int().min(0).describe('the population; with the serial number it decides every draw'),
    defects: z.strictObject(defectRates).default({}).describe(`defect rate per kind, a fraction of all units: ${DEFECT_KINDS.join(', ')}`),
    defectEffects: DefectEffects,
  })
  .superRefine((population, ctx) => {
    const total = Object.values(population.defects).reduce<number>((sum, r) => sum + (r ?? 0), 0);
    if (total > 1 + 1e-9) ctx.addIssue({ code: 'custom', path: ['defects'], message: `rates add up to ${total}: at most 1 (each unit carries one defect at most)` });
  });
export type Population = z.infer<typeof Population>;
