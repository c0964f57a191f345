import { describe, expect, it } from 'vitest';
import { calibrationOf, calibrationProblem } from '../../host/runner/calibration-status.js';

// Due date = calibration date + intervalDays; valid through the due date.
const NOW = new Date(2026, 11, 7, 12, 0); // 2026-12-07, local time like the check itself
const matching = { stored: 0x1234, matches: true };

describe('the status of a rig calibration', () => {
  it('valid through its due date, expired the day after', () => {
    expect(calibrationOf({ calDate: 20251207, intervalDays: 365, checksum: matching }, NOW)).toEqual({ status: 'valid', date: '2025-12-07', dueDate: '2026-12-07', intervalDays: 365, checksum: 0x1234 });
    expect(calibrationOf({ calDate: 20251206, intervalDays: 365, checksum: matching }, NOW)).toMatchObject({ status: 'expired', dueDate: '2026-12-06' });
  });

  it('never calibrated (calDate 0) before anything else; a checksum that does not match, or none stored, before the date', () => {
    expect(calibrationOf({ calDate: 0, intervalDays: 365, checksum: { stored: 0, matches: false } }, NOW)).toMatchObject({ status: 'never', date: null, dueDate: null });
    expect(calibrationOf({ calDate: 20240101, intervalDays: 365, checksum: { stored: 1, matches: false } }, NOW).status).toBe('checksum-mismatch');
    expect(calibrationOf({ calDate: 20261201, intervalDays: 365, checksum: { stored: null, matches: false } }, NOW)).toMatchObject({ status: 'checksum-mismatch', checksum: null });
    // A rig that keeps its calibration in its rig file (Firmata) has no checksum to compare.
    expect(calibrationOf({ calDate: 20261201, intervalDays: 365, checksum: null }, NOW).status).toBe('valid');
  });

  it('says what is wrong naming the rig and its dates', () => {
    const problem = (calDate: number, checksum: { stored: number | null; matches: boolean } | null) => calibrationProblem('CB-UNO-0007', calibrationOf({ calDate, intervalDays: 365, checksum }, NOW));
    expect(problem(20261201, matching)).toBeNull();
    expect(problem(0, null)).toBe('rig CB-UNO-0007 was never calibrated (calibration date: never)');
    expect(problem(20250101, matching)).toBe('the calibration of rig CB-UNO-0007 expired: calibrated 2025-01-01, due 2026-01-01');
    expect(problem(20261201, { stored: 7, matches: false })).toBe(
      'the calibration checksum of rig CB-UNO-0007 does not match its calibration values (calibrated 2026-12-01, due 2027-12-01): the span or the date was changed outside clampbench calibrate',
    );
    expect(problem(20261201, { stored: null, matches: false })).toBe(
      'rig CB-UNO-0007 stores no calibration checksum (firmware before protocol 2.2; calibrated 2026-12-01, due 2027-12-01): its calibration cannot be verified',
    );
  });
});
