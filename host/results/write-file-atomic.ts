import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Write to a temp file, fsync, rename: a reader never sees half a file. */
export function writeFileAtomic(filePath: string, text: string): void {
  const tempPath = `${filePath}.${process.pid}.tmp`;
  const fd = openSync(tempPath, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tempPath, filePath);
}
