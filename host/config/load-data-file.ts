import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { FileValidationError, describeIssues } from './validation-error.js';

/** Read a YAML (or JSON) data file and validate it; any problem becomes a FileValidationError naming the file. */
export function loadDataFile<Schema extends z.ZodType>(filePath: string, schema: Schema): z.infer<Schema> {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new FileValidationError(filePath, [`cannot read file: ${(error as Error).message}`]);
  }
  return parseDataText(filePath, text, schema);
}

/** Validate already-read YAML text; `filePath` is only used in messages. */
export function parseDataText<Schema extends z.ZodType>(filePath: string, text: string, schema: Schema): z.infer<Schema> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new FileValidationError(filePath, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new FileValidationError(filePath, describeIssues(raw, result.error.issues));
  return result.data;
}
