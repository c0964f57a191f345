import { z } from 'zod';

/**
 * The calibration record `clampbench calibrate` writes to `<results>/calibrations/<id>.json`: who calibrated
 * which rig against which reference standards (ids and certificate numbers), the readings before (as found)
 * and after (as left) with their tolerances and pass/fail, the values written to the rig and their checksum,
 * and a hash of the record itself so an edited file shows. Test records name it by `id` / file.
 */

const reference = z.strictObject({
  id: z.string().min(1).describe('asset id of the reference standard'),
  certificate: z.string().min(1).describe('its calibration certificate number'),
});

const check = z.strictObject({
  asFound: z.number(),
  asLeft: z.number(),
  /** What the reading should be (the reference's value). */
  reference: z.number(),
  unit: z.string(),
  /** Largest allowed |reading − reference|, in `unit`. */
  tolerance: z.number().positive(),
  asFoundPass: z.boolean(),
  asLeftPass: z.boolean(),
});

export const CalibrationRecord = z.strictObject({
  kind: z.literal('clampbench-calibration'),
  recordVersion: z.literal(1),
  id: z.string().min(1),
  rig: z.strictObject({ id: z.string(), firmwareVersion: z.string(), protocol: z.string(), where: z.string() }),
  technician: z.string().min(1),
  startedAt: z.string(),
  endedAt: z.string(),
  /** The calibration written to the rig: date YYYYMMDD, due date (ISO, last valid day), checksum (calCheck). */
  calDate: z.number().int(),
  dueDate: z.string(),
  intervalDays: z.number().int(),
  checksum: z.number().int().min(0).max(0xffff),
  written: z.strictObject({
    before: z.strictObject({ tareCounts: z.number().int(), countsPerN: z.number(), calDate: z.number().int(), calCheck: z.number().int().nullable() }),
    after: z.strictObject({ tareCounts: z.number().int(), countsPerN: z.number(), calDate: z.number().int(), calCheck: z.number().int() }),
  }),
  zero: check.describe('load cell unloaded: force read, N'),
  span: check.extend({
    weight: reference.extend({
      forceN: z.number().positive().describe('force the weight applies (mass × local gravity when given as a mass)'),
      massKg: z.number().positive().optional(),
      gravityMps2: z.number().positive().optional(),
      uncertaintyN: z.number().min(0).describe('expanded uncertainty of that force (k = 2), from its certificate'),
    }),
  }).describe('load cell with the known weight on: force read, N'),
  current: check.extend({ ammeter: reference, setpointA: z.number().positive(), pole: z.number().int() }).describe('current the rig measures vs the reference ammeter, A'),
  resistance: check.extend({ resistor: reference, pole: z.number().int(), currentA: z.number().positive() }).describe('resistance the rig measures vs the reference resistor\'s certified value, mΩ'),
  /** pass: every as-left check within its tolerance. */
  result: z.enum(['pass', 'fail']),
  /** sha256 of this JSON written without `recordHash` (two-space indent), `sha256:<hex>`. */
  recordHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type CalibrationRecord = z.infer<typeof CalibrationRecord>;
