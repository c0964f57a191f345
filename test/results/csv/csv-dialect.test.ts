import { describe, expect, it } from 'vitest';
import { isoCalDate } from '../../../host/results/csv/columns.js';
import { plainNumber } from '../../../host/results/csv/csv-dialect.js';

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

describe('calibration dates as CSV cells', () => {
  it('writes YYYYMMDD as an ISO date and "never calibrated" as an empty cell', () => {
    expect([isoCalDate(20250214), isoCalDate(0)]).toEqual(['2025-02-14', null]);
  });
});
