import { ErrorCode } from '../generated/codes.js';
import type { ArgumentSpec } from './argument-spec.js';
import { findCommand } from './command-table.js';
import type { RigRanges } from './rig-ranges.js';
import { findSetting } from './settings-table.js';

export type ArgumentVerdict = { ok: true } | { ok: false; error: ErrorCode; detail: string };

// The firmware's number reader (protocol.cpp): optional `-`, digits with at most one `.` and at most 3
// digits after it, at least one digit in all (`.5` is a number, `5.` is not), no exponent (PROTOCOL.md 2).
const ARGUMENT_DECIMAL = /^-?(?=\.?[0-9])[0-9]*(\.[0-9]{1,3})?$/;
// More significant digits than this are out of range whatever the argument (leading zeros do not count).
const MAX_SIGNIFICANT_DIGITS = 9;

type Parsed = { ok: true; value: number | string } | { ok: false; error: ErrorCode };

function parseArgument(spec: ArgumentSpec, text: string): Parsed {
  if (spec.kind === 'text') return { ok: true, value: text };
  if (!ARGUMENT_DECIMAL.test(text)) return { ok: false, error: ErrorCode.BAD_NUMBER };
  if (text.replace(/[-.]/g, '').replace(/^0+/, '').length > MAX_SIGNIFICANT_DIGITS) return { ok: false, error: ErrorCode.OUT_OF_RANGE };
  return { ok: true, value: Number(text) };
}

function fail(error: ErrorCode, detail: string): ArgumentVerdict {
  return { ok: false, error, detail };
}

/**
 * The firmware's checks after the envelope, in the order PROTOCOL.md 2.2 gives: command name, argument
 * count, every argument a number, every number in range. State (alarms, interlocks, busy) is not modelled.
 */
export function checkArguments(command: string, args: readonly string[], rig: RigRanges): ArgumentVerdict {
  const spec = findCommand(command);
  if (!spec) return fail(ErrorCode.UNKNOWN_COMMAND, `unknown command ${JSON.stringify(command)}`);
  const required = spec.args.filter((a) => !a.optional).length;
  if (args.length < required) return fail(ErrorCode.MISSING_ARGUMENT, `${spec.name} needs ${required} argument(s), got ${args.length}`);
  if (args.length > spec.args.length) return fail(ErrorCode.TOO_MANY_ARGUMENTS, `${spec.name} takes at most ${spec.args.length} argument(s), got ${args.length}`);

  let specs = spec.args.slice(0, args.length);
  if (spec.name === 'SET') {
    const setting = findSetting(args[0] ?? '');
    if (!setting) return fail(ErrorCode.UNKNOWN_SETTING, `unknown setting ${JSON.stringify(args[0])}`);
    specs = [setting];
    args = args.slice(1);
  }

  // As the firmware: every argument read as a number first (in order), then whole numbers checked, then ranges.
  const values: Array<number | string> = [];
  for (const [index, argSpec] of specs.entries()) {
    const parsed = parseArgument(argSpec, args[index] ?? '');
    if (!parsed.ok) {
      const what = parsed.error === ErrorCode.BAD_NUMBER ? `is not a valid ${argSpec.kind} number` : `has more than ${MAX_SIGNIFICANT_DIGITS} significant digits`;
      return fail(parsed.error, `${argSpec.name}: ${JSON.stringify(args[index])} ${what}`);
    }
    values.push(parsed.value);
  }
  for (const [index, argSpec] of specs.entries()) {
    // `1.0` is a whole number, so the firmware takes it; `1.5` where an integer is expected is not.
    if (argSpec.kind === 'integer' && !Number.isInteger(values[index])) {
      return fail(ErrorCode.BAD_NUMBER, `${argSpec.name}: ${JSON.stringify(args[index])} is not a valid integer number`);
    }
  }
  for (const [index, argSpec] of specs.entries()) {
    const earlier = values.slice(0, index).filter((v): v is number => typeof v === 'number');
    const value = values[index] ?? '';
    if (!argSpec.allows(value, rig, earlier)) return fail(ErrorCode.OUT_OF_RANGE, `${argSpec.name}: ${value} is outside ${argSpec.rangeText}`);
  }
  return { ok: true };
}
