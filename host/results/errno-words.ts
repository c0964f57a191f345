import { getSystemErrorMap } from 'node:util';

/** A file-system error as a person reads it: `no space left on device (ENOSPC)`; other errors by their message. */
export function errnoInWords(error: unknown): string {
  const { code, errno } = (error ?? {}) as NodeJS.ErrnoException;
  const words = typeof errno === 'number' ? getSystemErrorMap().get(errno)?.[1] : undefined;
  if (code && words) return `${words} (${code})`;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}
