import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** A protocol source file (codes.yaml, commands.yaml) that is not valid; the message names file, field, value and rule. */
export class ProtocolSourceError extends Error {
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`${file} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ProtocolSourceError';
  }
}

/** `['errors', 8, 'name']` -> `errors[8].name` */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('') || '(top level)';
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = raw;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** Parse YAML text and validate it; every problem becomes one line of a ProtocolSourceError. */
export function parseSource<Schema extends z.ZodType>(file: string, text: string, schema: Schema): z.infer<Schema> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ProtocolSourceError(file, [`not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`]);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new ProtocolSourceError(
    file,
    result.error.issues.map((issue) => {
      const value = valueAt(raw, issue.path);
      const shown = value === undefined || (typeof value === 'object' && value !== null) ? '' : `value ${JSON.stringify(value)}: `;
      return `${pathText(issue.path)}: ${shown}${issue.message}`;
    }),
  );
}
