import { readFileSync } from 'node:fs';
import { YAMLError, parse as parseYaml } from 'yaml';
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
    // The parser's first line says what and where ("… at line 3, column 9:"); add that line's text.
    const firstLine = (error as Error).message.split('\n')[0] ?? '';
    const lineNumber = error instanceof YAMLError ? error.linePos?.[0].line : undefined;
    const sourceLine = lineNumber === undefined ? undefined : text.split(/\r?\n/)[lineNumber - 1];
    throw new FileValidationError(filePath, [`not valid YAML: ${firstLine}${sourceLine === undefined ? '' : ` ${JSON.stringify(sourceLine)}`}`]);
  }
}

/** Validate parsed data against a schema; problems name `filePath`, the field, the value and what is allowed. */
export function validateData<Schema extends z.ZodType>(filePath: string, raw: unknown, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new FileValidationError(filePath, describeIssues(raw, result.error.issues, schema));
  return result.data;
}
