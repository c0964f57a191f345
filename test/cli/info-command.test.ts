import { describe, expect, it } from 'vitest';
import { FACTORY_CAL_DATE } from '../../rigs/uno-pull/sim/factory-settings.js';
import { clampbench } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';

const ESTOP_HELD = 'sim:test/fixtures/scenarios/estop-held-at-power-on.yaml';

// Issue 18, item 6: `clampbench info` says how the rig stands, not only what it is.
describe('clampbench info', () => {
  it('shows state, homing, E-stop, guard, latched alarms and the calibration with its due date and status', async () => {
    const result = await clampbench(['info', '--port', 'sim']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^protocol {6}2\.2$/m);
    expect(result.stdout).toMatch(/^limits {8}force cap 250 N \(load cell 500 N\), test current ≤ 50 A, 5 mm\/s, travel 60 mm; a pull without load ends after 5 mm$/m);
    expect(result.stdout).toMatch(/^calibration {3}\d{4}-\d\d-01, due \d{4}-\d\d-01 \(valid; checksum [0-9A-F]{4}\); /m);
    expect(result.stdout).toMatch(/^state {9}IDLE$/m);
    expect(result.stdout).toMatch(/^E-stop {8}released; guard closed$/m);
    // A freshly booted rig at its home switch has not homed yet: the first pull will.
    expect(result.stdout).toMatch(/^position {6}0 mm; not homed \(the first pull homes it\), at the home switch$/m);
    expect(result.stdout).toMatch(/^alarms {8}none latched$/m);
  });

  it('--json carries the status and the latched alarms with what clears them', async () => {
    const result = await clampbenchInProcess(['info', '--port', 'sim', '--json']);
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ protocolMajor: 2, calDate: FACTORY_CAL_DATE, forceCapN: 250, maxSlackMm: 5, lastId: 0, latchedAlarms: [] });
    expect(info.status).toMatchObject({ state: 'IDLE', homed: false, estopPressed: false, guardOpen: false, alarms: [] });
  });

  it('names a latched alarm, its cause and what clears it, with the E-stop still pressed', async () => {
    const result = await clampbenchInProcess(['info', '--port', ESTOP_HELD]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^state {9}ALARM$/m);
    expect(result.stdout).toMatch(/^E-stop {8}PRESSED; guard closed$/m);
    expect(result.stdout).toMatch(/^alarms {8}ALARM:1 ESTOP \(E-stop pressed\): release the E-stop, then reset$/m);
    expect(result.stdout).toMatch(/^ {14}reset with: clampbench reset --port <port>$/m);
  });

  it('--json lists the latched alarm with its name, text and what clears it', async () => {
    const result = await clampbenchInProcess(['info', '--port', ESTOP_HELD, '--json']);
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(info.latchedAlarms).toEqual([{ code: 1, name: 'ESTOP', text: 'E-stop pressed', clearedBy: 'release the E-stop, then reset' }]);
    expect(info.status).toMatchObject({ state: 'ALARM', estopPressed: true, alarms: [1] });
  });
});
