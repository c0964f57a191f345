import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDataText } from '../shared/load-data-file.js';
import { FileValidationError } from '../shared/validation-error.js';
import { PlanError } from '../shared/plan-error.js';
import { PlanFile } from './plan-schema.js';

/** Folder of the plans that ship with clampbench. */
export const builtinPlanDir = fileURLToPath(new URL('./builtin/', import.meta.url));

export interface LoadedPlan {
  plan: PlanFile;
  filePath: string;
  /** sha256 of the file's text (hex): a record names exactly which plan ran. */
  planHash: string;
}

function isFilePath(nameOrPath: string): boolean {
  return /\.(ya?ml|json)$/i.test(nameOrPath) || nameOrPath.includes('/');
}

/** Where a plan lives: a built-in name (`type-test`) or a path. */
function planPath(nameOrPath: string): string {
  if (isFilePath(nameOrPath)) return nameOrPath;
  const names = builtinPlanNames();
  if (names.includes(nameOrPath)) return join(builtinPlanDir, `${nameOrPath}.yaml`);
  throw new PlanError('plan', nameOrPath, `expected a built-in plan (${names.join(', ')}) or the path of a plan file (.yaml)`);
}

/** Read and validate a plan by name or path. */
export function loadPlan(nameOrPath: string): LoadedPlan {
  const filePath = planPath(nameOrPath);
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new FileValidationError(filePath, [`cannot read file: ${(error as Error).message}`]);
  }
  // Hash the bytes that were validated, not a re-read, so the hash and the plan always agree.
  return { plan: parseDataText(filePath, text, PlanFile), filePath, planHash: createHash('sha256').update(text).digest('hex') };
}

function builtinPlanNames(): string[] {
  return readdirSync(builtinPlanDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** The built-in plans, with their descriptions. */
export function listBuiltinPlans(): Array<{ name: string; description: string; filePath: string }> {
  return builtinPlanNames().map((name) => {
    const { plan, filePath } = loadPlan(join(builtinPlanDir, `${name}.yaml`));
    return { name: plan.name, description: plan.description, filePath };
  });
}
