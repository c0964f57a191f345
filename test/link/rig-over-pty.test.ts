import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openRig } from '../../host/cli/open-rig.js';
import { startPtyBridge } from '../../host/transport/pty-bridge.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { systemTool } from '../support/system-tool.js';
import { defineRigSuite } from './rig-suite.js';

// End to end through the operating system's serial path: the simulator (real time) behind a
// socat PTY, opened with @serialport/bindings-cpp like any /dev/tty device.
const socat = systemTool('socat', 'socat', ['-V']);

describe.skipIf(!socat.available)('through a PTY', () => {
  defineRigSuite('a socat PTY and @serialport/bindings-cpp', async () => {
    const sim = new UnoPullSimulator({ mode: 'realtime' });
    const ptyPath = join(mkdtempSync(join(tmpdir(), 'clampbench-pty-')), 'rig');
    const bridge = await startPtyBridge({ ptyPath, sim });
    const rig = await openRig(ptyPath);
    return { rig, sim, cleanup: () => bridge.stop() };
  });
});
