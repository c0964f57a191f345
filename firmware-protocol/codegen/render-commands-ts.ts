import type { CodesFile } from './codes-schema.js';
import type { Argument, Command, CommandsFile, ReplyField, Setting } from './commands-schema.js';
import { COMMANDS_SOURCE, bannerText } from './banner.js';
import { isNumericArgument, isOptional, rangeText } from './describe-ranges.js';

const q = (value: unknown): string => JSON.stringify(value);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
const camel = (name: string): string => name.toLowerCase();

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

/** The host's name for a reply key. */
const hostName = (field: ReplyField): string => field.name ?? field.key;

function zodFor(field: ReplyField): string[] {
  const name = hostName(field);
  const optional = field.since === undefined ? '' : '.optional()';
  switch (field.type) {
    case 'integer': return [`${name}: z.number().int()${optional}`];
    case 'decimal': return [`${name}: z.number()${optional}`];
    case 'text': return [`${name}: z.string().min(1)${optional}`];
    case 'version': return [`${name}Major: z.number().int().min(0)${optional}`, `${name}Minor: z.number().int().min(0)${optional}`];
    case 'textList': return [`${name}: z.array(z.string().min(1))${optional}`];
    case 'integerList': return [`${name}: z.array(z.number().int().min(0)).min(1)${optional}`];
    case 'pairList': return [`${name}: z.array(z.tuple([z.number().int().min(1), z.number().int().min(1)]))${optional}`];
  }
}

function readerFor(field: ReplyField): string[] {
  const name = hostName(field);
  const raw = `f[${q(field.key)}]`;
  // Absent stays undefined (the schema decides whether that is allowed); present but malformed fails the schema.
  const present = (expression: string) => `${raw} === undefined ? undefined : ${expression}`;
  switch (field.type) {
    case 'integer': return [`${name}: ${present(`parseInteger(${raw})`)}`];
    case 'decimal': return [`${name}: ${present(`parseDecimal(${raw})`)}`];
    case 'text': return [`${name}: ${raw}`];
    case 'version': return [`${name}Major: ${present(`versionPart(${raw}, 1)`)}`, `${name}Minor: ${present(`versionPart(${raw}, 2)`)}`];
    case 'textList': return [`${name}: ${present(`${raw}.split(',')`)}`];
    case 'integerList': return [`${name}: ${present(`integerList(${raw})`)}`];
    case 'pairList': return [`${name}: ${present(`pairList(${raw})`)}`];
  }
}

function replyModule(command: Command): string[] {
  if (!Array.isArray(command.reply) || command.reply.length === 0) return [];
  const type = `${pascal(command.name)}Reply`;
  const example = `ok ${command.reply.map((f) => `${f.key}=…`).join(' ')}`;
  return [
    `/** \`${example}\` (${command.name}); unknown keys are ignored. */`,
    `export const ${type} = z.object({`,
    ...command.reply.flatMap(zodFor).map((line) => `  ${line},`),
    '});',
    `export type ${type} = z.infer<typeof ${type}>;`,
    '',
    `/** Typed ${command.name} reply from its wire fields, or null when a required key is missing or malformed. */`,
    `export function ${camel(command.name)}ReplyFromFields(f: Fields): ${type} | null {`,
    `  const r = ${type}.safeParse({`,
    ...command.reply.flatMap(readerFor).map((line) => `    ${line},`),
    '  });',
    '  return r.success ? r.data : null;',
    '}',
    '',
  ];
}

function builder(command: Command): string[] {
  const fn = camel(command.name);
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

/** The host module `firmware-protocol/generated/commands.ts`. */
export function renderCommandsTs(file: CommandsFile, codes: CodesFile): string {
  const errorCode = (name: string) => codes.errors.find((e) => e.name === name)?.code;
  const lines: string[] = [`// ${bannerText(COMMANDS_SOURCE)}`, ''];
  lines.push(
    "import { z } from 'zod';",
    "import type { Fields } from '../codec/fields.js';",
    "import { parseDecimal, parseInteger } from '../codec/numbers.js';",
    '',
    '/** A bound or default: a number, a rig figure (reported by LIMITS under that name; poles by INFO) or an earlier argument. */',
    'export type Bound = number | { readonly rig: RigValueName } | { readonly arg: string };',
    '',
    'export interface NumberArgumentSpec {',
    '  readonly name: string;',
    "  readonly type: 'integer' | 'decimal';",
    '  readonly min?: Bound;',
    '  readonly minExclusive?: number;',
    '  readonly max?: Bound;',
    '  /** 0 is allowed besides the range. */',
    '  readonly orZero: boolean;',
    '  readonly optional: boolean;',
    '  readonly default?: Bound;',
    '  readonly unit: string;',
    '  /** What is allowed, for messages: `1..poles`. */',
    '  readonly rangeText: string;',
    '}',
    '',
    "export interface WordArgumentSpec { readonly name: string; readonly type: 'setting' | 'settingValue'; readonly optional: false; readonly unit: ''; readonly rangeText: string }",
    'export type ArgumentSpec = NumberArgumentSpec | WordArgumentSpec;',
    '',
    '/** A setting\'s default: a number, a rig figure, or a value of the rig file (`loadCell.defaultTareCounts`). */',
    'export type SettingDefault = number | { readonly rig: RigValueName } | { readonly rigFile: string };',
    'export interface TextSettingSpec { readonly name: string; readonly type: \'text\'; readonly chars: string; readonly minChars: number; readonly maxChars: number; readonly default: SettingDefault; readonly rangeText: string }',
    'export type SettingSpec = TextSettingSpec | (Omit<NumberArgumentSpec, \'default\' | \'optional\'> & { readonly optional: false; readonly default: SettingDefault });',
    '',
    'export interface CommandSpec {',
    '  readonly name: string;',
    '  /** immediate: replies at once; short: replies when done; long: `ok` when accepted, then DONE. */',
    "  readonly kind: 'immediate' | 'short' | 'long';",
    '  /** A retry reuses the id (the firmware runs it at most once); a read is retried with a new id. */',
    '  readonly changesState: boolean;',
    '  /** The host-silence watchdog runs while it is active: send a line at least every watchdogMs / 2. */',
    '  readonly keepAlive: boolean;',
    '  /** Interlocks in the order the firmware checks them. */',
    '  readonly gates: readonly string[];',
    '  readonly args: readonly ArgumentSpec[];',
    '  /** Wire keys of the `ok` reply, or the shape defined elsewhere in the spec. */',
    "  readonly replyKeys: readonly string[] | 'status' | 'setting' | 'settings';",
    '}',
    '',
  );

  lines.push('/** Rig figures that bound arguments; INFO reports each under this name. */');
  lines.push(`export const RIG_VALUE_NAMES = [${file.rigValues.map((r) => q(r.name)).join(', ')}] as const;`);
  lines.push('export type RigValueName = (typeof RIG_VALUE_NAMES)[number];');
  lines.push('export type RigValues = Readonly<Record<RigValueName, number>>;', '');

  lines.push('/** Interlocks: the error each answers. */');
  lines.push('export const INTERLOCKS = {');
  for (const i of file.interlocks) lines.push(`  ${i.name}: { error: ${errorCode(i.error)}, text: ${q(i.text)} },`);
  lines.push('} as const;', '');

  lines.push('/** Every command, in the order HELP lists them. */');
  lines.push('export const COMMANDS = [');
  for (const c of file.commands) {
    const gates = c.gates.map((g) => (typeof g === 'string' ? g : g.name));
    const replyKeys = Array.isArray(c.reply) ? `[${c.reply.map((f) => q(f.key)).join(', ')}]` : q(c.reply);
    lines.push(`  {`);
    lines.push(`    name: ${q(c.name)}, kind: ${q(c.kind)}, changesState: ${c.changesState}, keepAlive: ${c.keepAlive},`);
    lines.push(`    gates: [${gates.map(q).join(', ')}],`);
    lines.push(`    args: [${c.args.map(argumentData).join(', ')}],`);
    lines.push(`    replyKeys: ${replyKeys},`);
    lines.push(`  },`);
  }
  lines.push('] as const satisfies readonly CommandSpec[];');
  lines.push('export type CommandName = (typeof COMMANDS)[number][\'name\'];', '');

  lines.push('/** Settings, in the order SETTINGS lists them. */');
  lines.push('export const SETTINGS = [');
  for (const s of file.settings) {
    if (s.type === 'text') {
      lines.push(`  { name: ${q(s.name)}, type: 'text', chars: ${q(s.chars)}, minChars: ${s.minChars}, maxChars: ${s.maxChars}, default: ${q(settingDefault(s.default))}, rangeText: ${q(rangeText(s))} },`);
      continue;
    }
    const fields = [`name: ${q(s.name)}`, `type: ${q(s.type)}`];
    if (s.min !== undefined) fields.push(`min: ${q(s.min)}`);
    if (s.minExclusive !== undefined) fields.push(`minExclusive: ${s.minExclusive}`);
    if (s.max !== undefined) fields.push(`max: ${q(s.max)}`);
    fields.push(`orZero: ${s.orZero}`, 'optional: false', `default: ${q(settingDefault(s.default))}`, `unit: ${q(s.unit)}`, `rangeText: ${q(rangeText(s))}`);
    lines.push(`  { ${fields.join(', ')} },`);
  }
  lines.push('] as const satisfies readonly SettingSpec[];');
  lines.push("export type SettingName = (typeof SETTINGS)[number]['name'];", '');

  const constants = (spec: Record<string, unknown>): string => {
    const parts = ['min', 'max', 'default'].filter((k) => typeof spec[k] === 'number').map((k) => `${k}: ${spec[k] as number}`);
    return `{ ${parts.join(', ')} }`;
  };
  lines.push('/** The constant bounds and defaults of numeric arguments: `ARG_LIMITS.VDROP.samples.max`. */');
  lines.push('export const ARG_LIMITS = {');
  for (const c of file.commands) {
    const numeric = c.args.filter(isNumericArgument);
    if (numeric.length === 0) continue;
    lines.push(`  ${c.name}: { ${numeric.map((a) => `${a.name}: ${constants(a)}`).join(', ')} },`);
  }
  lines.push('} as const;', '');
  lines.push('/** The constant bounds and defaults of settings: `SETTING_LIMITS.watchdogMs.default`. */');
  lines.push('export const SETTING_LIMITS = {');
  for (const s of file.settings) lines.push(`  ${s.name}: ${s.type === 'text' ? `{ minChars: ${s.minChars}, maxChars: ${s.maxChars} }` : constants(s)},`);
  lines.push('} as const;', '');

  lines.push(
    'const commandByName = new Map<string, CommandSpec>(COMMANDS.map((c) => [c.name, c]));',
    'const settingByName = new Map<string, SettingSpec>(SETTINGS.map((s) => [s.name.toLowerCase(), s]));',
    '',
    '/** Commands are case-insensitive on the wire. */',
    'export function findCommand(name: string): CommandSpec | undefined {',
    '  return commandByName.get(name.toUpperCase());',
    '}',
    '',
    '/** Setting names are case-insensitive on the wire. */',
    'export function findSetting(name: string): SettingSpec | undefined {',
    '  return settingByName.get(name.toLowerCase());',
    '}',
    '',
    '/** A numeric argument of a command by name; throws for a name not in commands.yaml (a programming error). */',
    'export function argumentSpec(command: CommandName, name: string): NumberArgumentSpec {',
    '  const spec = findCommand(command)?.args.find((a) => a.name === name);',
    '  if (spec === undefined || !isNumberArgument(spec)) throw new Error(`${command} has no numeric argument ${name}`);',
    '  return spec;',
    '}',
    '',
    'export function isNumberArgument(spec: ArgumentSpec): spec is NumberArgumentSpec {',
    "  return spec.type === 'integer' || spec.type === 'decimal';",
    '}',
    '',
    '/** A numeric setting by name. */',
    'export function numericSetting(name: SettingName): Exclude<SettingSpec, TextSettingSpec> {',
    '  const spec = findSetting(name);',
    "  if (spec === undefined || spec.type === 'text') throw new Error(`${name} is not a numeric setting`);",
    '  return spec;',
    '}',
    '',
    '/** A request as `client.request(...)` takes it: the command and its arguments. */',
    'export type Request = readonly [command: CommandName, args: ReadonlyArray<string | number>];',
    '',
    '// Optional arguments are trailing: one left out cannot be followed by one given.',
    'function present(command: string, values: ReadonlyArray<number | undefined>): number[] {',
    '  const given = values.filter((v): v is number => v !== undefined);',
    '  if (values.slice(0, given.length).some((v) => v === undefined)) throw new RangeError(`${command}: an optional argument left out is followed by one given`);',
    '  return given;',
    '}',
    '',
    '/** Request builders, one per command: `client.request(...requests.vdrop({ pole: 1, currentA: 5.7 }))`. */',
    'export const requests = {',
  );
  for (const c of file.commands) lines.push(...builder(c));
  lines.push('} as const;', '');

  lines.push(
    'function versionPart(text: string, part: 1 | 2): number | null {',
    '  const match = /^([0-9]+)\\.([0-9]+)$/.exec(text);',
    '  return match ? Number(match[part]) : null;',
    '}',
    '',
    'function integerList(text: string): number[] | null {',
    '  return /^[0-9]+(,[0-9]+)*$/.test(text) ? text.split(\',\').map(Number) : null;',
    '}',
    '',
    '/** `1-3,2-4` -> [[1, 3], [2, 4]]; `-` -> []; a pair not written low-high -> null. */',
    'function pairList(text: string): Array<[number, number]> | null {',
    "  if (text === '-') return [];",
    '  if (!/^[0-9]+-[0-9]+(,[0-9]+-[0-9]+)*$/.test(text)) return null;',
    "  const pairs = text.split(',').map((pair) => pair.split('-').map(Number) as [number, number]);",
    '  return pairs.every(([a, b]) => a < b) ? pairs : null;',
    '}',
    '',
  );
  for (const c of file.commands) lines.push(...replyModule(c));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
