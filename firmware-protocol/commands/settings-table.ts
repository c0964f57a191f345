import { LIMITS } from '../generated/codes.js';
import { between, type ArgumentSpec } from './argument-spec.js';

/** PROTOCOL.md 2.4. Names are matched exactly (camelCase), as SETTINGS prints them. */
export const SETTINGS: readonly ArgumentSpec[] = [
  {
    name: 'rigId', kind: 'text',
    allows: (value) => typeof value === 'string' && new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.rigIdMaxChars}}$`).test(value),
    rangeText: `1..${LIMITS.rigIdMaxChars} characters A-Z a-z 0-9 _ -`,
  },
  { name: 'watchdogMs', kind: 'integer', allows: between(LIMITS.watchdogMsMin, LIMITS.watchdogMsMax), rangeText: `${LIMITS.watchdogMsMin}..${LIMITS.watchdogMsMax} ms` },
  { name: 'slipLimitMm', kind: 'decimal', allows: between(0.01, 10), rangeText: '0.01..10 mm' },
  { name: 'tempLimitC', kind: 'decimal', allows: between(0, (rig) => rig.tempLimitC), rangeText: '0..thermo.tempLimitC °C' },
  // Raw HX711 counts are 24-bit signed; the setting is stored as a 32-bit long.
  { name: 'tareCounts', kind: 'integer', allows: between(-2147483648, 2147483647), rangeText: 'integer counts' },
  { name: 'countsPerN', kind: 'decimal', allows: (value) => typeof value === 'number' && value > 0, rangeText: '> 0 counts/N' },
  { name: 'calDate', kind: 'integer', allows: between(0, 99991231), rangeText: 'YYYYMMDD or 0' },
];

const byName = new Map(SETTINGS.map((s) => [s.name, s]));

export function findSetting(name: string): ArgumentSpec | undefined {
  return byName.get(name);
}
