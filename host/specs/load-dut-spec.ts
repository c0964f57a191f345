import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWithExtends } from '../shared/extends-chain.js';
import { validateData } from '../shared/load-data-file.js';
import { FileValidationError } from '../shared/validation-error.js';
import { PlanError } from '../shared/plan-error.js';
import { DutSpec } from './dut-spec.js';

/** Folder of the DUT specs that ship with clampbench. */
export const builtinDutSpecDir = fileURLToPath(new URL('./duts/', import.meta.url));

/** A part number names a file: `/` cannot appear in a file name, so it becomes `-`. */
function dutSpecFileName(partNumber: string): string {
  return `${partNumber.replaceAll('/', '-')}.yaml`;
}

/** A file path is told from a part number by its extension (part numbers contain `/`). */
function isFilePath(partOrPath: string): boolean {
  return /\.(ya?ml|json)$/i.test(partOrPath);
}

/** Where the spec for a part number or a path lives; a PlanError lists the built-in parts when there is none. */
export function dutSpecPath(partOrPath: string): string {
  if (isFilePath(partOrPath)) return partOrPath;
  const file = join(builtinDutSpecDir, dutSpecFileName(partOrPath));
  if (existsSync(file)) return file;
  const parts = listBuiltinDutSpecs().map((entry) => entry.partNumber);
  throw new PlanError('dut', partOrPath, `expected a built-in part number (${parts.join(', ')}) or the path of a DUT spec file (.yaml)`);
}

/** Read and validate a DUT spec file (which may `extends:` another). */
export function loadDutSpecFile(filePath: string): DutSpec {
  return validateData(filePath, readWithExtends(filePath), DutSpec);
}

/** Load a DUT spec by part number (`831-1104/322-004`) or by path. */
export function loadDutSpec(partOrPath: string): DutSpec {
  const filePath = dutSpecPath(partOrPath);
  const spec = loadDutSpecFile(filePath);
  if (!isFilePath(partOrPath) && spec.partNumber !== partOrPath) {
    // A copied file whose part number was not edited would otherwise test against the wrong figures.
    throw new FileValidationError(filePath, [`partNumber: value ${JSON.stringify(spec.partNumber)}: expected ${JSON.stringify(partOrPath)}, the part number this file is named after`]);
  }
  return spec;
}

export interface DutSpecEntry {
  partNumber: string;
  description: string;
  poles: number;
  illustrative?: string;
  filePath: string;
}

/** The built-in DUT specs, by part number. */
export function listBuiltinDutSpecs(): DutSpecEntry[] {
  return readdirSync(builtinDutSpecDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const filePath = join(builtinDutSpecDir, name);
      const spec = loadDutSpecFile(filePath);
      return { partNumber: spec.partNumber, description: spec.description, poles: spec.poles, ...(spec.illustrative ? { illustrative: spec.illustrative } : {}), filePath };
    });
}
