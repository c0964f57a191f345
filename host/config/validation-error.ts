import type { z } from 'zod';

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
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function showValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One line per zod issue: `field: value <v>: <what is allowed>`. */
export function describeIssues(root: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = formatFieldPath(issue.path);
      return `${where}: unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; allowed keys are listed in the schema`;
    }
    const value = valueAt(root, issue.path);
    return `${formatFieldPath(issue.path)}: value ${showValue(value)}: ${issue.message}`;
  });
}
