import { LIMITS } from '../generated/codes.js';
import { between, type ArgumentSpec } from './argument-spec.js';

/** PROTOCOL.md 2.4. Names are matched case-insensitively, like commands; SETTINGS prints them in camelCase. */
export const SETTINGS: readonly ArgumentSpec[] = [
  {
    name: 'rigId', kind: 'text',
    allows: (value) => typeof value === 'string' && new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.rigIdMaxChars}}$`).test(value),
    rangeText: `1..${LIMITS.rigIdMaxChars} characters A-Z a-z 0-9 _ -`,
  },
  { name: 'watchdogMs', kind: 'integer', allows: between(LIMITS.watchdogMsMin, LIMITS.watchdogMsMax), rangeText: `${LIMITS.watchdogMsMin}..${LIMITS.watchdogMsMax} ms` },
  { name: 'slipLimitMm', kind: 'decimal', allows: between(0.01, 10), rangeText: '0.01..10 mm' },
  { name: 'tempLimitC', kind: 'decimal', allows: between(0, (rig) => rig.tempLimitC), rangeText: '0..thermo.tempLimitC °C' },
  // Raw HX711 counts are 24-bit signed.
  { name: 'tareCounts', kind: 'integer', allows: between(-8388608, 8388607), rangeText: '-8388608..8388607 counts' },
  { name: 'countsPerN', kind: 'decimal', allows: (value) => typeof value === 'number' && value > 0, rangeText: '> 0 counts/N' },
  {
    name: 'calDate', kind: 'integer',
    allows: (value) => value === 0 || (typeof value === 'number' && value >= 19000101 && value <= 99991231),
    rangeText: '0 or YYYYMMDD 19000101..99991231',
  },
];

const byName = new Map(SETTINGS.map((s) => [s.name.toLowerCase(), s]));

export function findSetting(name: string): ArgumentSpec | undefined {
  return byName.get(name.toLowerCase());
}
