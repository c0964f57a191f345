import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmdirSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { HOST_LIMITS } from '../shared/limits.js';
import { errnoInWords } from './errno-words.js';

/** Bytes the probe writes: one page, so a full file system refuses it even where a short write would still fit. */
const PROBE_BYTES = 4096;

/** A results folder a run must not start in; the message names the option, the folder, the cause and the free space. */
export class ResultsFolderError extends Error {
  constructor(
    readonly option: string,
    readonly folder: string,
    problem: string,
  ) {
    super(`${option}: results folder ${folder} ${problem}. Nothing was written; the rig was not opened`);
    this.name = 'ResultsFolderError';
  }
}

/**
 * Before the rig is opened: the results folder exists or can be created, a file can be created in it,
 * written, fsynced and removed, and it has at least `minFreeBytes` free; throws ResultsFolderError
 * otherwise. Folders it had to create are removed again either way.
 */
export function checkResultsFolder(folder: string, option: string, minFreeBytes: number = HOST_LIMITS.resultsMinFreeBytes): void {
  const path = resolve(folder);
  const space = (): string => {
    const free = freeBytes(path);
    return `${free === null ? 'free space unknown' : `${bytes(free)} bytes free`}, at least ${bytes(minFreeBytes)} needed`;
  };
  let created: string | undefined;
  try {
    created = mkdirSync(path, { recursive: true });
  } catch (error) {
    throw new ResultsFolderError(option, path, `cannot be created: ${errnoInWords(realMkdirError(path, error))}`);
  }
  try {
    const probeError = probe(path);
    if (probeError) throw new ResultsFolderError(option, path, `is not writable: ${probeError} (${space()})`);
    const free = freeBytes(path);
    if (free !== null && free < minFreeBytes) throw new ResultsFolderError(option, path, `has too little space: ${space()}`);
  } finally {
    // Created only to prove it can be: the journal creates it again with the run's first line, so a run
    // refused after this check (a bad plan, a rig that does not answer) leaves nothing behind either.
    if (created !== undefined) removeCreated(path, created);
  }
}

/**
 * Node's recursive mkdir reports ENOENT where the cause is a read-only file system or a missing
 * permission; creating the first missing folder alone gives the real errno.
 */
function realMkdirError(path: string, error: unknown): unknown {
  let first = path;
  while (dirname(first) !== first && !existsSync(dirname(first))) first = dirname(first);
  try {
    mkdirSync(first);
    rmdirSync(first);
    return error;
  } catch (direct) {
    return direct;
  }
}

/** Create, write, fsync and remove a probe file; the failure in words, or null. */
function probe(folder: string): string | null {
  const file = join(folder, `.clampbench-probe-${process.pid}`);
  let step = 'creating a file';
  let fd: number | null = null;
  try {
    fd = openSync(file, 'wx');
    step = `writing ${PROBE_BYTES} bytes`;
    writeSync(fd, Buffer.alloc(PROBE_BYTES));
    step = 'fsync';
    fsyncSync(fd);
    return null;
  } catch (error) {
    return `${step}: ${errnoInWords(error)}`;
  } finally {
    if (fd !== null) {
      closeSync(fd);
      unlinkSync(file);
    }
  }
}

function freeBytes(folder: string): number | null {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** Remove the folders mkdir created, deepest first, up to and including `created`. */
function removeCreated(path: string, created: string): void {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === created || dirname(dir) === dir) return;
  }
}

function bytes(n: number): string {
  return n.toLocaleString('en-US');
}
