import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';

/**
 * A file that appears complete or not at all: `write` fills a temp file in the same folder (so the
 * rename cannot cross file systems), which is renamed over `filePath` when it succeeds and removed
 * when it fails. Whether the data reaches the disk before the rename is up to `write` (the CSV
 * writer fsyncs as it closes).
 */
export async function writeViaTempFile<T>(filePath: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const tempPath = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const result = await write(tempPath);
    await rename(tempPath, filePath);
    return result;
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}
