import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunFile } from '../../host/results/run-file.js';

/** The run folders of a results folder (its calibration records aside), by name. */
export function runFolders(results: string): string[] {
  return readdirSync(results, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'calibrations')
    .map((entry) => join(results, entry.name))
    .sort();
}

/** A run folder's run.json. */
export function readRunFile(runFolder: string): RunFile {
  return JSON.parse(readFileSync(join(runFolder, 'run.json'), 'utf8')) as RunFile;
}
