/**
 * PING round trip against a realtime simulator, on the wall clock, compared with its wire time
 * (request + reply characters at 115200 baud, 8N1: 24 characters = 2.08 ms with a one-digit id,
 * 28 with three digits):
 * - in process: SerialPortStream on the simulator binding;
 * - over a PTY (where socat is installed): the bridge in a child process, as `clampbench sim
 *   --pty` runs it, and bindings-cpp on the PTY here.
 * Run: node --import tsx test/transport/measure-ping-latency.ts [count]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineClient } from '../../host/link/line-client.js';
import { openTransport, type Transport } from '../../host/transport/open-transport.js';
import { startPtyBridge } from '../../host/transport/pty-bridge.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

const CHARACTER_MS = (10 * 1000) / 115200;
const WARM_UP = 20;

if (process.argv[2] === '--bridge') {
  // Child process: a realtime simulator on a PTY until SIGTERM.
  const bridge = await startPtyBridge({ ptyPath: process.argv[3] as string, sim: new UnoPullSimulator({ mode: 'realtime' }) });
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void bridge.stop().then(() => process.exit(0)));
} else {
  const count = Number(process.argv[2] ?? 200);
  const inProcess = await openTransport('sim', { realtime: true });
  try {
    report('in process', await measure(inProcess, count));
  } finally {
    await inProcess.close();
  }
  await measureOverPty(count);
}

async function measureOverPty(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-pty-'));
  const ptyPath = join(dir, 'rig');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--bridge', ptyPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const ready = await new Promise<boolean>((resolve) => {
      child.stdout.once('data', () => resolve(true));
      child.once('exit', () => resolve(false));
    });
    if (!ready) throw new Error('the bridge did not start (is socat installed?)');
    const overPty = await openTransport(ptyPath);
    try {
      report('over PTY', await measure(overPty, count));
    } finally {
      await overPty.close();
    }
  } catch (error) {
    console.log(`over PTY: not measured (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Sample {
  rttMs: number;
  wireMs: number;
}

async function measure(transport: Transport, count: number): Promise<Sample[]> {
  const client = new LineClient(transport.stream, { requestTimeoutMs: 2000 });
  let replyChars = 0;
  client.on('line', (line: string) => {
    replyChars = line.length + 1;
  });
  await new Promise((resolve) => setTimeout(resolve, 300)); // boot
  const samples: Sample[] = [];
  for (let i = 0; i < WARM_UP + count; i++) {
    const t0 = performance.now();
    await client.request('PING');
    const rttMs = performance.now() - t0;
    // "#N PING*CCCC\n" is two characters longer than its reply "#N ok*CCCC\n".
    if (i >= WARM_UP) samples.push({ rttMs, wireMs: (2 * replyChars + 2) * CHARACTER_MS });
  }
  client.close();
  return samples;
}

function report(label: string, samples: Sample[]): void {
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] as number;
  const p90 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] as number;
  const rtts = samples.map((s) => s.rttMs);
  const ratios = samples.map((s) => s.rttMs / s.wireMs);
  console.log(
    `${label}: PING round trip median ${median(rtts).toFixed(3)} ms, p90 ${p90(rtts).toFixed(3)} ms; ` +
      `median ${median(ratios).toFixed(2)} x its wire time (${median(samples.map((s) => s.wireMs)).toFixed(2)} ms); n=${samples.length}`,
  );
}
