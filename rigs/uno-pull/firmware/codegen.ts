// `npm run codegen`: the protocol's generated files (host modules, PROTOCOL.md tables) and this firmware's
// generated C (codes, command table, rig_config.h); `npm run codegen -- --check` only reports stale ones (exit 1).
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProtocolSources, renderFirmwareFiles, renderProtocolFiles, repoRoot, runCodegen, type GeneratedFile } from '../../../firmware-protocol/codegen/codegen.js';
import { ProtocolSourceError } from '../../../firmware-protocol/codegen/read-source.js';
import { FileValidationError } from '../../../host/shared/validation-error.js';
import { loadRigDefinition } from '../rig-definition.js';
import { RIG_SOURCE, renderRigConfigH } from './rig-config/render-rig-config-h.js';

/** The sketch folder, relative to the repository root. */
export const SKETCH_DIR = relative(repoRoot, fileURLToPath(new URL('./clampbench/', import.meta.url)));

/** Every file `npm run codegen` writes. */
export function allGeneratedFiles(root: string = repoRoot): GeneratedFile[] {
  const sources = readProtocolSources(root);
  return [
    ...renderProtocolFiles(sources),
    ...renderFirmwareFiles(sources).map((f) => ({ path: join(SKETCH_DIR, f.path), content: f.content })),
    { path: join(SKETCH_DIR, 'rig_config.h'), content: renderRigConfigH(loadRigDefinition(join(root, RIG_SOURCE))) },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = runCodegen(allGeneratedFiles(), process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ProtocolSourceError || error instanceof FileValidationError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
