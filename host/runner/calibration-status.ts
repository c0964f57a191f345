import { z } from 'zod';
import type { RigCalibration } from '../rig/rig-driver.js';
import { isoCalibrationDate } from './iso-time.js';

/** valid: calibrated, not past its due date, checksum matching; anything else refuses verdicts unless overridden. */
export const CalibrationStatus = z.enum(['valid', 'expired', 'never', 'checksum-mismatch']);
export type CalibrationStatus = z.infer<typeof CalibrationStatus>;

/** The calibration a run relied on, as every record names it. */
export const CalibrationRecord = z.strictObject({
  status: CalibrationStatus,
  date: z.string().nullable().describe('ISO date of the calibration; null: never calibrated'),
  dueDate: z.string().nullable().describe('ISO date after which it is expired (date + intervalDays); null: never calibrated'),
  intervalDays: z.number(),
  checksum: z.number().nullable().describe('the checksum the rig stores (protocol 2.2 calCheck); null when the rig keeps none'),
  recordFile: z.string().optional().describe('the calibration record in the results folder (calibrations/…json) whose checksum this is, when one was found'),
});
export type CalibrationRecord = z.infer<typeof CalibrationRecord>;

/** Whether a record may be released: false when the run went on with a calibration that was not valid. */
export const ReleaseRecord = z.strictObject({
  forRelease: z.boolean(),
  reason: z.string().optional().describe('why not: the calibration status and the reason given with the override'),
});
export type ReleaseRecord = z.infer<typeof ReleaseRecord>;

/** `2026-12-07`: the local calendar date of `now`, as a calibration's due date is compared with it. */
export function localIsoDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `date` plus `days` calendar days, ISO. */
function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The status of a rig's calibration on `now`'s date. Valid through its due date (calibration date +
 * intervalDays) inclusive. A checksum that does not match (a SPAN or SET since the calibration, or a
 * firmware before protocol 2.2 that stores none) counts before the date: the values are not the ones certified.
 */
export function calibrationOf(rig: RigCalibration, now: Date, recordFile?: string): CalibrationRecord {
  const date = isoCalibrationDate(rig.calDate);
  const dueDate = date === null ? null : addDays(date, rig.intervalDays);
  const checksum = rig.checksum?.stored ?? null;
  const base = { date, dueDate, intervalDays: rig.intervalDays, checksum, ...(recordFile ? { recordFile } : {}) };
  if (date === null || dueDate === null) return { status: 'never', ...base };
  if (rig.checksum !== null && !rig.checksum.matches) return { status: 'checksum-mismatch', ...base };
  if (localIsoDate(now) > dueDate) return { status: 'expired', ...base };
  return { status: 'valid', ...base };
}

/** What is wrong with a calibration, in words naming the rig and the dates; null when it is valid. */
export function calibrationProblem(rigId: string, calibration: CalibrationRecord): string | null {
  const { date, dueDate } = calibration;
  switch (calibration.status) {
    case 'valid':
      return null;
    case 'never':
      return `rig ${rigId} was never calibrated (calibration date: never)`;
    case 'expired':
      return `the calibration of rig ${rigId} expired: calibrated ${date}, due ${dueDate}`;
    case 'checksum-mismatch':
      return calibration.checksum === null
        ? `rig ${rigId} stores no calibration checksum (firmware before protocol 2.2; calibrated ${date}, due ${dueDate}): its calibration cannot be verified`
        : `the calibration checksum of rig ${rigId} does not match its calibration values (calibrated ${date}, due ${dueDate}): the span or the date was changed outside clampbench calibrate`;
  }
}

/** What to do about it, for the refusal message. */
export const CALIBRATION_OVERRIDE_TEXT =
  'calibrate the rig (clampbench calibrate), or run anyway with --allow-uncalibrated "<reason>" (station file: allowUncalibrated: "<reason>"), and every output is marked NOT FOR RELEASE';
