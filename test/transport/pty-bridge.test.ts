import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClock } from '../../host/shared/clock.js';
import { LineClient } from '../../host/link/line-client.js';
import { openTransport, type Transport } from '../../host/transport/open-transport.js';
import { startPtyBridge, type PtyBridge } from '../../host/transport/pty-bridge.js';
import { TransportError } from '../../host/transport/transport-error.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { systemTool } from '../support/system-tool.js';

const socat = systemTool('socat', 'socat', ['-V']);

describe.skipIf(!socat.available)('the simulator on a socat PTY, opened with serialport', () => {
  let dir: string;
  let sim: UnoPullSimulator;
  let bridge: PtyBridge;
  let transport: Transport;
  let wallAtStartMs: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clampbench-pty-'));
    sim = new UnoPullSimulator({ mode: 'realtime' });
    wallAtStartMs = performance.now();
    bridge = await startPtyBridge({ ptyPath: join(dir, 'rig'), sim });
    transport = await openTransport(bridge.ptyPath);
  });

  afterAll(async () => {
    await transport?.close();
    await bridge?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers INFO on the wall clock while the simulator runs in real time', async () => {
    expect(transport.where).toBe(bridge.ptyPath);
    expect(transport.clock).toBe(wallClock);
    expect(transport.sim).toBeUndefined();
    // No DTR on a PTY: the board booted when the bridge started it; the handshake takes the banner
    // if it is still in the PTY's buffer and asks INFO otherwise.
    const client = new LineClient(transport.stream, { requestTimeoutMs: 1000 });
    try {
      await client.connect({ bannerWaitMs: 1000, where: transport.where });
      const info = await client.request('INFO');
      expect(info.fields.board).toBe('uno');
    } finally {
      client.close();
    }
    expect(sim.isRunning).toBe(true);
    expect(sim.mode).toBe('realtime');
    // Simulated time goes on, and never ahead of the wall clock (a pacing resync may lead by one
    // 2 ms slice). How far it lags depends on the machine's load, so that is not checked here.
    const simBeforeMs = sim.timeMs;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.timeMs).toBeGreaterThan(simBeforeMs);
    expect(sim.timeMs).toBeLessThan(performance.now() - wallAtStartMs + 2);
  });

  it('refuses a second open of the PTY while it is open: busy', async () => {
    const error = await openTransport(bridge.ptyPath).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).reason).toBe('busy');
    expect((error as TransportError).message).toContain(`${bridge.ptyPath} is in use by another program`);
  });

  it('opens again once the first holder has closed', async () => {
    await transport.close();
    transport = await openTransport(bridge.ptyPath);
    const client = new LineClient(transport.stream, { requestTimeoutMs: 1000 });
    try {
      await client.request('PING');
    } finally {
      client.close();
    }
  });

  it('stops socat (which removes its link) and the simulator it started', async () => {
    await transport.close();
    await bridge.stop();
    expect(existsSync(bridge.ptyPath)).toBe(false);
    expect(sim.isRunning).toBe(false);
  });
});

describe('startPtyBridge refusals', () => {
  it('names the Debian package when socat is missing', async () => {
    const sim = new UnoPullSimulator({ mode: 'realtime' });
    await expect(startPtyBridge({ ptyPath: join(tmpdir(), 'never-made'), sim, socatPath: '/nonexistent/socat' })).rejects.toThrow(
      '/nonexistent/socat not found: the PTY bridge needs socat (Debian package socat: apt-get install socat)',
    );
    expect(sim.isRunning).toBe(false);
  });

  it('wants a realtime simulator', async () => {
    const sim = new UnoPullSimulator({ mode: 'fast' });
    await expect(startPtyBridge({ ptyPath: join(tmpdir(), 'never-made'), sim })).rejects.toThrow(/realtime mode/);
  });
});
