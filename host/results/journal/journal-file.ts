import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only file whose lines reach the disk when `append(…, { sync: true })` returns: written
 * with one write(2) and fsynced. The folder is fsynced once at creation, so the file itself
 * survives a power cut too.
 */
export class AppendOnlyFile {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  append(line: string, options: { sync: boolean }): void {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    writeSync(this.fd, `${line}\n`);
    if (options.sync) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}
