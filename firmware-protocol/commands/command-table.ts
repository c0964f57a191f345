import { LIMITS } from '../generated/codes.js';
import { between, type ArgumentSpec } from './argument-spec.js';

export interface CommandSpec {
  name: string;
  /** PROTOCOL.md 2.1: immediate replies at once, short replies when finished, long replies `ok` and ends with DONE. */
  duration: 'immediate' | 'short' | 'long';
  /** PROTOCOL.md 1.2: a state-changing request is retried with the SAME id (runs at most once), a read with a new one. */
  changesState: boolean;
  args: readonly ArgumentSpec[];
}

const none: readonly ArgumentSpec[] = [];

/** PROTOCOL.md 2.3, the command table. SET is listed with text arguments; its value is checked against the settings table. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: 'PING', duration: 'immediate', changesState: false, args: none },
  { name: 'INFO', duration: 'immediate', changesState: false, args: none },
  { name: 'STATUS', duration: 'immediate', changesState: false, args: none },
  {
    name: 'POLE', duration: 'immediate', changesState: true,
    args: [{ name: 'pole', kind: 'integer', allows: between(0, (rig) => rig.poles), rangeText: '0..poles' }],
  },
  {
    name: 'VDROP', duration: 'short', changesState: false,
    args: [
      { name: 'pole', kind: 'integer', allows: between(1, (rig) => rig.poles), rangeText: '1..poles' },
      { name: 'currentA', kind: 'decimal', allows: between(0.1, (rig) => rig.maxTestCurrentA), rangeText: '0.1..maxTestCurrentA A' },
      { name: 'samples', kind: 'integer', optional: true, allows: between(1, LIMITS.vdropSamplesMax), rangeText: `1..${LIMITS.vdropSamplesMax}` },
    ],
  },
  {
    name: 'ISO', duration: 'short', changesState: false,
    args: [{ name: 'poles', kind: 'integer', allows: between(1, (rig) => rig.poles), rangeText: '1..poles' }],
  },
  {
    name: 'PULL', duration: 'long', changesState: true,
    args: [
      { name: 'targetN', kind: 'decimal', allows: between(1, (rig) => rig.forceCapN), rangeText: '1..forceCapN N' },
      { name: 'rateNps', kind: 'decimal', allows: between(LIMITS.pullRateNpsMin, LIMITS.pullRateNpsMax), rangeText: `${LIMITS.pullRateNpsMin}..${LIMITS.pullRateNpsMax} N/s` },
      { name: 'holdMs', kind: 'integer', allows: between(0, LIMITS.pullHoldMsMax), rangeText: `0..${LIMITS.pullHoldMsMax} ms` },
      { name: 'preloadN', kind: 'decimal', optional: true, allows: between(0.1, (_rig, earlier) => earlier[0] ?? 0), rangeText: '0.1..targetN N' },
      { name: 'approachMmps', kind: 'decimal', optional: true, allows: between(0.01, (rig) => rig.maxSpeedMmps), rangeText: '0.01..maxSpeedMmps mm/s' },
    ],
  },
  { name: 'HOME', duration: 'long', changesState: true, args: none },
  {
    name: 'HEAT', duration: 'immediate', changesState: true,
    args: [{
      name: 'currentA', kind: 'decimal',
      allows: (value, rig, earlier) => value === 0 || between(0.1, rig.maxTestCurrentA)(value, rig, earlier),
      rangeText: '0 or 0.1..maxTestCurrentA A',
    }],
  },
  { name: 'TEMP', duration: 'immediate', changesState: false, args: none },
  { name: 'TARE', duration: 'short', changesState: true, args: none },
  {
    name: 'SPAN', duration: 'short', changesState: true,
    args: [{ name: 'knownN', kind: 'decimal', allows: between(1, (rig) => rig.capacityN), rangeText: '1..capacityN N' }],
  },
  {
    name: 'SET', duration: 'immediate', changesState: true,
    args: [
      { name: 'name', kind: 'text', allows: () => true, rangeText: 'a setting name' },
      { name: 'value', kind: 'text', allows: () => true, rangeText: 'see the settings table' },
    ],
  },
  { name: 'SETTINGS', duration: 'immediate', changesState: false, args: none },
  { name: 'RESET', duration: 'immediate', changesState: true, args: none },
  { name: 'HELP', duration: 'immediate', changesState: false, args: none },
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** Commands are case-insensitive on the wire. */
export function findCommand(name: string): CommandSpec | undefined {
  return byName.get(name.toUpperCase());
}
