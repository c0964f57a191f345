import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalibrationRecordFinder } from '../../runner/run-plan.js';
import { writeFileAtomic } from '../../shared/write-file-atomic.js';
import { CalibrationRecord } from './calibration-record.js';

/** The folder inside a results folder that holds the calibration records. */
const CALIBRATIONS_DIR = 'calibrations';

/** `sha256:<hex>` of a record's JSON without its recordHash. */
function calibrationRecordHash(record: Omit<CalibrationRecord, 'recordHash'>): string {
  const { recordHash: _ignored, ...rest } = record as CalibrationRecord;
  return `sha256:${createHash('sha256').update(JSON.stringify(rest, null, 2)).digest('hex')}`;
}

/** Write a calibration record (with its hash) to `<resultsDir>/calibrations/<id>.json`; returns the path. */
export function writeCalibrationRecord(resultsDir: string, record: Omit<CalibrationRecord, 'recordHash'>): string {
  const dir = join(resultsDir, CALIBRATIONS_DIR);
  mkdirSync(dir, { recursive: true });
  const full: CalibrationRecord = { ...record, recordHash: calibrationRecordHash(record) };
  const file = join(dir, `${record.id}.json`);
  writeFileAtomic(file, `${JSON.stringify(full, null, 2)}\n`);
  return file;
}

/** A calibration record read back, or why it cannot be trusted (not one, or its hash does not match: edited). */
export function readCalibrationRecord(file: string): { record: CalibrationRecord } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { problem: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = CalibrationRecord.safeParse(parsed);
  if (!result.success) return { problem: `${file}: not a calibration record (${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message})` };
  if (calibrationRecordHash(result.data) !== result.data.recordHash) return { problem: `${file}: its recordHash does not match its content (edited after it was written)` };
  return { record: result.data };
}

/**
 * Finds, in `<resultsDir>/calibrations/`, the newest intact record of a rig's calibration with the same date
 * and checksum as the rig holds now; its path relative to the results folder (`calibrations/<id>.json`).
 */
export function calibrationRecordFinder(resultsDir: string): CalibrationRecordFinder {
  return (rigId, calibration) => {
    const dir = join(resultsDir, CALIBRATIONS_DIR);
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.startsWith(`${rigId}-`) && name.endsWith('.json'));
    } catch {
      return undefined;
    }
    for (const name of names.sort().reverse()) {
      const read = readCalibrationRecord(join(dir, name));
      if (!('record' in read)) continue;
      const { record } = read;
      const checksumMatches = calibration.checksum === null || calibration.checksum.stored === record.checksum;
      if (record.rig.id === rigId && record.calDate === calibration.calDate && checksumMatches) return `${CALIBRATIONS_DIR}/${name}`;
    }
    return undefined;
  };
}
