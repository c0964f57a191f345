import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../host/results/csv/columns.js';
import { csvRecords, guardFormula, plainNumber } from '../../../host/results/csv/csv-dialect.js';
import { csvStringifyOptions } from '../../support/csv-stringify-reference.js';

describe('numbers as CSV cells', () => {
  it('keeps the digits a number has, with a point and no thousands separators', () => {
    expect([1.734, -0.0063, 45, 1234567.891, 0.1 + 0.2, 0, -0].map(plainNumber)).toEqual(['1.734', '-0.0063', '45', '1234567.891', '0.30000000000000004', '0', '0']);
  });

  it('writes tiny and huge numbers without an exponent', () => {
    expect([1e-7, -2.5e-9, 1.2345e-7, 1e21, 1.5e22].map(plainNumber)).toEqual(['0.0000001', '-0.0000000025', '0.00000012345', '1000000000000000000000', '15000000000000000000000']);
  });

  it('reads back as the same number', () => {
    for (const value of [1e-7, -2.5e-9, 3.3e-12, 1e21, 6.02214076e23, 5e-324]) expect(Number(plainNumber(value))).toBe(value);
  });

  it('writes NaN and infinities as an empty cell, as a record (JSON) would hold null', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(plainNumber)).toEqual(['', '', '']);
  });
});

/** csvRecords on copies of the rows (it spends the arrays it is given). */
const csv = (rows: Cell[][]): string => csvRecords(rows.map((row) => [...row]));
/** The same rows through csv-stringify's sync API with the dialect's options: an independent writer to compare with. */
const csvStringify = (rows: Cell[][]): string => (rows.length === 0 ? '' : stringify(rows, csvStringifyOptions()));
const readBack = (text: string): string[][] => parse(text, { relax_column_count: true }) as string[][];

describe('records as CSV text (Papa.unparse)', () => {
  it('ends every record with CRLF, the last one too, and writes nothing for no records', () => {
    expect(csv([['a', 'b'], ['c', 'd']])).toBe('a,b\r\nc,d\r\n');
    expect(csv([['a']])).toBe('a\r\n');
    expect(csv([])).toBe('');
  });

  it('quotes a field holding a comma, a quote, a CR or an LF, and doubles the quotes inside', () => {
    expect(csv([['a,b', 'say "hi"', '"', 'one\ntwo', 'cr\ronly', 'crlf\r\nboth', 'plain']])).toBe(
      '"a,b","say ""hi""","""","one\ntwo","cr\ronly","crlf\r\nboth",plain\r\n',
    );
  });

  it('writes null and empty text as an empty cell without quotes', () => {
    expect(csv([[null, '', 'x', null]])).toBe(',,x,\r\n');
  });

  it('writes numbers with plainNumber: no exponent, NaN and infinities empty, negatives as plain numbers', () => {
    expect(csv([[1.2e-7, -5e-7, 1e21, -0.0063, 0, -0, 45, Number.NaN, Number.NEGATIVE_INFINITY]])).toBe(
      '0.00000012,-0.0000005,1000000000000000000000,-0.0063,0,0,45,,\r\n',
    );
  });

  it('gives text starting with = + - @ tab CR or their full-width forms a leading quote, and leaves the field unquoted unless it needs quotes', () => {
    const texts = ['=1+1', '+1', '-vdrop', '@SUM(A1)', '\tcmd', '\rcmd', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF201'];
    expect(texts.map(guardFormula)).toEqual(texts.map((text) => `'${text}`));
    expect(csv([texts])).toBe(`'=1+1,'+1,'-vdrop,'@SUM(A1),'\tcmd,"'\rcmd",'\uFF1D1,'\uFF0B1,'\uFF0D1,'\uFF201\r\n`);
    expect(csv([['=HYPERLINK("http://x","y")']])).toBe(`"'=HYPERLINK(""http://x"",""y"")"\r\n`);
  });

  it('escapes text that looks like a negative number, but not a number', () => {
    expect(csv([['-5', -5, '-0.0063', -0.0063]])).toBe("'-5,-5,'-0.0063,-0.0063\r\n");
  });

  it('leaves text alone that only holds those characters further on, or starts with a space', () => {
    const texts = ['a=b', '1+1', '2025-03-01', 'x@y', ' =1', 'CB2503-000042', '\u2212' + '5'];
    expect(texts.map(guardFormula)).toEqual(texts);
  });

  it('quotes a field starting or ending with a space (csv-stringify did not), and it reads back to the same text', () => {
    const row = [' leading', 'trailing ', ' ', 'in side'];
    expect(csv([row])).toBe('" leading","trailing "," ",in side\r\n');
    expect(csvStringify([row])).toBe(' leading,trailing , ,in side\r\n');
    expect(readBack(csv([row]))).toEqual([row]);
  });

  it('turns the cells of the arrays it is given into their text', () => {
    const rows: Cell[][] = [['=x', 1e-7, null, 'plain']];
    csvRecords(rows);
    expect(rows).toEqual([["'=x", '0.0000001', null, 'plain']]);
  });
});

describe('Papa.unparse against csv-stringify, an independent writer of the same dialect', () => {
  // Characters the dialect gives a meaning to, and a few others, so that random cells hit every rule.
  const unit = fc.constantFrom('a', 'Z', '5', '.', ',', '"', "'", '\r', '\n', '\t', ' ', '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', '\uFEFF', 'Ω', 'ß', ';');
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    fc.string({ unit, maxLength: 8 }),
    fc.constantFrom('-5', '-0.0063', '', 'PASS', '2025-03-01T09:12:47.900+01:00'),
    fc.double(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.constantFrom(-0.0063, 1.2e-7, -5e-7, 1e21, Number.NaN),
    fc.constant(null),
  );
  const rows = fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 5 });
  /** The cells whose bytes differ by design: Papa.unparse quotes them, csv-stringify does not. */
  const quotedOnlyByPapa = (value: Cell): boolean => typeof value === 'string' && (/^ | $/.test(value) || value.includes('\uFEFF'));

  it('writes the same bytes for every cell but those with a leading or trailing space or a BOM character', () => {
    fc.assert(
      fc.property(rows, (records) => {
        fc.pre(!records.some((record) => record.some(quotedOnlyByPapa)));
        expect(csv(records)).toBe(csvStringify(records));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back to the same values as csv-stringify\'s text for every cell', () => {
    fc.assert(
      fc.property(rows, (records) => {
        expect(readBack(csv(records))).toEqual(readBack(csvStringify(records)));
      }),
      { numRuns: 1000 },
    );
  });
});
