import type { Argument, Bound, Command, Setting } from './commands-schema.js';

export type NumericArgument = Exclude<Argument, { type: 'setting' | 'settingValue' }>;

export function isNumericArgument(arg: Argument): arg is NumericArgument {
  return arg.type === 'integer' || arg.type === 'decimal';
}
type NumericSetting = Exclude<Setting, { type: 'text' }>;

/** `5`, `poles`, `targetN`: a bound as a client reads it (rig figures by their INFO key). */
export function boundText(bound: Bound | { rigFile: string }): string {
  if (typeof bound === 'number') return String(bound);
  if ('rig' in bound) return bound.rig;
  if ('arg' in bound) return bound.arg;
  return `rig file ${bound.rigFile}`;
}

/** `1..poles`, `0 or 0.1..maxCurrentA`, `> 0`, `1..15 characters A-Za-z0-9_-` (units not included). */
export function rangeText(spec: NumericArgument | Setting): string {
  if (spec.type === 'text') return `${spec.minChars}..${spec.maxChars} characters ${spec.chars}`;
  const parts: string[] = [];
  if (spec.minExclusive !== undefined) parts.push(`> ${spec.minExclusive}`);
  if (spec.min !== undefined && spec.max !== undefined) parts.push(`${boundText(spec.min)}..${boundText(spec.max)}`);
  else if (spec.min !== undefined) parts.push(`≥ ${boundText(spec.min)}`);
  else if (spec.max !== undefined) parts.push(`≤ ${boundText(spec.max)}`);
  const range = parts.join(', ') || 'any';
  return spec.orZero ? `0 or ${range}` : range;
}

/** Arguments of a command in its spelling: `<pole> <currentA> [samples]`. */
export function usageText(command: Command): string {
  return [command.name, ...command.args.map((a) => ('default' in a && a.default !== undefined ? `[${a.name}]` : `<${a.name}>`))].join(' ');
}

/** Whether an argument may be left out. */
export function isOptional(arg: Argument): boolean {
  return 'default' in arg && arg.default !== undefined;
}

export function gateNames(command: Command): string[] {
  return command.gates.map((g) => (typeof g === 'string' ? g : `${g.name} (unless ${g.unlessZero} is 0)`));
}
