import type { Setting } from './commands-schema.js';
import { screamingSnake } from './case-names.js';
import type { NumericArgument } from './describe-ranges.js';

// Shared by the renderers of the firmware's command table (render-commands-c*.ts).

export type NumberSetting = Extract<Setting, { type: 'integer' | 'decimal' }>;
export type TextSetting = Extract<Setting, { type: 'text' }>;
export type NumberSpec = NumericArgument | NumberSetting;

/** One initialiser of a C table and its comment. */
export interface Row {
  init: string;
  note: string;
}

// ArgSpec.flags as command_check.h defines them (A_INTEGER, A_OR_ZERO, K_POOL, K_ARG,
// K_POOL_EXCLUSIVE); the generated source refuses to compile if the two ever differ.
// Bit 0 integer, bit 1 orZero, bits 2-3 min kind, bits 4-5 max kind, bits 6-7 default kind.
export const FLAG_INTEGER = 0x01;
export const FLAG_OR_ZERO = 0x02;
export const KIND_NONE = 0;
export const KIND_POOL = 1;
export const KIND_ARG = 2;
/** min only: a pool value the argument must be above (minExclusive). */
export const KIND_POOL_EXCLUSIVE = 3;

export function fail(where: string, message: string): never {
  throw new Error(`commands.yaml ${where}: ${message} (render-commands-c)`);
}

/** A C comment text: no comment terminator can appear. */
export const comment = (text: string): string => text.replace(/\*\//g, '*_/');

/** `0x0C`: a byte as the tables write it. */
export const hexByte = (value: number): string => `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;

/** The index macro of a setting: `SET_WATCHDOG_MS`. */
export const settingIndexMacro = (name: string): string => `SET_${screamingSnake(name)}`;

/** The prefix of a setting's bound macros: `SETTING_WATCHDOG_MS`. */
export const settingPrefix = (name: string): string => `SETTING_${screamingSnake(name)}`;

/** `case SET_X:` for each setting but the last, which is the switch's `default:`. */
export const settingCaseLabel = (settings: readonly Setting[], index: number): string =>
  index === settings.length - 1 ? '    default:' : `    case ${settingIndexMacro(settings[index]!.name)}:`;
