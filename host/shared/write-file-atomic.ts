import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Write to a temp file, fsync, rename: a reader never sees half a file. */
export function writeFileAtomic(filePath: string, text: string): void {
  const tempPath = `${filePath}.${process.pid}.tmp`;
  const fd = openSync(tempPath, 'w');
  try {
    // A write(2) may take only part of the bytes (a disk filling up): go on until all are in or it fails.
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    // A full disk: leave no half-written temp file behind.
    closeSync(fd);
    rmSync(tempPath, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(tempPath, filePath);
}
