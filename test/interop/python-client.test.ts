import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { systemTool } from '../support/system-tool.js';

// A second client, in Python, written from firmware-protocol/PROTOCOL.md alone (test/interop/),
// run against `clampbench sim --pty` as any user's program would drive the simulated rig.
const bin = fileURLToPath(new URL('../../host/cli/bin.js', import.meta.url));
const driver = fileURLToPath(new URL('./interop_run.py', import.meta.url));
const PYTHON = '/usr/bin/python3'; // Debian's interpreter: python3-serial is installed for it, not for a pyenv python3
const socat = systemTool('socat', 'socat', ['-V']);
const python = systemTool(PYTHON, 'python3', ['--version']);
const pyserial = python.available ? systemTool(PYTHON, 'python3-serial', ['-c', 'import serial']) : python;
const SIM_START_MS = 20_000;
const DRIVER_TIMEOUT_MS = 90_000; // real time: a 2 s hold pull, an aborted pull, two HOMEs, a second session and the rest take ~30 s

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** `clampbench sim --pty <path>` in a child process; resolves once it has said it is ready and the PTY exists. */
async function startSim(ptyPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, 'sim', '--pty', ptyPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stdout?.on('data', (chunk: Buffer) => void (said += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (said += chunk.toString()));
  const deadline = Date.now() + SIM_START_MS;
  while (!(said.length > 0 && existsSync(ptyPath))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`clampbench sim --pty exited (${child.exitCode ?? child.signalCode}): ${said}`);
    if (Date.now() > deadline) throw new Error(`clampbench sim --pty not ready within ${SIM_START_MS} ms: ${said}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

/** Stop a child and wait for it to exit (SIGTERM, then SIGKILL after 5 s). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function runDriver(ptyPath: string, started: ChildProcess[]): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [driver, ptyPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n(interop_run.py killed after ${DRIVER_TIMEOUT_MS} ms)\n`;
      child.kill('SIGKILL');
    }, DRIVER_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

describe.runIf(socat.available && pyserial.available)('a Python client written from PROTOCOL.md alone', () => {
  const started: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const child of started.splice(0).reverse()) await stop(child);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('drives the simulated rig behind a PTY: handshake, INFO, LIMITS, VDROP, ISO, NOT_HOMED, HOME, PULL with keep-alive, RESULT, abort, a second session, reboot, errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clampbench-interop-'));
    dirs.push(dir);
    const ptyPath = join(dir, 'rig');
    started.push(await startSim(ptyPath));
    const run = await runDriver(ptyPath, started);
    const summary = /^interop: (\d+) passed, (\d+) failed$/m.exec(run.output);
    if (run.code !== 0 || !summary || summary[2] !== '0') console.log(`interop_run.py output:\n${run.output}`);
    expect(run.code, `interop_run.py exited ${run.code ?? run.signal}:\n${run.output}`).toBe(0);
    expect(summary, `no "interop: N passed, M failed" line:\n${run.output}`).not.toBeNull();
    expect(summary?.[2], run.output).toBe('0');
    expect(Number(summary?.[1])).toBeGreaterThan(0);
  }, DRIVER_TIMEOUT_MS + SIM_START_MS + 10_000);
});
