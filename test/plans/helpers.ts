import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FileValidationError } from '../../host/shared/validation-error.js';
import { PlanError } from '../../host/shared/plan-error.js';

const dir = mkdtempSync(join(tmpdir(), 'clampbench-plans-'));

/** Write a temporary file and return its path. */
export function tempFile(name: string, text: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(file, text);
  return file;
}

/** The problems a FileValidationError reports for `action`. */
export function fileProblems(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(FileValidationError);
    return (error as FileValidationError).problems;
  }
  throw new Error('expected a FileValidationError');
}

/** The PlanError `action` throws. */
export function planError(action: () => unknown): PlanError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return error as PlanError;
  }
  throw new Error('expected a PlanError');
}
