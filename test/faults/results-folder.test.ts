import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_LIMITS } from '../../host/shared/limits.js';
import { readJournal } from '../../host/results/journal/read-journal.js';
import { tmpfsMounts } from './fixtures/tmpfs.js';
import { clampbench } from '../support/clampbench-cli.js';

/** A port that cannot open: if the rig were opened before the folder check, the error would be about it. */
const NO_SUCH_PORT = '/dev/clampbench-test-no-such-port';
const MIB = 1024 * 1024;

const bytes = (n: number): string => n.toLocaleString('en-US');
const freeBytes = (path: string): number => {
  const stats = statfsSync(path);
  return stats.bavail * stats.bsize;
};

/** Write zeros until the file system refuses another byte; returns the bytes written. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  let total = 0;
  try {
    for (const size of [MIB, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          total += writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

const tmpfs = tmpfsMounts('cb-results-folder-');
afterAll(() => tmpfs.cleanUp());

describe.skipIf(!tmpfs.available)('a results folder that is not writable or runs full', () => {
  it('refuses a read-only results folder before the rig is opened: exit 2, the folder, the errno in words and the free space named, nothing written', async () => {
    const readOnly = tmpfs.mount('read-only', 64 * MIB, { readOnly: true });
    const existing = await clampbench(['run', '--port', NO_SUCH_PORT, '--serial', 'SN-RO', '--yes', '--out', readOnly]);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toBe(
      `clampbench: --out: results folder ${readOnly} is not writable: creating a file: read-only file system (EROFS) (${bytes(64 * MIB)} bytes free, at least ${bytes(HOST_LIMITS.resultsMinFreeBytes)} needed). Nothing was written; the rig was not opened\n`,
    );
    expect(existing.stdout).toBe('');
    const missing = await clampbench(['run', '--port', NO_SUCH_PORT, '--serial', 'SN-RO', '--yes', '--out', join(readOnly, 'results')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`clampbench: --out: results folder ${join(readOnly, 'results')} cannot be created: read-only file system (EROFS). Nothing was written; the rig was not opened\n`);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it(`refuses a results folder with less than ${bytes(HOST_LIMITS.resultsMinFreeBytes)} bytes free, and removes the folder it created for the check`, async () => {
    const small = tmpfs.mount('small', 1 * MIB);
    const out = join(small, 'results', 'line-3');
    const refused = await clampbench(['run', '--port', NO_SUCH_PORT, '--serial', 'SN-SMALL', '--yes', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `clampbench: --out: results folder ${out} has too little space: ${bytes(MIB)} bytes free, at least ${bytes(HOST_LIMITS.resultsMinFreeBytes)} needed. Nothing was written; the rig was not opened\n`,
    );
    expect(readdirSync(small)).toEqual([]);
  });

  it('stops a run whose disk fills up, keeps every journal line written before intact, refuses resume while full or read-only, and resumes once space is freed', async () => {
    // Room for the pre-check's minimum and a little more; the test fills the rest once the run is under way.
    const disk = tmpfs.mount('filling', HOST_LIMITS.resultsMinFreeBytes + 4 * MIB);
    const filler = join(disk, 'filler.bin');
    let journalFile = '';
    let before = '';
    let filledBytes = 0;
    const fillOnceTwoStepsAreRecorded = (): boolean => {
      const [dir] = readdirSync(disk).filter((f) => f !== 'filler.bin');
      if (!dir) return false;
      const file = join(disk, dir, 'journal.jsonl');
      if (!existsSync(file) || (readFileSync(file, 'utf8').match(/"t":"step"/g) ?? []).length < 2) return false;
      journalFile = file;
      before = readFileSync(file, 'utf8');
      filledBytes = fillUp(filler);
      return true;
    };
    const run = await clampbench(['run', '--port', 'sim', '--yes', '--serial', 'SN-FULL', '--out', disk], fillOnceTwoStepsAreRecorded);
    const dir = join(journalFile, '..');
    console.log(`disk filled with ${bytes(filledBytes)} bytes after ${before.split('\n').length - 1} journal lines (${bytes(before.length)} bytes)`);
    expect(journalFile).not.toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`\nresults journal cannot be written (${journalFile}: no space left on device (ENOSPC)): stopping the rig\n`);
    expect(run.stdout).toContain(`the journal could not be written (${journalFile}: no space left on device (ENOSPC)): the run above is not complete on disk`);

    // Nothing recorded before the disk filled is lost, and no torn line was left behind.
    const after = readFileSync(journalFile, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.endsWith('\n')).toBe(true);
    const stopped = readJournal(dir);
    expect(stopped.warnings).toEqual([]);
    expect(stopped.complete).toBe(false);
    const stepsBefore = before.split('\n').filter((l) => l.includes('"t":"step"')).map((l) => JSON.parse(l) as { scope: 'unit' | 'pole'; pole?: number; record: { stepId: string } });
    expect(stepsBefore.length).toBeGreaterThanOrEqual(2);
    for (const line of stepsBefore) {
      const key = line.scope === 'pole' ? `pole:${line.pole}:${line.record.stepId}` : `${line.scope}:${line.record.stepId}`;
      expect(stopped.steps.get(key)).toEqual(line.record);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // resume checks the run's folder before opening the rig: full, then read-only, are refused and change nothing.
    const full = await clampbench(['resume', dir, '--yes']);
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(new RegExp(`^clampbench: <run>: results folder ${dir} is not writable: (creating a file|writing 4096 bytes): no space left on device \\(ENOSPC\\) \\(\\d[\\d,]* bytes free, at least ${bytes(HOST_LIMITS.resultsMinFreeBytes)} needed\\)\\. Nothing was written; the rig was not opened\n$`));
    tmpfs.remount(disk, 'ro');
    const readOnly = await clampbench(['resume', dir, '--yes']);
    tmpfs.remount(disk, 'rw');
    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toMatch(new RegExp(`^clampbench: <run>: results folder ${dir} is not writable: creating a file: read-only file system \\(EROFS\\)`));
    expect(readFileSync(journalFile, 'utf8')).toBe(after);

    rmSync(filler);
    expect(freeBytes(disk)).toBeGreaterThanOrEqual(HOST_LIMITS.resultsMinFreeBytes);
    const resumed = await clampbench(['resume', dir, '--yes']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const done = readJournal(dir);
    expect(done.complete).toBe(true);
    expect(done.record.outcome).toBe('PASS');
    expect(done.warnings).toEqual([]);
    expect(readFileSync(journalFile, 'utf8').startsWith(after)).toBe(true);
    for (const [key, record] of stopped.steps) expect(done.steps.get(key)).toEqual(record);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'))).toMatchObject({ runId: stopped.runId, complete: true, outcome: 'PASS', serial: 'SN-FULL' });
  }, 180_000);
});
