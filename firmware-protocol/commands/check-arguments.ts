import { ErrorCode } from '../generated/codes.js';
import { findCommand, findSetting, isNumberArgument, type Bound, type RigValues, type SettingSpec } from '../generated/commands.js';

export type ArgumentVerdict = { ok: true } | { ok: false; error: ErrorCode; detail: string };

// The firmware's number reader: optional `-`, digits with at most one `.` and at most 3 digits after it,
// at least one digit in all (`.5` is a number, `5.` is not), no exponent (PROTOCOL.md 2).
const ARGUMENT_DECIMAL = /^-?(?=\.?[0-9])[0-9]*(\.[0-9]{1,3})?$/;
// More significant digits than this are out of range whatever the argument (leading zeros do not count).
const MAX_SIGNIFICANT_DIGITS = 9;

/** What an argument or a setting value is checked against: the numeric part of a spec. */
interface NumericCheck {
  name: string;
  type: 'integer' | 'decimal';
  min?: Bound;
  minExclusive?: number;
  max?: Bound;
  orZero: boolean;
  rangeText: string;
}

function fail(error: ErrorCode, detail: string): ArgumentVerdict {
  return { ok: false, error, detail };
}

function boundValue(bound: Bound, rig: RigValues, earlier: ReadonlyMap<string, number>): number {
  if (typeof bound === 'number') return bound;
  if ('rig' in bound) return rig[bound.rig];
  return earlier.get(bound.arg) ?? Number.NaN;
}

function inRange(check: NumericCheck, value: number, rig: RigValues, earlier: ReadonlyMap<string, number>): boolean {
  if (check.orZero && value === 0) return true;
  if (check.minExclusive !== undefined && !(value > check.minExclusive)) return false;
  if (check.min !== undefined && !(value >= boundValue(check.min, rig, earlier))) return false;
  if (check.max !== undefined && !(value <= boundValue(check.max, rig, earlier))) return false;
  return true;
}

function checkText(setting: Extract<SettingSpec, { type: 'text' }>, text: string): ArgumentVerdict {
  const allowed = new RegExp(`^[${setting.chars}]{${setting.minChars},${setting.maxChars}}$`);
  return allowed.test(text) ? { ok: true } : fail(ErrorCode.OUT_OF_RANGE, `${setting.name}: ${JSON.stringify(text)} is outside ${setting.rangeText}`);
}

/** The firmware's checks of numbers in order: all read as numbers, then whole numbers, then ranges (PROTOCOL.md 2). */
function checkNumbers(checks: readonly NumericCheck[], texts: readonly string[], rig: RigValues): ArgumentVerdict {
  const values: number[] = [];
  for (const [index, check] of checks.entries()) {
    const text = texts[index] ?? '';
    if (!ARGUMENT_DECIMAL.test(text)) return fail(ErrorCode.BAD_NUMBER, `${check.name}: ${JSON.stringify(text)} is not a valid ${check.type} number`);
    if (text.replace(/[-.]/g, '').replace(/^0+/, '').length > MAX_SIGNIFICANT_DIGITS) {
      return fail(ErrorCode.OUT_OF_RANGE, `${check.name}: ${JSON.stringify(text)} has more than ${MAX_SIGNIFICANT_DIGITS} significant digits`);
    }
    values.push(Number(text));
  }
  for (const [index, check] of checks.entries()) {
    // `1.0` is a whole number, so the firmware takes it; `1.5` where an integer is expected is not.
    if (check.type === 'integer' && !Number.isInteger(values[index])) return fail(ErrorCode.BAD_NUMBER, `${check.name}: ${JSON.stringify(texts[index])} is not a valid integer number`);
  }
  const earlier = new Map<string, number>();
  for (const [index, check] of checks.entries()) {
    const value = values[index] ?? Number.NaN;
    if (!inRange(check, value, rig, earlier)) return fail(ErrorCode.OUT_OF_RANGE, `${check.name}: ${value} is outside ${check.rangeText}`);
    earlier.set(check.name, value);
  }
  return { ok: true };
}

/**
 * The firmware's checks after the envelope, in the order PROTOCOL.md 2 gives: command name, argument count,
 * every argument a number, whole where it must be, every number in range. Interlocks (state) are not modelled.
 */
export function checkArguments(command: string, args: readonly string[], rig: RigValues): ArgumentVerdict {
  const spec = findCommand(command);
  if (!spec) return fail(ErrorCode.UNKNOWN_COMMAND, `unknown command ${JSON.stringify(command)}`);
  const required = spec.args.filter((a) => !a.optional).length;
  if (args.length < required) return fail(ErrorCode.MISSING_ARGUMENT, `${spec.name} needs ${required} argument(s), got ${args.length}`);
  if (args.length > spec.args.length) return fail(ErrorCode.TOO_MANY_ARGUMENTS, `${spec.name} takes at most ${spec.args.length} argument(s), got ${args.length}`);
  if (spec.name === 'SET') {
    const setting = findSetting(args[0] ?? '');
    if (!setting) return fail(ErrorCode.UNKNOWN_SETTING, `unknown setting ${JSON.stringify(args[0])}`);
    if (setting.type === 'text') return checkText(setting, args[1] ?? '');
    return checkNumbers([setting], args.slice(1), rig);
  }
  return checkNumbers(spec.args.slice(0, args.length).filter(isNumberArgument), args, rig);
}
