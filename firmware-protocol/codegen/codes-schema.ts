import { z } from 'zod';

/** `UNKNOWN_COMMAND`: becomes part of C macro names (`ERR_UNKNOWN_COMMAND`), so C identifier characters only. */
const upperSnakeName = z.string().regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, 'UPPER_SNAKE_CASE (A-Z, 0-9, single underscores)');

/** Codes travel as one decimal number on the wire and fit a uint8_t in the firmware. */
const wireCode = z.number().int().min(1).max(255);

/** Texts end up in markdown table cells and C-free host strings; a `|` would break the table. */
const humanText = z.string().min(1).regex(/^[^|\n]*$/, 'one line of text without `|`');

const camelCaseKey = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase (starts lower-case, letters and digits only)');

/** Limits the codec itself relies on; the rest are free-form and only copied to the outputs. */
const requiredLimitKeys = ['lineMaxChars', 'deviceLineMaxChars', 'requestIdMax'] as const;

const NamedCode = z.strictObject({ code: wireCode, name: upperSnakeName, text: humanText });

export const CodesFile = z
  .strictObject({
    protocol: z.strictObject({
      major: z.number().int().min(0).max(255),
      minor: z.number().int().min(0).max(255),
      baud: z.number().int().positive(),
    }),
    limits: z.record(camelCaseKey, z.number()),
    states: z.array(z.strictObject({ name: upperSnakeName, text: humanText })).min(1),
    errors: z.array(NamedCode).min(1),
    alarms: z.array(
      NamedCode.extend({
        // ALARM_LATCHING_MASK is a 32-bit unsigned long with bit (code-1) per latching alarm.
        code: wireCode.max(32, 'alarm codes must be 1..32 so that ALARM_LATCHING_MASK fits 32 bits'),
        latching: z.boolean(),
      }),
    ).min(1),
  })
  .superRefine((file, ctx) => {
    for (const key of requiredLimitKeys) {
      if (!(key in file.limits)) ctx.addIssue({ code: 'custom', path: ['limits', key], message: 'required by the codec' });
    }
    checkUnique(file.states, 'states', 'name', ctx);
    for (const table of ['errors', 'alarms'] as const) {
      checkUnique(file[table], table, 'code', ctx);
      checkUnique(file[table], table, 'name', ctx);
    }
  });

export type CodesFile = z.infer<typeof CodesFile>;

function checkUnique<Row extends Record<Key, unknown>, Key extends string>(
  rows: readonly Row[],
  table: string,
  key: Key,
  ctx: z.RefinementCtx,
): void {
  const firstIndex = new Map<unknown, number>();
  rows.forEach((row, index) => {
    const earlier = firstIndex.get(row[key]);
    if (earlier !== undefined) {
      ctx.addIssue({ code: 'custom', path: [table, index, key], message: `duplicate ${key}; already used by ${table}[${earlier}]` });
    } else {
      firstIndex.set(row[key], index);
    }
  });
}
