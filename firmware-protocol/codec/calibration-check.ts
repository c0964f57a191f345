import { crc16 } from './crc16.js';

/**
 * The setting `calCheck` (protocol 2.2): CRC-16 of the calibration values as SETTINGS prints them,
 * `countsPerN=8388.608;calDate=20261101`. The host computes it when it calibrates and again from every
 * SETTINGS reply; a SPAN or a SET of either value since then gives another number. tareCounts is left out
 * on purpose: a TARE is routine at shift start and must not invalidate the calibration.
 */
export function calibrationCheck(values: { countsPerN: number | string; calDate: number | string }): number {
  const countsPerN = typeof values.countsPerN === 'number' ? values.countsPerN.toFixed(3) : values.countsPerN;
  return crc16(`countsPerN=${countsPerN};calDate=${String(values.calDate)}`);
}
