import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only file whose lines reach the disk when `append(…, { sync: true })` returns: written
 * with one write(2) and fsynced. The folder is fsynced once at creation, so the file itself
 * survives a power cut too.
 *
 * A line is on disk whole or not at all: a write the file system cut short (a disk that filled up
 * mid-line) is cut back off before the error is thrown, and a torn last line left by a killed
 * process is cut off when the file is opened again, so a line appended later can never be glued
 * to a fragment (which would make the journal unreadable from that line on).
 */
export class AppendOnlyFile {
  private fd: number | null;
  /** Bytes in the file that end with a whole line. */
  private sizeBytes: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a+');
    this.sizeBytes = wholeLinesBytes(this.fd);
    if (this.sizeBytes < fstatSync(this.fd).size) ftruncateSync(this.fd, this.sizeBytes);
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  append(line: string, options: { sync: boolean }): void {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
      if (options.sync) fsyncSync(this.fd);
    } catch (error) {
      if (written > 0) {
        try {
          ftruncateSync(this.fd, this.sizeBytes);
        } catch {
          // The reader still ignores a torn last line; the next open cuts it off.
        }
      }
      throw error;
    }
    this.sizeBytes += bytes.length;
  }

  close(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}

/** Length of the file up to and including its last newline. */
function wholeLinesBytes(fd: number): number {
  const size = fstatSync(fd).size;
  const chunk = Buffer.alloc(4096);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const read = readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) return start + newline + 1;
    end = start;
  }
  return 0;
}
