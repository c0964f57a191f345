/**
 * Write docs/station-events.schema.json from the station's event schema (station-events.ts): what a
 * line controller or MES reading `clampbench station` on stdout can rely on. `--check` only compares.
 *
 *   node --import tsx host/station/export-events-schema.ts [--check]
 */
import { fileURLToPath } from 'node:url';
import { jsonSchemaFileText, writeOrCheckSchemaFile } from '../shared/json-schema-export.js';
import { StationEvent } from './station-events.js';

export const stationEventsSchemaFile = fileURLToPath(new URL('../../docs/station-events.schema.json', import.meta.url));

export function stationEventsSchemaText(): string {
  return jsonSchemaFileText(StationEvent, {
    title: 'clampbench station event (one JSON object per line on stdout)',
    generatedBy: 'host/station/export-events-schema.ts from host/station/station-events.ts',
    io: 'output',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeOrCheckSchemaFile(stationEventsSchemaFile, stationEventsSchemaText(), 'node --import tsx host/station/export-events-schema.ts');
}
