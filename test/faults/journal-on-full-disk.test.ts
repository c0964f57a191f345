import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppendOnlyFile } from '../../host/results/journal/journal-file.js';
import { tmpfsMounts } from './fixtures/tmpfs.js';

const PAGE_BYTES = 4096;

/** Fill the file system to the last byte, except what is left in already allocated pages. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1024 * 1024, PAGE_BYTES, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

const tmpfs = tmpfsMounts('cb-journal-full-');
afterAll(() => tmpfs.cleanUp());

describe.skipIf(!tmpfs.available)('the journal file on a disk that fills up', () => {
  it('cuts a line the file system took only part of back off, so the file keeps whole lines only', () => {
    const disk = tmpfs.mount('full', 1024 * 1024);
    const file = new AppendOnlyFile(join(disk, 'journal.jsonl'));
    file.append('{"t":"first"}', { sync: true });
    fillUp(join(disk, 'filler'));
    // The first line's page has 4082 bytes of slack: a longer line gets that much on disk, then ENOSPC.
    const long = `{"t":"long","pad":"${'x'.repeat(2 * PAGE_BYTES)}"}`;
    expect(() => file.append(long, { sync: true })).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(readFileSync(join(disk, 'journal.jsonl'), 'utf8')).toBe('{"t":"first"}\n');
    // A short line still fits in the page's slack, right after the last whole line.
    file.append('{"t":"second"}', { sync: true });
    file.close();
    expect(readFileSync(join(disk, 'journal.jsonl'), 'utf8')).toBe('{"t":"first"}\n{"t":"second"}\n');
  });

});

describe('the journal file after a kill mid-write', () => {
  it('cuts off a torn last line (a process killed mid-write) when the file is opened again, before appending', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cb-journal-torn-')), 'journal.jsonl');
    appendFileSync(path, '{"t":"whole"}\n{"t":"to');
    const file = new AppendOnlyFile(path);
    file.append('{"t":"resumed"}', { sync: true });
    file.close();
    expect(readFileSync(path, 'utf8')).toBe('{"t":"whole"}\n{"t":"resumed"}\n');
  });
});
