import { describe, expect, it } from 'vitest';
import { Iso2859CodeLetterTable, Iso2859SingleSamplingTable } from '../../host/standards/iso-2859-tables.js';
import { standardTables } from '../../host/standards/load-standards.js';

const { codeLetters, normalSingle } = standardTables().sampling;

/** A deep copy to spoil in one place. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

function problems(result: { success: boolean; error?: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } }): string[] {
  return result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
}

describe('ISO 2859-1 tables as shipped', () => {
  it('cite ISO 2859-1:1999 Table 1 and Table 2-A and name Z1.4 as a reference with the same figures', () => {
    expect(codeLetters.source).toBe("ISO 2859-1:1999 Table 1; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table I)");
    expect(normalSingle.source).toBe("ISO 2859-1:1999 Table 2-A; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table II-A)");
    expect(normalSingle.inspection).toBe('normal');
  });

  it('Table 1 has the 15 lot ranges and 7 levels of the standard', () => {
    expect(codeLetters.levels).toEqual(['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III']);
    expect(codeLetters.rows.map((row) => `${row.lotSizeMin}-${row.lotSizeMax ?? ''}`)).toEqual([
      '2-8', '9-15', '16-25', '26-50', '51-90', '91-150', '151-280', '281-500', '501-1200', '1201-3200', '3201-10000', '10001-35000', '35001-150000', '150001-500000', '500001-',
    ]);
  });

  it('Table 2-A has letters A–R (no I, O) with the preferred sample sizes and the AQLs 0.010–10', () => {
    expect(normalSingle.rows.map((row) => `${row.letter}${row.sampleSize}`).join(' ')).toBe('A2 B3 C5 D8 E13 F20 G32 H50 J80 K125 L200 M315 N500 P800 Q1250 R2000');
    expect(normalSingle.aqlPercent).toEqual(['0.010', '0.015', '0.025', '0.040', '0.065', '0.10', '0.15', '0.25', '0.40', '0.65', '1.0', '1.5', '2.5', '4.0', '6.5', '10']);
  });

  it('every Table 1 letter has a Table 2-A row', () => {
    const letters = new Set(normalSingle.rows.map((row) => row.letter));
    expect(codeLetters.rows.flatMap((row) => row.letters).filter((letter) => !letters.has(letter))).toEqual([]);
  });

  it('Table 2-A keeps to its diagonals: away from the edges a cell equals the cell one row down and one AQL column left', () => {
    // The proofreading check: a mistyped cell breaks its diagonal. The edges (top row, bottom
    // row) bend the arrows and are checked cell by cell in iso-2859-plan.test.ts.
    const mismatches: string[] = [];
    for (let row = 1; row < normalSingle.rows.length - 2; row++) {
      for (let column = 1; column < normalSingle.aqlPercent.length; column++) {
        const here = normalSingle.rows[row]?.plans[column];
        const diagonal = normalSingle.rows[row + 1]?.plans[column - 1];
        if (here !== diagonal) mismatches.push(`${normalSingle.rows[row]?.letter}@${normalSingle.aqlPercent[column]}: ${here} vs ${diagonal}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('the plans along a row are the standard sequence 0/1, 1/2, 2/3, 3/4, 5/6, 7/8, 10/11, 14/15, 21/22', () => {
    const plansOfK = normalSingle.rows.find((row) => row.letter === 'K')?.plans.filter((cell) => cell.includes('/'));
    expect(plansOfK).toEqual(['0/1', '1/2', '2/3', '3/4', '5/6', '7/8', '10/11', '14/15', '21/22']);
  });
});

describe('ISO 2859-1 table validation', () => {
  it('refuses a gap between lot ranges and a closed last range', () => {
    const table = copy(codeLetters);
    if (table.rows[1]) table.rows[1].lotSizeMin = 10;
    const last = table.rows.at(-1);
    if (last) last.lotSizeMax = 1_000_000;
    expect(problems(Iso2859CodeLetterTable.safeParse(table))).toEqual([
      'rows.1.lotSizeMin: ranges meet without gaps: this row starts at 9',
      'rows.14.lotSizeMax: the last row is open ("and over"): no lotSizeMax',
    ]);
  });

  it('refuses a row with a letter missing, and the letters I and O', () => {
    const table = copy(codeLetters);
    if (table.rows[0]) table.rows[0].letters = ['A', 'A', 'A', 'A', 'A', 'I', 'B'];
    expect(problems(Iso2859CodeLetterTable.safeParse(table))).toEqual([
      'rows.0.letters.5: a sample size code letter A–R (the standard skips I and O)',
    ]);
    if (table.rows[0]) table.rows[0].letters = ['A', 'A', 'A', 'A', 'A', 'A'];
    expect(problems(Iso2859CodeLetterTable.safeParse(table))).toEqual(['rows.0.letters: one letter per level (S-1, S-2, S-3, S-4, I, II, III): 7, not 6']);
  });

  it('refuses an arrow that runs off the table, a plan with Re ≠ Ac + 1 and a short row', () => {
    // A's 0/1 at AQL 6.5 turned into ↑ leaves B's ↑ below it nothing to point to either.
    const table = copy(normalSingle);
    const top = table.rows[0];
    if (top) top.plans[14] = '↑';
    const bottom = table.rows.at(-1);
    if (bottom) bottom.plans[2] = '1/3';
    table.rows[5]?.plans.pop();
    expect(problems(Iso2859SingleSamplingTable.safeParse(table))).toEqual([
      'rows.0.plans.14: the arrow in column 6.5 reaches no plan before the top of the table',
      'rows.1.plans.14: the arrow in column 6.5 reaches no plan before the top of the table',
      'rows.5.plans: one cell per AQL column: 16, not 15',
      'rows.15.plans.2: single sampling: Re = Ac + 1',
    ]);
  });

  it('refuses sample sizes out of order', () => {
    const table = copy(normalSingle);
    if (table.rows[3]) table.rows[3].sampleSize = 5;
    expect(problems(Iso2859SingleSamplingTable.safeParse(table))).toEqual(['rows.3.sampleSize: sample sizes grow down the table: more than 5 (letter C)']);
  });
});
