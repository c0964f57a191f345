import { calibrationCheck } from '../../../firmware-protocol/codec/calibration-check.js';
import { crc16 } from '../../../firmware-protocol/codec/crc16.js';
import { SETTINGS } from '../../../firmware-protocol/generated/commands.js';
import { rigValuesOf, type RigDefinition } from '../rig-definition.js';

/**
 * Calibration date of the simulated rig: it leaves the factory calibrated, as a rig on a bench is. The date
 * is the first day of the current month (UTC), so the simulated rig's factory calibration is never older than
 * 31 days and stays valid for any calibration interval of a month or more (rig.yaml calibration.intervalDays),
 * whatever day the simulator runs. Pass `calDate: 0` to the simulator for a rig that was never calibrated
 * (the firmware then refuses PULL).
 */
export const FACTORY_CAL_DATE = firstOfMonth(new Date());

/** YYYYMMDD of the first day of `now`'s month (UTC). */
function firstOfMonth(now: Date): number {
  return now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + 1;
}

/** The firmware's settings block (settings.cpp): magic byte, settings version, the values, CRC-16 of the values. */
const BLOCK_MAGIC = 0xcb;
const BLOCK_VERSION = 2;

export type SettingValues = Record<(typeof SETTINGS)[number]['name'], number | string>;

/** A value of the rig file by its path (`loadCell.defaultTareCounts`). */
function rigFileValue(rig: RigDefinition, path: string): number | string {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], rig);
  if (typeof value !== 'number' && typeof value !== 'string') throw new Error(`rig file has no value at ${path} (a setting default in commands.yaml)`);
  return value;
}

/** What a freshly flashed firmware stores (the defaults of commands.yaml, some from the rig file), with a calibration date and its checksum. */
export function factorySettings(rig: RigDefinition, calDate: number): SettingValues {
  const figures = rigValuesOf(rig);
  const values = Object.fromEntries(
    SETTINGS.map((setting) => {
      const d = setting.default;
      return [setting.name, typeof d === 'number' ? d : 'rig' in d ? figures[d.rig] : rigFileValue(rig, d.rigFile)];
    }),
  ) as SettingValues;
  // A calibrated factory rig carries the checksum of its calibration; a never calibrated one none.
  const calCheck = calDate === 0 ? 0 : calibrationCheck({ countsPerN: Number(values.countsPerN), calDate });
  return { ...values, calDate, calCheck };
}

/**
 * The settings packed as the firmware's `Settings` struct (AVR: packed, little-endian), in commands.yaml
 * order: text as maxChars + 1 bytes, zero-padded; an integer that is never negative and fits 16 bits as
 * uint16, one never negative as uint32, any other as int32; a decimal as a 32-bit float.
 * test/firmware/factory-settings.test.ts boots the firmware on it, so a change of layout fails there.
 */
function packValues(values: SettingValues): Uint8Array {
  const bytes: number[] = [];
  const view = new DataView(new ArrayBuffer(4));
  const push = (count: number) => bytes.push(...new Uint8Array(view.buffer, 0, count));
  for (const setting of SETTINGS) {
    const value = values[setting.name];
    if (setting.type === 'text') {
      const text = String(value);
      for (let i = 0; i <= setting.maxChars; i++) bytes.push(i < text.length ? text.charCodeAt(i) : 0);
    } else if (setting.type === 'decimal') {
      view.setFloat32(0, Number(value), true);
      push(4);
    } else {
      const min = typeof setting.min === 'number' ? setting.min : -Infinity;
      const max = typeof setting.max === 'number' ? setting.max : Infinity;
      const unsigned = min >= 0 || setting.orZero;
      if (unsigned && max <= 0xffff) {
        view.setUint16(0, Number(value), true);
        push(2);
      } else if (unsigned) {
        view.setUint32(0, Number(value), true);
        push(4);
      } else {
        view.setInt32(0, Number(value), true);
        push(4);
      }
    }
  }
  return Uint8Array.from(bytes);
}

/** The EEPROM bytes of a settings block holding `values`, from address 0. */
export function settingsBlock(values: SettingValues): Uint8Array {
  const packed = packValues(values);
  const crc = crc16(String.fromCharCode(...packed));
  return Uint8Array.from([BLOCK_MAGIC, BLOCK_VERSION, ...packed, crc & 0xff, crc >> 8]);
}
