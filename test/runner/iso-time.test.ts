import { describe, expect, it } from 'vitest';
import { isoCalibrationDate } from '../../host/runner/iso-time.js';

describe('the calibration date from INFO as an ISO date', () => {
  it('turns YYYYMMDD into an ISO date', () => {
    expect([isoCalibrationDate(20250214), isoCalibrationDate(20261101), isoCalibrationDate(20240229)]).toEqual(['2025-02-14', '2026-11-01', '2024-02-29']);
  });

  it('gives null for 0 (never calibrated) and for digits that are no calendar date', () => {
    expect([0, 20261399, 20250229, 2025021, 202502140].map(isoCalibrationDate)).toEqual([null, null, null, null, null]);
  });
});
