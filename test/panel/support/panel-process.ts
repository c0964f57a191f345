import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAMPBENCH_BIN } from '../../support/clampbench-cli.js';

/** A `clampbench panel` child process, serving on a free port. */
export interface PanelProcess {
  /** The URL it printed (with the token when it made one). */
  url: string;
  /** http://127.0.0.1:<port>/ without the token: where a test sends its own requests. */
  base: string;
  token: string | null;
  results: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** SIGINT, then the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

/** Start `clampbench panel <args>` (with `--out <a new folder>` unless a station file is given) and wait for the URL it prints. */
export function startPanel(args: readonly string[], timeoutMs = 60_000): Promise<PanelProcess> {
  const results = mkdtempSync(join(tmpdir(), 'clampbench-panel-'));
  const out = args.includes('--config') ? [] : ['--out', results];
  const child = spawn(process.execPath, [CLAMPBENCH_BIN, 'panel', ...out, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the panel printed no URL within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    const look = (): void => {
      const match = /open (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const url = new URL(match[1]!);
      resolve({
        url: url.href,
        base: `http://127.0.0.1:${url.port}/`,
        token: url.searchParams.get('token'),
        results,
        child,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGINT');
          return exited;
        },
      });
    };
    child.stdout.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the panel exited (${code}) before printing its URL\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

/** POST a JSON body to the panel's API. */
export async function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: { ok?: boolean; error?: string } }> {
  const response = await fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { ok?: boolean; error?: string } };
}
