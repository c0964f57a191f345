import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openRig } from '../../host/rig/open-rig.js';
import { startPtyBridge } from '../../host/transport/pty-bridge.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { systemTool } from '../support/system-tool.js';
import { defineRigSuite } from './rig-suite.js';

// End to end through the operating system's serial path: the simulator (real time) behind a
// socat PTY, opened with serialport's SerialPort like any /dev/tty device.
const socat = systemTool('socat', 'socat', ['-V']);
const PTY_WATCHDOG_MS = 1000;

describe.skipIf(!socat.available)('through a PTY', () => {
  defineRigSuite('a socat PTY and serialport', async () => {
    const sim = new UnoPullSimulator({ mode: 'realtime' });
    const ptyPath = join(mkdtempSync(join(tmpdir(), 'clampbench-pty-')), 'rig');
    const bridge = await startPtyBridge({ ptyPath, sim });
    const rig = await openRig(ptyPath);
    // The simulator shares two cores with socat, the host and the other test files; event-loop
    // stalls of 100-150 ms were measured, which would eat most of the default 250 ms watchdog
    // between two 100 ms keep-alives. A real rig's firmware has no such stalls.
    await rig.client.request('SET', ['watchdogMs', PTY_WATCHDOG_MS]);
    return { rig, sim, cleanup: () => bridge.stop() };
  });
});
