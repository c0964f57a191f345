import { safeFileName } from './safe-file-name.js';

/** `2026-11-25T14-03-11-120Z-SN123`: sorts by time, names the unit, never carries a path separator from the serial. */
export function runFolderName(startedAt: Date, serial: string): string {
  return `${startedAt.toISOString().replace(/[:.]/g, '-')}-${safeFileName(serial)}`;
}
