import type { Command, CommandsFile, ReplyField } from './commands-schema.js';
import { commandTypeName, commandValueName } from './case-names.js';

// The reply part of firmware-protocol/generated/commands.ts: per command with a key=value reply, a zod
// schema of the typed reply and a reader from its wire fields.

const q = (value: unknown): string => JSON.stringify(value);

/** Parsers of list and version fields, which the reply readers call. */
const FIELD_PARSERS: readonly string[] = [
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
];

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
  const type = `${commandTypeName(command.name)}Reply`;
  const example = `ok ${command.reply.map((f) => `${f.key}=…`).join(' ')}`;
  return [
    `/** \`${example}\` (${command.name}); unknown keys are ignored. */`,
    `export const ${type} = z.object({`,
    ...command.reply.flatMap(zodFor).map((line) => `  ${line},`),
    '});',
    `export type ${type} = z.infer<typeof ${type}>;`,
    '',
    `/** Typed ${command.name} reply from its wire fields, or null when a required key is missing or malformed. */`,
    `export function ${commandValueName(command.name)}ReplyFromFields(f: Fields): ${type} | null {`,
    `  const r = ${type}.safeParse({`,
    ...command.reply.flatMap(readerFor).map((line) => `    ${line},`),
    '  });',
    '  return r.success ? r.data : null;',
    '}',
    '',
  ];
}

/** The field parsers, then a schema and reader for each command with a key=value reply. */
export function replyReaders(file: CommandsFile): string[] {
  return [...FIELD_PARSERS, ...file.commands.flatMap(replyModule)];
}
