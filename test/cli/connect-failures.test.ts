import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { openTransport, type Transport } from '../../host/transport/open-transport.js';
import { startPtyBridge, type PtyBridge } from '../../host/transport/pty-bridge.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { clampbench } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';
import { systemTool } from '../support/system-tool.js';


const ptyDir = mkdtempSync(join(tmpdir(), 'clampbench-fake-'));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A PTY whose other end is a shell command (no ':' or ',' in it: socat parses those): some other device on a serial port. */
async function fakeDevice(name: string, shellCommand: string): Promise<string> {
  const path = join(ptyDir, name);
  // Its own process group, so stopping it also stops the shell socat started.
  const socat: ChildProcess = spawn('socat', [`PTY,link=${path},raw,echo=0`, `SYSTEM:${shellCommand}`], { stdio: 'ignore', detached: true });
  cleanups.push(() => {
    if (socat.pid !== undefined) process.kill(-socat.pid, 'SIGTERM');
  });
  for (let waitedMs = 0; !existsSync(path); waitedMs += 20) {
    if (waitedMs > 5000) throw new Error(`socat made no PTY at ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return path;
}

describe('connecting to something that is not a usable rig: a clear message and exit code 2', () => {
  it('an unknown path', async () => {
    const result = await clampbenchInProcess(['info', '--port', '/dev/ttyNOPE0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/dev/ttyNOPE0: no such serial port');
  });

  it('a wrong baud rate (the simulated UART garbles both ways)', async () => {
    const result = await clampbench(['info', '--port', 'sim', '--baud', '9600']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/wrong baud rate\? clampbench talks at 115200 8N1/);
  });

  it('a bad --baud value', async () => {
    const result = await clampbenchInProcess(['info', '--port', 'sim', '--baud', 'fast']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--baud: value "fast" is not allowed; expected a number from 300 to 2000000');
  });

  const socat = systemTool('socat', 'socat', ['-V']);
  describe.skipIf(!socat.available)('over PTYs', () => {
    it('a busy port (another program holds it)', async () => {
      const sim = new UnoPullSimulator({ mode: 'realtime' });
      const ptyPath = join(ptyDir, 'busy');
      const bridge: PtyBridge = await startPtyBridge({ ptyPath, sim });
      cleanups.push(() => bridge.stop());
      const holder: Transport = await openTransport(ptyPath);
      cleanups.unshift(() => holder.close());
      const result = await clampbench(['info', '--port', ptyPath]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${ptyPath} is in use by another program`);
    });

    it('a silent device', async () => {
      const path = await fakeDevice('silent', 'sleep 60');
      const result = await clampbench(['info', '--port', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`no answer from ${path} within \\d+ ms: is a clampbench rig connected, powered and at 115200 baud\\?`));
    });

    it('a device that is not clampbench firmware', async () => {
      const path = await fakeDevice('blink', 'while true; do echo "Hello from MegaBlink"; sleep 0.2; done');
      const result = await clampbench(['info', '--port', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${path} is not clampbench firmware: it sent "Hello from MegaBlink"`);
    });

    it('a clampbench rig of another protocol major', async () => {
      const banner = sealLine('clampbench fw=9.0.0 proto=3.0 rig=FUTURE-1');
      const path = await fakeDevice('future', `while true; do echo '${banner}'; sleep 0.2; done`);
      const result = await clampbench(['info', '--port', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('rig speaks protocol 3.0, this host speaks 2.x; update the host or reflash the firmware');
    });
  });
});
