import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI as a user starts it: `node host/cli/bin.js …`. */
export const CLAMPBENCH_BIN = fileURLToPath(new URL('../../host/cli/bin.js', import.meta.url));

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `clampbench …` run to its end, blocking: for tests where nothing else in this process must run meanwhile. */
export function clampbenchSync(args: readonly string[], timeoutMs = 180_000): CliExit {
  const run = spawnSync(process.execPath, [CLAMPBENCH_BIN, ...args], { encoding: 'utf8', timeout: timeoutMs });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/**
 * `clampbench …` as a child process, asynchronous, so a simulator in this process keeps running
 * meanwhile. `watch` is called every 10 ms while the child runs, until it returns true (e.g. to
 * SIGKILL the child at a chosen moment). Resolves once the child's output is closed.
 */
export function clampbench(args: readonly string[], watch?: (child: ChildProcess) => boolean): Promise<CliExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLAMPBENCH_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const poll = watch ? setInterval(() => watch(child) && clearInterval(poll), 10) : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
