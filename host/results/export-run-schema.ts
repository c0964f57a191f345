/**
 * Write docs/run.schema.json from the record schema (host/runner/test-record.ts), for the people and
 * programs that read run.json. `--check` only compares, and exits 1 when the file is stale.
 *
 *   node --import tsx host/results/export-run-schema.ts [--check]
 */
import { fileURLToPath } from 'node:url';
import { jsonSchemaFileText, writeOrCheckSchemaFile } from '../shared/json-schema-export.js';
import { RunFile } from './run-file.js';

export const runSchemaFile = fileURLToPath(new URL('../../docs/run.schema.json', import.meta.url));

/** The JSON Schema text as it should be on disk: what clampbench writes (`io: output`). */
export function runJsonSchemaText(): string {
  return jsonSchemaFileText(RunFile, { title: 'clampbench run.json', generatedBy: 'host/results/export-run-schema.ts from host/runner/test-record.ts', io: 'output' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeOrCheckSchemaFile(runSchemaFile, runJsonSchemaText(), 'node --import tsx host/results/export-run-schema.ts');
}
