/**
 * Write docs/plan.schema.json from the plan schema, for editor completion of plan files
 * (`# yaml-language-server: $schema=…` at the top of a plan). `--check` only compares, and
 * exits 1 when the file is stale, so a test (and CI) notices a schema edit without a re-export.
 *
 *   node --import tsx host/plans/export-json-schema.ts [--check]
 */
import { fileURLToPath } from 'node:url';
import { jsonSchemaFileText, writeOrCheckSchemaFile } from '../shared/json-schema-export.js';
import { PlanFile } from './plan-schema.js';

export const planSchemaFile = fileURLToPath(new URL('../../docs/plan.schema.json', import.meta.url));

/** The JSON Schema text as it should be on disk. `io: input`: fields with defaults are optional to write. */
export function planJsonSchemaText(): string {
  return jsonSchemaFileText(PlanFile, { title: 'clampbench test plan', generatedBy: 'host/plans/export-json-schema.ts from host/plans/plan-schema.ts', io: 'input' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeOrCheckSchemaFile(planSchemaFile, planJsonSchemaText(), 'node --import tsx host/plans/export-json-schema.ts');
}
