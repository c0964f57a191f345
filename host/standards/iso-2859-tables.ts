import { z } from 'zod';
import { Citation } from './citation.js';

/**
 * Schemas of the ISO 2859-1 sampling tables (host/standards/iso-2859-1-*.yaml). Beyond the
 * shape they check what a proofreader would: lot ranges that meet without gaps, rows of full
 * length, and arrows that reach a plan, so a lookup can never walk off the table.
 */

const codeLetter = z.string().regex(/^[A-HJ-NP-R]$/, 'a sample size code letter A–R (the standard skips I and O)');

export const Iso2859CodeLetterTable = z
  .strictObject({
    standard: z.string().min(1),
    alsoIn: z.array(z.string().min(1)).default([]),
    source: z.string().min(1),
    citation: Citation,
    levels: z.array(z.string().min(1)).min(1),
    rows: z
      .array(
        z.strictObject({
          lotSizeMin: z.number().int().min(2),
          /** Absent on the last row ("500 001 and over"). */
          lotSizeMax: z.number().int().optional(),
          letters: z.array(codeLetter),
        }),
      )
      .min(1),
  })
  .superRefine((table, context) => {
    table.rows.forEach((row, index) => {
      const problem = (message: string, key: string) => context.addIssue({ code: 'custom', path: ['rows', index, key], message });
      if (row.letters.length !== table.levels.length) problem(`one letter per level (${table.levels.join(', ')}): ${table.levels.length}, not ${row.letters.length}`, 'letters');
      const previous = table.rows[index - 1];
      const expectedMin = previous === undefined ? 2 : (previous.lotSizeMax ?? Number.NaN) + 1;
      if (row.lotSizeMin !== expectedMin) problem(`ranges meet without gaps: this row starts at ${expectedMin}`, 'lotSizeMin');
      const last = index === table.rows.length - 1;
      if (last && row.lotSizeMax !== undefined) problem('the last row is open ("and over"): no lotSizeMax', 'lotSizeMax');
      if (!last && (row.lotSizeMax === undefined || row.lotSizeMax < row.lotSizeMin)) problem(`a range ends at or above its start (${row.lotSizeMin})`, 'lotSizeMax');
    });
  });
export type Iso2859CodeLetterTable = z.infer<typeof Iso2859CodeLetterTable>;

/** A cell as printed: `Ac/Re`, or an arrow to the first plan below (↓) or above (↑) in its column. */
export const PlanCell = z.union([z.literal('↓'), z.literal('↑'), z.string().regex(/^\d+\/\d+$/, 'Ac/Re (e.g. 1/2), ↓ or ↑')]);
export type PlanCell = z.infer<typeof PlanCell>;

export const Iso2859SingleSamplingTable = z
  .strictObject({
    standard: z.string().min(1),
    alsoIn: z.array(z.string().min(1)).default([]),
    source: z.string().min(1),
    citation: Citation,
    inspection: z.enum(['normal', 'tightened', 'reduced']),
    /** Column heads as printed ("0.010", "1.0", "10"), so messages show them as the standard does. */
    aqlPercent: z.array(z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number as printed, e.g. "0.65"')).min(1),
    rows: z.array(z.strictObject({ letter: codeLetter, sampleSize: z.number().int().min(1), plans: z.array(PlanCell) })).min(1),
  })
  .superRefine((table, context) => {
    table.rows.forEach((row, index) => {
      const problem = (message: string, ...path: Array<string | number>) => context.addIssue({ code: 'custom', path: ['rows', index, ...path], message });
      if (row.plans.length !== table.aqlPercent.length) problem(`one cell per AQL column: ${table.aqlPercent.length}, not ${row.plans.length}`, 'plans');
      const previous = table.rows[index - 1];
      if (previous !== undefined && row.sampleSize <= previous.sampleSize) problem(`sample sizes grow down the table: more than ${previous.sampleSize} (letter ${previous.letter})`, 'sampleSize');
      row.plans.forEach((cell, column) => {
        if (cell !== '↓' && cell !== '↑') {
          const [acceptance, rejection] = cell.split('/').map(Number);
          if (rejection !== (acceptance ?? Number.NaN) + 1) problem('single sampling: Re = Ac + 1', 'plans', column);
        } else if (planRowIndex(table.rows, index, column) === undefined) {
          problem(`the arrow in column ${table.aqlPercent[column]} reaches no plan before the ${cell === '↓' ? 'bottom' : 'top'} of the table`, 'plans', column);
        }
      });
    });
  });
export type Iso2859SingleSamplingTable = z.infer<typeof Iso2859SingleSamplingTable>;

/**
 * The row whose plan a cell stands for: itself, or the first row with Ac/Re in the arrow's
 * direction (an arrow may pass over other arrows). Undefined when the arrow runs off the table.
 */
export function planRowIndex(rows: ReadonlyArray<{ plans: readonly string[] }>, rowIndex: number, column: number): number | undefined {
  const step = rows[rowIndex]?.plans[column] === '↓' ? 1 : rows[rowIndex]?.plans[column] === '↑' ? -1 : 0;
  let index = rowIndex;
  while (step !== 0 && (rows[index]?.plans[column] === '↓' || rows[index]?.plans[column] === '↑')) index += step;
  return rows[index]?.plans[column] === undefined ? undefined : index;
}
