import type { CodesFile } from './codes-schema.js';
import { CODES_SOURCE, bannerText } from './banner.js';

const q = (value: unknown): string => JSON.stringify(value);

/** The host module `firmware-protocol/generated/codes.ts`. */
export function renderCodesTs(codes: CodesFile): string {
  const lines: string[] = [];
  lines.push(`// ${bannerText(CODES_SOURCE)}`, '');

  lines.push('/** Protocol version and link speed; a host refuses a device whose major differs. */');
  lines.push(`export const PROTOCOL = { major: ${codes.protocol.major}, minor: ${codes.protocol.minor}, baud: ${codes.protocol.baud} } as const;`, '');

  lines.push('/** Limits of the wire format itself. */');
  lines.push('export const LIMITS = {');
  for (const [key, value] of Object.entries(codes.limits)) lines.push(`  ${key}: ${value},`);
  lines.push('} as const;', '');

  lines.push('/** Firmware states in table order; the firmware numbers them from 0 in this order. */');
  lines.push('export const STATES = [');
  for (const s of codes.states) lines.push(`  { name: ${q(s.name)}, text: ${q(s.text)} },`);
  lines.push('] as const;', '');
  lines.push(`export type StateName = ${codes.states.map((s) => q(s.name)).join(' | ')};`, '');

  lines.push('/** Reply errors (`error:N`). */');
  lines.push('export const ERRORS = [');
  for (const e of codes.errors) lines.push(`  { code: ${e.code}, name: ${q(e.name)}, text: ${q(e.text)} },`);
  lines.push('] as const;', '');

  lines.push('/** Alarms (`ALARM:N`); a latching alarm stops the rig until RESET. */');
  lines.push('export const ALARMS = [');
  for (const a of codes.alarms) lines.push(`  { code: ${a.code}, name: ${q(a.name)}, latching: ${a.latching}, text: ${q(a.text)} },`);
  lines.push('] as const;', '');

  lines.push('/** Error code by name: `ErrorCode.BUSY === 9`. */');
  lines.push('export const ErrorCode = {');
  for (const e of codes.errors) lines.push(`  ${e.name}: ${e.code},`);
  lines.push('} as const;');
  lines.push('export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];', '');

  lines.push('/** Alarm code by name: `AlarmCode.ESTOP === 1`. */');
  lines.push('export const AlarmCode = {');
  for (const a of codes.alarms) lines.push(`  ${a.name}: ${a.code},`);
  lines.push('} as const;');
  lines.push('export type AlarmCode = (typeof AlarmCode)[keyof typeof AlarmCode];', '');

  lines.push(
    '// Lookups take any number: a newer firmware (same major, higher minor) may send codes this host does not know.',
    'const errorByCode = new Map<number, (typeof ERRORS)[number]>(ERRORS.map((e) => [e.code, e]));',
    'const alarmByCode = new Map<number, (typeof ALARMS)[number]>(ALARMS.map((a) => [a.code, a]));',
    '',
    '/** Human text of an error code, or `unknown error 99`. */',
    'export function errorText(code: number): string {',
    '  return errorByCode.get(code)?.text ?? `unknown error ${code}`;',
    '}',
    '',
    '/** Name of an error code (`BUSY`), or `unknown error 99`. */',
    'export function errorName(code: number): string {',
    '  return errorByCode.get(code)?.name ?? `unknown error ${code}`;',
    '}',
    '',
    '/** Human text of an alarm code, or `unknown alarm 99`. */',
    'export function alarmText(code: number): string {',
    '  return alarmByCode.get(code)?.text ?? `unknown alarm ${code}`;',
    '}',
    '',
    '/** Name of an alarm code (`ESTOP`), or `unknown alarm 99`. */',
    'export function alarmName(code: number): string {',
    '  return alarmByCode.get(code)?.name ?? `unknown alarm ${code}`;',
    '}',
    '',
    '/** Whether an alarm latches; an unknown alarm is treated as latching, the safe assumption. */',
    'export function isLatchingAlarm(code: number): boolean {',
    '  return alarmByCode.get(code)?.latching ?? true;',
    '}',
  );
  return `${lines.join('\n')}\n`;
}
