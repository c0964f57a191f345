import { z } from 'zod';
import { closestName } from './closest-name.js';
import { printableText } from './identifier-text.js';

/** A data file (rig, scenario, spec, plan) that failed validation; the message names file, field, value and what is allowed. */
export class FileValidationError extends Error {
  readonly filePath: string;
  readonly problems: readonly string[];

  constructor(filePath: string, problems: readonly string[]) {
    super(`${filePath}: invalid\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FileValidationError';
    this.filePath = filePath;
    this.problems = problems;
  }
}

/** Dotted field path as a user would write it: `poles[2].contactResistanceMilliohm`. */
function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function child(node: unknown, key: PropertyKey): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  return (node as Record<PropertyKey, unknown>)[key];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(child, root);
}

function showValue(value: unknown): string {
  if (value === undefined) return 'missing';
  // JSON has no NaN or Infinity (it writes null); YAML's .nan and .inf arrive as these.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    // JSON escapes C0 but not C1 (U+0080–U+009F), which some terminals act on.
    text = printableText(JSON.stringify(value));
  } catch {
    text = String(value); // a YAML alias that contains itself
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Schema = z.core.$ZodType;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Which option of a union `value` was meant for: by discriminator, else the object option that knows all its keys. */
function unionOptionFor(union: z.ZodUnion, value: unknown): Schema | undefined {
  const options = union.options as readonly Schema[];
  if (union instanceof z.ZodDiscriminatedUnion) {
    const key = union._zod.def.discriminator;
    const wanted = child(value, key);
    return options.find((option) => {
      const literal = option instanceof z.ZodObject ? (option.shape as Record<string, Schema>)[key] : undefined;
      return literal instanceof z.ZodLiteral && literal.values.has(wanted as z.core.util.Literal);
    });
  }
  const objects = options.map((option) => unwrap(option, value)).filter((option): option is z.ZodObject => option instanceof z.ZodObject);
  const keys = isPlainObject(value) ? Object.keys(value) : [];
  return objects.find((option) => keys.every((key) => key in option.shape)) ?? objects[0];
}

/** The schema that decides a value, past optional/default wrappers and the union option the value is for. */
function unwrap(schema: Schema | undefined, value: unknown, keepUnion = false): Schema | undefined {
  let node = schema;
  for (let depth = 0; depth < 20 && node !== undefined; depth++) {
    if (
      node instanceof z.ZodOptional ||
      node instanceof z.ZodNullable ||
      node instanceof z.ZodDefault ||
      node instanceof z.ZodPrefault ||
      node instanceof z.ZodReadonly ||
      node instanceof z.ZodNonOptional ||
      node instanceof z.ZodCatch
    ) {
      node = node._zod.def.innerType;
    } else if (node instanceof z.ZodPipe) {
      node = node._zod.def.in;
    } else if (node instanceof z.ZodLazy) {
      node = node._zod.def.getter();
    } else if (node instanceof z.ZodUnion && !keepUnion) {
      const option = unionOptionFor(node, value);
      if (option === undefined) return node;
      node = option;
    } else {
      return node;
    }
  }
  return node;
}

/** The schema for the value at `path` below `schema` (whose value is `data`), when it can be told. */
function schemaAt(schema: Schema | undefined, data: unknown, path: readonly PropertyKey[], keepUnion = false): Schema | undefined {
  let node = unwrap(schema, data, keepUnion && path.length === 0);
  let value = data;
  for (const [index, key] of path.entries()) {
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, Schema>)[String(key)];
    else if (node instanceof z.ZodArray) node = node.element;
    else if (node instanceof z.ZodTuple) node = node._zod.def.items[Number(key)] ?? node._zod.def.rest ?? undefined;
    else if (node instanceof z.ZodRecord) node = node.valueType;
    else return undefined;
    value = child(value, key);
    node = unwrap(node, value, keepUnion && index === path.length - 1);
  }
  return node;
}

/** The keys an object (or a record with listed keys) accepts, required ones marked; undefined when unknown. */
function keysOf(schema: Schema | undefined): { all: string[]; required: string[] } | undefined {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, Schema>;
    const all = Object.keys(shape);
    return { all, required: all.filter((key) => shape[key]?._zod.optin === undefined) };
  }
  if (schema instanceof z.ZodRecord) {
    const keyType = schema.keyType as Schema;
    if (keyType instanceof z.ZodEnum) return { all: keyType.options.map(String), required: [] };
  }
  return undefined;
}

function keyList(keys: { all: string[]; required: string[] }): string {
  const optional = keys.all.filter((key) => !keys.required.includes(key));
  if (keys.required.length === 0) return `the keys ${keys.all.join(', ')} (all optional)`;
  if (optional.length === 0) return `the keys ${keys.all.join(', ')} (all required)`;
  return `the keys ${keys.required.join(', ')} (required) and ${optional.join(', ')} (optional)`;
}

/** Unit words at the end of our key names (`forceN`, `holdS`, `rateNps`), as a person writes them. */
const UNIT_SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['Milliohm', 'mΩ'],
  ['Mmps', 'mm/s'],
  ['Nps', 'N/s'],
  ['NPerMm', 'N/mm'],
  ['KPerW', 'K/W'],
  ['KPerHour', 'K/h'],
  ['Mm2', 'mm²'],
  ['Ohm', 'Ω'],
  ['Hz', 'Hz'],
  ['Mm', 'mm'],
  ['Ms', 'ms'],
  ['Mv', 'mV'],
  ['Kv', 'kV'],
  ['N', 'N'],
  ['S', 's'],
  ['A', 'A'],
  ['V', 'V'],
  ['C', '°C'],
  ['K', 'K'],
];

/** The unit a key's name carries (`forceN` → N), or undefined. */
function unitOfKey(key: PropertyKey | undefined): string | undefined {
  if (typeof key !== 'string') return undefined;
  return UNIT_SUFFIXES.find(([suffix]) => key.endsWith(suffix) && /[a-z0-9]/.test(key.charAt(key.length - suffix.length - 1)))?.[1];
}

/** A number was wanted and text came: say how to write it when the text is a number, with or without a unit. */
function numberAsTextHint(value: unknown, key: PropertyKey | undefined): string {
  if (typeof value !== 'string') return '';
  const match = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(\S.*)?$/i.exec(value);
  if (match === null) return '';
  const [, number, unit] = match;
  if (unit === undefined) return `; write ${number} without quotes`;
  const keyUnit = unitOfKey(key);
  return keyUnit === undefined
    ? `; write the number alone, without a unit`
    : `; write the number alone, in ${keyUnit} (the unit is part of the key's name, ${String(key)})`;
}

/** What one failed option of a union wanted, when it failed on the value itself. */
function optionWanted(issues: readonly z.core.$ZodIssue[]): string | undefined {
  if (issues.length !== 1 || issues[0]?.path.length !== 0) return undefined;
  const issue = issues[0];
  if (issue.code === 'invalid_type') return `a ${issue.expected}`;
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return issue.message;
}

interface Place {
  /** The value (and its schema) the issue paths start from. */
  data: unknown;
  schema: Schema | undefined;
  /** Path of `data` from the top of the file. */
  base: readonly PropertyKey[];
}

function describeIssue(issue: z.core.$ZodIssue, place: Place): string[] {
  const path = [...place.base, ...issue.path];
  const value = valueAt(place.data, issue.path);
  const here = schemaAt(place.schema, place.data, issue.path);
  const key = path.at(-1);

  if (issue.code === 'unrecognized_keys') {
    const keys = keysOf(here);
    return issue.keys.map((unknownKey) => {
      const suggestion = keys ? closestName(unknownKey, keys.all) : undefined;
      const allowed = keys ? `; allowed here: ${keys.all.join(', ')}` : '';
      return `${formatFieldPath([...path, unknownKey])}: value ${showValue(child(value, unknownKey))}: unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}${allowed}`;
    });
  }

  const branches: ReadonlyArray<readonly z.core.$ZodIssue[]> = issue.code === 'invalid_union' ? issue.errors : [];
  if (branches.length > 0) {
    const wanted = branches.map(optionWanted);
    if (wanted.every((text) => text !== undefined)) return [`${formatFieldPath(path)}: value ${showValue(value)}: expected ${wanted.join(' or ')}`];
    // The value is meant for one option: report that option's problems, not "Invalid input".
    const rank = (errors: readonly z.core.$ZodIssue[]) => (errors.some((e) => e.code === 'unrecognized_keys') ? 1000 : 0) + errors.length;
    const best = branches.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    const union = schemaAt(place.schema, place.data, issue.path, true);
    const options = union instanceof z.ZodUnion ? (union.options as readonly Schema[]) : [];
    const option = options[branches.indexOf(best)];
    return best.flatMap((inner) => describeIssue(inner, { data: value, schema: option, base: path }));
  }

  const shown = `${formatFieldPath(path)}: value ${showValue(value)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'object' && path.length === 0 && (value === null || value === undefined)) {
    const keys = keysOf(here);
    return [`(top level): value missing: the file is empty (or only comments); expected a mapping${keys ? ` with ${keyList(keys)}` : ''}`];
  }
  if (issue.code === 'invalid_type' && issue.expected === 'object') {
    const keys = keysOf(here);
    return [`${shown}: ${issue.message}${keys ? `; a mapping with ${keyList(keys)}` : ''}`];
  }
  if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int')) {
    return [`${shown}: ${issue.message}${numberAsTextHint(value, key)}`];
  }
  if (issue.code === 'invalid_value' && issue.values.every((v) => typeof v === 'number')) {
    return [`${shown}: ${issue.message}${numberAsTextHint(value, key)}`];
  }
  return [`${shown}: ${issue.message}`];
}

/**
 * One line per problem: `field: value <v>: <what is allowed>`. With the schema, an unknown key
 * also gets the keys allowed there and the one most likely meant, and a union the problems of
 * the option the value was meant for.
 */
export function describeIssues(root: unknown, issues: readonly z.core.$ZodIssue[], schema?: z.core.$ZodType): string[] {
  return issues.flatMap((issue) => describeIssue(issue, { data: root, schema, base: [] }));
}
