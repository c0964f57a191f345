import { main } from '../../host/cli/main.js';
import type { CliExit } from './clampbench-cli.js';

type Write = typeof process.stdout.write;

/**
 * `clampbench …` through the CLI's own main() in this test process, in `cwd`, with what it writes
 * to stdout and stderr captured: for tests of messages and exit codes over many inputs, where each
 * spawned CLI would cost about 1.5 s of CPU to start. The spawned CLI (clampbench-cli.ts) stays the
 * evidence for the process itself (bin.js, exit status, signals); a test using this one spawns at
 * least one case of the same kind too. Calls must not overlap: the streams and the working folder
 * are the process's own.
 */
export async function clampbenchInProcess(args: readonly string[], cwd = process.cwd()): Promise<CliExit> {
  let stdout = '';
  let stderr = '';
  const capture = (append: (text: string) => void): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as Write;
  const out = process.stdout.write;
  const err = process.stderr.write;
  const wasCwd = process.cwd();
  const wasExitCode = process.exitCode;
  process.chdir(cwd);
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  try {
    process.exitCode = undefined;
    const code = await main(['node', 'clampbench', ...args]);
    return { code, signal: null, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = wasExitCode;
    process.chdir(wasCwd);
  }
}
