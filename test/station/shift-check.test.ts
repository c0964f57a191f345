import { describe, expect, it } from 'vitest';
import { shiftCheckPassed, withShiftCheck } from '../../host/station/shift-check.js';
import type { StepRecord, TestRecord } from '../../host/runner/test-record.js';

const H = 3_600_000;
const T0 = Date.parse('2026-12-07T06:00:00Z');

describe('the station schedules the shift-start check per rig', () => {
  it('runs it on a rig\'s first unit and again once the interval has passed, and skips it in between with a cause', () => {
    const sampling = new Map([['pull-check', 'not sampled']]);
    expect(withShiftCheck(sampling, ['check-standard'], null, T0, 8)).toBe(sampling);
    const skipped = withShiftCheck(sampling, ['check-standard'], T0, T0 + 8 * H - 1, 8);
    expect([...(skipped ?? new Map()).keys()]).toEqual(['pull-check', 'check-standard']);
    expect(skipped?.get('check-standard')).toMatch(/^not due: the shift-start check passed on this rig at .+; it runs again after 8 h$/);
    expect(withShiftCheck(null, ['check-standard'], T0, T0 + 8 * H, 8)).toBeNull();
    expect(withShiftCheck(null, [], T0, T0 + H, 8)).toBeNull();
  });

  it('counts the check as passed only when every check-standard step of the record passed', () => {
    const record = (outcome: StepRecord['outcome']): TestRecord =>
      ({ unitSteps: [{ stepId: 'check-standard', outcome }], unitStepsAfter: [] }) as unknown as TestRecord;
    expect(shiftCheckPassed(record('PASS'), ['check-standard'])).toBe(true);
    expect(shiftCheckPassed(record('ERROR'), ['check-standard'])).toBe(false);
    expect(shiftCheckPassed(record('SKIPPED'), ['check-standard'])).toBe(false);
    expect(shiftCheckPassed(null, ['check-standard'])).toBe(false);
  });
});
