import type { CodesFile } from './codes-schema.js';
import type { Argument, Command, CommandsFile, Setting } from './commands-schema.js';
import { COMMANDS_SOURCE, bannerText } from './banner.js';
import { commandValueName } from './case-names.js';
import { isNumericArgument, isOptional, rangeText } from './describe-ranges.js';
import { LOOKUPS, SPEC_TYPES } from './render-commands-ts-fixed.js';
import { replyReaders } from './render-commands-ts-replies.js';

// The host module `firmware-protocol/generated/commands.ts` from commands.yaml. The pieces:
//   render-commands-ts.ts          the tables (rig values, interlocks, commands, settings, limits) and request builders
//   render-commands-ts-fixed.ts    the spec types and lookups, the same for every commands.yaml
//   render-commands-ts-replies.ts  zod schemas and readers of the key=value replies

const q = (value: unknown): string => JSON.stringify(value);

function argumentData(arg: Argument): string {
  if (!isNumericArgument(arg)) {
    return `{ name: ${q(arg.name)}, type: ${q(arg.type)}, optional: false, unit: '', rangeText: ${q(arg.type === 'setting' ? 'a setting name' : 'see the settings table')} }`;
  }
  const fields = [`name: ${q(arg.name)}`, `type: ${q(arg.type)}`];
  if (arg.min !== undefined) fields.push(`min: ${q(arg.min)}`);
  if (arg.minExclusive !== undefined) fields.push(`minExclusive: ${arg.minExclusive}`);
  if (arg.max !== undefined) fields.push(`max: ${q(arg.max)}`);
  fields.push(`orZero: ${arg.orZero}`, `optional: ${isOptional(arg)}`);
  if (arg.default !== undefined) fields.push(`default: ${q(arg.default)}`);
  fields.push(`unit: ${q(arg.unit)}`, `rangeText: ${q(rangeText(arg))}`);
  return `{ ${fields.join(', ')} }`;
}

/** A setting default as the host needs it: the rig file's path without the firmware's macro name. */
function settingDefault(value: Setting['default']): unknown {
  return typeof value === 'object' && 'rigFile' in value ? { rigFile: value.rigFile } : value;
}

function rigValueNames(file: CommandsFile): string[] {
  return [
    '/** Rig figures that bound arguments; INFO reports each under this name. */',
    `export const RIG_VALUE_NAMES = [${file.rigValues.map((r) => q(r.name)).join(', ')}] as const;`,
    'export type RigValueName = (typeof RIG_VALUE_NAMES)[number];',
    'export type RigValues = Readonly<Record<RigValueName, number>>;',
    '',
  ];
}

function interlocks(file: CommandsFile, codes: CodesFile): string[] {
  const errorCode = (name: string) => codes.errors.find((e) => e.name === name)?.code;
  return [
    '/** Interlocks: the error each answers. */',
    'export const INTERLOCKS = {',
    ...file.interlocks.map((i) => `  ${i.name}: { error: ${errorCode(i.error)}, text: ${q(i.text)} },`),
    '} as const;',
    '',
  ];
}

function commandData(c: Command): string[] {
  const gates = c.gates.map((g) => (typeof g === 'string' ? g : g.name));
  const replyKeys = Array.isArray(c.reply) ? `[${c.reply.map((f) => q(f.key)).join(', ')}]` : q(c.reply);
  return [
    `  {`,
    `    name: ${q(c.name)}, kind: ${q(c.kind)}, changesState: ${c.changesState}, keepAlive: ${c.keepAlive},`,
    `    gates: [${gates.map(q).join(', ')}],`,
    `    args: [${c.args.map(argumentData).join(', ')}],`,
    `    replyKeys: ${replyKeys},`,
    `  },`,
  ];
}

function commandTable(file: CommandsFile): string[] {
  return [
    '/** Every command, in the order HELP lists them. */',
    'export const COMMANDS = [',
    ...file.commands.flatMap(commandData),
    '] as const satisfies readonly CommandSpec[];',
    'export type CommandName = (typeof COMMANDS)[number][\'name\'];',
    '',
  ];
}

function settingData(s: Setting): string {
  if (s.type === 'text') {
    return `  { name: ${q(s.name)}, type: 'text', chars: ${q(s.chars)}, minChars: ${s.minChars}, maxChars: ${s.maxChars}, default: ${q(settingDefault(s.default))}, rangeText: ${q(rangeText(s))} },`;
  }
  const fields = [`name: ${q(s.name)}`, `type: ${q(s.type)}`];
  if (s.min !== undefined) fields.push(`min: ${q(s.min)}`);
  if (s.minExclusive !== undefined) fields.push(`minExclusive: ${s.minExclusive}`);
  if (s.max !== undefined) fields.push(`max: ${q(s.max)}`);
  fields.push(`orZero: ${s.orZero}`, 'optional: false', `default: ${q(settingDefault(s.default))}`, `unit: ${q(s.unit)}`, `rangeText: ${q(rangeText(s))}`);
  return `  { ${fields.join(', ')} },`;
}

function settingTable(file: CommandsFile): string[] {
  return [
    '/** Settings, in the order SETTINGS lists them. */',
    'export const SETTINGS = [',
    ...file.settings.map(settingData),
    '] as const satisfies readonly SettingSpec[];',
    "export type SettingName = (typeof SETTINGS)[number]['name'];",
    '',
  ];
}

/** `{ min: 1, max: 64 }`: the bounds and default of a spec that are numbers (not rig figures or arguments). */
function constantBounds(spec: Record<string, unknown>): string {
  const parts = ['min', 'max', 'default'].filter((k) => typeof spec[k] === 'number').map((k) => `${k}: ${spec[k] as number}`);
  return `{ ${parts.join(', ')} }`;
}

function limitTables(file: CommandsFile): string[] {
  const argLimits = file.commands.flatMap((c) => {
    const numeric = c.args.filter(isNumericArgument);
    return numeric.length === 0 ? [] : [`  ${c.name}: { ${numeric.map((a) => `${a.name}: ${constantBounds(a)}`).join(', ')} },`];
  });
  return [
    '/** The constant bounds and defaults of numeric arguments: `ARG_LIMITS.VDROP.samples.max`. */',
    'export const ARG_LIMITS = {',
    ...argLimits,
    '} as const;',
    '',
    '/** The constant bounds and defaults of settings: `SETTING_LIMITS.watchdogMs.default`. */',
    'export const SETTING_LIMITS = {',
    ...file.settings.map((s) => `  ${s.name}: ${s.type === 'text' ? `{ minChars: ${s.minChars}, maxChars: ${s.maxChars} }` : constantBounds(s)},`),
    '} as const;',
    '',
  ];
}

function builder(command: Command): string[] {
  const fn = commandValueName(command.name);
  if (command.name === 'SET') {
    return [
      `  /** \`SET <name> <value>\` */`,
      `  ${fn}: (name: SettingName, value: string | number): Request => [${q(command.name)}, [name, value]],`,
    ];
  }
  if (command.args.length === 0) return [`  ${fn}: (): Request => [${q(command.name)}, []],`];
  const fields = command.args.map((a) => `${a.name}${isOptional(a) ? '?' : ''}: number`).join('; ');
  return [
    `  /** \`${command.name} ${command.args.map((a) => (isOptional(a) ? `[${a.name}]` : `<${a.name}>`)).join(' ')}\` */`,
    `  ${fn}: (a: { ${fields} }): Request => [${q(command.name)}, present(${q(command.name)}, [${command.args.map((a) => `a.${a.name}`).join(', ')}])],`,
  ];
}

function requestBuilders(file: CommandsFile): string[] {
  return [
    '/** Request builders, one per command: `client.request(...requests.vdrop({ pole: 1, currentA: 5.7 }))`. */',
    'export const requests = {',
    ...file.commands.flatMap(builder),
    '} as const;',
    '',
  ];
}

/** The host module `firmware-protocol/generated/commands.ts`. */
export function renderCommandsTs(file: CommandsFile, codes: CodesFile): string {
  const lines = [
    `// ${bannerText(COMMANDS_SOURCE)}`,
    '',
    ...SPEC_TYPES,
    ...rigValueNames(file),
    ...interlocks(file, codes),
    ...commandTable(file),
    ...settingTable(file),
    ...limitTables(file),
    ...LOOKUPS,
    ...requestBuilders(file),
    ...replyReaders(file),
  ];
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
