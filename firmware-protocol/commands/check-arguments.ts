import { ErrorCode } from '../generated/codes.js';
import type { ArgumentSpec } from './argument-spec.js';
import { findCommand } from './command-table.js';
import type { RigRanges } from './rig-ranges.js';
import { findSetting } from './settings-table.js';

export type ArgumentVerdict = { ok: true } | { ok: false; error: ErrorCode; detail: string };

// Arguments: decimal, optional `-`, at most 3 digits after the point, no exponent (PROTOCOL.md 2).
const ARGUMENT_DECIMAL = /^-?[0-9]+(\.[0-9]{1,3})?$/;

function parseArgument(spec: ArgumentSpec, text: string): number | string | null {
  if (spec.kind === 'text') return text;
  const value = ARGUMENT_DECIMAL.test(text) ? Number(text) : null;
  // `1.0` is a number equal to an integer, so the firmware takes it; `1.5` where an integer is expected is not.
  if (spec.kind === 'integer') return value !== null && Number.isSafeInteger(value) ? value : null;
  return value;
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

  const values: Array<number | string> = [];
  for (const [index, argSpec] of specs.entries()) {
    const value = parseArgument(argSpec, args[index] ?? '');
    if (value === null) return fail(ErrorCode.BAD_NUMBER, `${argSpec.name}: ${JSON.stringify(args[index])} is not a valid ${argSpec.kind} number`);
    values.push(value);
  }
  for (const [index, argSpec] of specs.entries()) {
    const earlier = values.slice(0, index).filter((v): v is number => typeof v === 'number');
    const value = values[index] ?? '';
    if (!argSpec.allows(value, rig, earlier)) return fail(ErrorCode.OUT_OF_RANGE, `${argSpec.name}: ${value} is outside ${argSpec.rangeText}`);
  }
  return { ok: true };
}
