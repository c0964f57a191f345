import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTING_LIMITS } from '../../firmware-protocol/generated/commands.js';
import { startPtyBridge, type PtyBridge } from '../../host/transport/pty-bridge.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { firstEventAt } from './support/world-timing.js';
import { systemTool } from '../support/system-tool.js';

const bin = fileURLToPath(new URL('../../host/cli/bin.js', import.meta.url));
const heatPlan = fileURLToPath(new URL('../fixtures/plans/heat-pole-1.yaml', import.meta.url));
const socat = systemTool('socat', 'socat', ['-V']);
/** The firmware trips up to 2 ms early (its millis() tick); more than this early would be another cause. */
const WATCHDOG_EARLY_MS = 20;

/**
 * When the MCU received the host's last line end before `atMs`: what the watchdog counts from. Taken from
 * the simulated UART, not from when the test saw the host write: on a loaded machine the bytes of a write
 * can reach the MCU later than the write (seen: 90 ms), which made a correct stop look late.
 */
function lastLineBefore(sim: UnoPullSimulator, atMs: number): number {
  const ends = sim.hostLineEndsMs.filter((t) => t <= atMs);
  return ends.length > 0 ? Math.max(...ends) : Number.NEGATIVE_INFINITY;
}

interface Kill {
  /** Simulated time of the host's last byte before the kill, and of the kill. */
  lastHostByteMs: number;
  killedAtMs: number;
}

/**
 * A realtime simulator behind a PTY (no DTR: the board keeps running when the host dies), with
 * `clampbench run` on it in a child process, SIGKILLed once `when` holds. Resolves when the rig has
 * had 1 s of simulated time without its host.
 */
async function killHostWhen(args: string[], when: (sim: UnoPullSimulator) => boolean, cleanup: Array<() => Promise<void>>): Promise<{ sim: UnoPullSimulator; kill: Kill }> {
  const sim = new UnoPullSimulator({ mode: 'realtime' });
  let lastHostByteMs = 0;
  const write = sim.write.bind(sim);
  sim.write = (data) => {
    // After the write: a realtime simulator first catches up with the wall clock, then takes the
    // bytes, one character time (10 bits at 115200 baud) apart.
    write(data);
    lastHostByteMs = sim.timeMs + (data.length * 10_000) / 115_200;
  };
  const ptyPath = join(mkdtempSync(join(tmpdir(), 'cb-kill-pty-')), 'rig');
  const bridge: PtyBridge = await startPtyBridge({ ptyPath, sim });
  cleanup.push(() => bridge.stop());
  const out = mkdtempSync(join(tmpdir(), 'cb-kill-out-'));
  const child: ChildProcess = spawn(process.execPath, [bin, 'run', '--port', ptyPath, '--serial', 'KILLED', '--yes', '--out', out, ...args], { stdio: 'ignore' });
  cleanup.push(async () => void child.kill('SIGKILL'));
  const kill = await new Promise<Kill>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`clampbench exited (${code}) before the moment to kill it`)));
    const poll = (): void => {
      if (!when(sim)) {
        sim.after(1, poll);
        return;
      }
      child.removeAllListeners('exit');
      child.kill('SIGKILL');
      resolve({ lastHostByteMs, killedAtMs: sim.timeMs });
    };
    sim.after(1, poll);
  });
  await new Promise<void>((resolve) => sim.after(1000, resolve));
  return { sim, kill };
}

describe.runIf(socat.available)('host killed (SIGKILL) with the rig busy: the firmware makes it safe on its own', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  it('mid-pull: the motor stops at most watchdogMs after the host last spoke', async () => {
    const { sim, kill } = await killHostWhen([], (s) => s.world.forceN >= 20, cleanup);
    const stoppedAtMs = firstEventAt(sim.events, 'motorEnable', 'disabled', kill.lastHostByteMs);
    const world = sim.world;
    expect(world.motorEnabled).toBe(false);
    expect(world.currentEnabled).toBe(false);
    expect(stoppedAtMs).not.toBeNull();
    const silentMs = (stoppedAtMs ?? Infinity) - lastLineBefore(sim, stoppedAtMs ?? Infinity);
    expect(silentMs).toBeLessThanOrEqual(SETTING_LIMITS.watchdogMs.default);
    expect(silentMs).toBeGreaterThan(SETTING_LIMITS.watchdogMs.default - WATCHDOG_EARLY_MS);
    expect(world.lastStepPulseMs ?? Infinity).toBeLessThanOrEqual(stoppedAtMs ?? 0);
    console.log(`killed mid-pull at ${kill.killedAtMs.toFixed(1)} ms: motor off ${silentMs.toFixed(1)} ms after the host's last line`);
  });

  it('mid-current (temperature rise at 41 A): the current goes off at most watchdogMs after the host last spoke', async () => {
    const { sim, kill } = await killHostWhen(['--plan', heatPlan], (s) => s.world.currentEnabled && s.world.actualCurrentA > 30, cleanup);
    const offAtMs = firstEventAt(sim.events, 'currentEnable', 'off', kill.lastHostByteMs);
    expect(sim.world.currentEnabled).toBe(false);
    expect(offAtMs).not.toBeNull();
    const silentMs = (offAtMs ?? Infinity) - lastLineBefore(sim, offAtMs ?? Infinity);
    expect(silentMs).toBeLessThanOrEqual(SETTING_LIMITS.watchdogMs.default);
    expect(silentMs).toBeGreaterThan(SETTING_LIMITS.watchdogMs.default - WATCHDOG_EARLY_MS);
    console.log(`killed with the current on at ${kill.killedAtMs.toFixed(1)} ms: current off ${silentMs.toFixed(1)} ms after the host's last line`);
  });
});
