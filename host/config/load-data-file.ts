import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { FileValidationError, describeIssues } from './validation-error.js';

/** Read a YAML (or JSON) data file and validate it; any problem becomes a FileValidationError naming the file. */
export function loadDataFile<Schema extends z.ZodType>(filePath: string, schema: Schema): z.infer<Schema> {
  return validateData(filePath, readYamlFile(filePath), schema);
}

/** Validate already-read YAML text; `filePath` is only used in messages. */
export function parseDataText<Schema extends z.ZodType>(filePath: string, text: string, schema: Schema): z.infer<Schema> {
  return validateData(filePath, parseYamlText(filePath, text), schema);
}

/** Read and parse a YAML file without validating it (for files that extend others before validation). */
export function readYamlFile(filePath: string): unknown {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new FileValidationError(filePath, [`cannot read file: ${(error as Error).message}`]);
  }
  return parseYamlText(filePath, text);
}

function parseYamlText(filePath: string, text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new FileValidationError(filePath, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

/** Validate parsed data against a schema; problems name `filePath`, the field, the value and what is allowed. */
export function validateData<Schema extends z.ZodType>(filePath: string, raw: unknown, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new FileValidationError(filePath, describeIssues(raw, result.error.issues));
  return result.data;
}
