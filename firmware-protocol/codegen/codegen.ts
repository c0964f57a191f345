import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDataText } from '../../host/config/load-data-file.js';
import { loadRigDefinition, type RigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { CODES_SOURCE, RIG_SOURCE } from './banner.js';
import { CodesFile } from './codes-schema.js';
import { renderCodesH } from './render-codes-h.js';
import { renderCodesTs } from './render-codes-ts.js';
import { renderProtocolTables, spliceProtocolTables } from './render-protocol-tables.js';
import { renderRigConfigH } from './render-rig-config-h.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Output paths, relative to the repository root. */
export const OUTPUT_PATHS = {
  codesTs: 'firmware-protocol/generated/codes.ts',
  codesH: 'rigs/uno-pull/firmware/clampbench/codes.h',
  rigConfigH: 'rigs/uno-pull/firmware/clampbench/rig_config.h',
  protocolMd: 'firmware-protocol/PROTOCOL.md',
} as const;

/** Everything the generator reads, as text or validated data, so a test can change it in memory. */
export interface CodegenInputs {
  codesYamlText: string;
  protocolMdText: string;
  rig: RigDefinition;
}

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

export function readCodegenInputs(root: string = repoRoot): CodegenInputs {
  return {
    codesYamlText: readFileSync(join(root, CODES_SOURCE), 'utf8'),
    protocolMdText: readFileSync(join(root, OUTPUT_PATHS.protocolMd), 'utf8'),
    rig: loadRigDefinition(join(root, RIG_SOURCE)),
  };
}

/** Pure: the full content of every generated file. Throws FileValidationError when codes.yaml is invalid. */
export function renderOutputs(inputs: CodegenInputs): GeneratedFile[] {
  const codes = parseDataText(CODES_SOURCE, inputs.codesYamlText, CodesFile);
  // PROTOCOL.md is partly hand-written; keep LF so the output does not depend on a checkout's line endings.
  const markdown = inputs.protocolMdText.replace(/\r\n/g, '\n');
  return [
    { path: OUTPUT_PATHS.codesTs, content: renderCodesTs(codes) },
    { path: OUTPUT_PATHS.codesH, content: renderCodesH(codes) },
    { path: OUTPUT_PATHS.rigConfigH, content: renderRigConfigH(inputs.rig) },
    { path: OUTPUT_PATHS.protocolMd, content: spliceProtocolTables(markdown, renderProtocolTables(codes)) },
  ];
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Paths (relative) whose file on disk differs from what the generator would write, or is missing. */
export function findStaleFiles(files: readonly GeneratedFile[], root: string = repoRoot): string[] {
  return files.filter((f) => readOrUndefined(join(root, f.path)) !== f.content).map((f) => f.path);
}

/** Write the stale files only (temp file + rename, so a reader never sees half a header); returns what was written. */
export function writeGeneratedFiles(files: readonly GeneratedFile[], root: string = repoRoot): string[] {
  const stale = findStaleFiles(files, root);
  for (const path of stale) {
    const target = join(root, path);
    const content = files.find((f) => f.path === path)?.content ?? '';
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, content, 'utf8');
    renameSync(temp, target);
  }
  return stale;
}
