import { beforeAll, describe, expect, it } from 'vitest';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { defaultScenarioFile, loadScenario, type Scenario } from '../../rigs/uno-pull/sim/scenario.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { systemTool } from '../support/system-tool.js';
import { buildProbeHex, LineClient } from './probe-harness.js';

const rig = loadRigDefinition();
const good = loadScenario(defaultScenarioFile, rig);
const quiet: Scenario = { ...good, noise: { adcLsb: 0, forceN: 0, seed: 1 } };
const lsbV = rig.current.adcRefV / 1024;

const avrGcc = systemTool('avr-gcc', 'gcc-avr avr-libc');

describe.skipIf(!avrGcc.available)('simulator with the probe firmware (end to end through avr8js)', () => {
  let hexPath = '';
  beforeAll(() => {
    hexPath = buildProbeHex();
  });

  async function boot(scenario: Scenario = quiet): Promise<{ sim: UnoPullSimulator; client: LineClient }> {
    const sim = new UnoPullSimulator({ hexPath, rig, calDate: null, scenario });
    const client = new LineClient(sim);
    expect(await client.nextLine(50)).toBe('probe ready');
    return { sim, client };
  }

  it('delivers the banner and answers a line over the 115200 baud UART', async () => {
    const { client } = await boot();
    expect(await client.request('X')).toBe('ok');
  });

  it('loses host bytes that arrive before the firmware enables its receiver, and says so', async () => {
    const sim = new UnoPullSimulator({ hexPath, rig, calDate: null, scenario: quiet });
    const client = new LineClient(sim);
    // At t=0 the receiver is off: the first 'Y' is lost on the wire; the probe enables its
    // UART within one character time, so 'X\n' arrives and is answered after the banner.
    sim.write('YX\n');
    expect(await client.nextLine(50)).toBe('probe ready');
    expect(await client.nextLine(50)).toBe('ok');
    expect(sim.stats.hostBytesLost).toBe(1);
    expect(sim.events.some((e) => e.kind === 'warning' && e.detail.includes('receiver was off'))).toBe(true);
  });

  it('moves 1 mm per 800 steps and loads the conductor after the slack', async () => {
    const { sim, client } = await boot();
    await client.request('S800');
    expect(sim.world.posMm).toBeCloseTo(1, 9);
    expect(sim.world.forceN).toBeCloseTo(100 * (1 - 0.5), 6);
    expect(sim.world.atHome).toBe(false);
    expect(await client.request('I')).toBe('001'); // estop LOW, guard LOW, home HIGH (away)
    await client.request('B800');
    expect(sim.world.posMm).toBeCloseTo(0, 9);
    expect(await client.request('I')).toBe('000');
  });

  it('reads the HX711 as tare + force x countsPerN', async () => {
    const { sim, client } = await boot();
    await client.request('S600'); // 0.75 mm -> 25 N
    await sim.runFor(15); // let a conversion happen at the new force
    const counts = Number(await client.request('H'));
    expect(counts).toBe(Math.round(25 * rig.loadCell.defaultCountsPerN));
  });

  it('uses the scenario\'s true tare and sensitivity and saturates on the loadCellFault fault', async () => {
    const { sim, client } = await boot({
      ...quiet,
      loadCell: { tareCounts: 1000, countsPerN: 5000 },
      faults: [{ atMs: 100, kind: 'loadCellFault', offsetN: 1e6, scale: 1 }],
    });
    expect(Number(await client.request('H'))).toBe(1000);
    await sim.runFor(100);
    expect(Number(await client.request('H'))).toBe(0x7fffff);
  });

  it('switches relays through the 74HC595 chain and reads the isolation network on A2', async () => {
    const { sim, client } = await boot();
    await client.request('R0x18,0x01,0x00'); // mux on, far terminal 1; drive pole 1
    expect(sim.world.muxByte).toBe(0x18);
    expect(sim.world.isoDriveMask).toBe(1);
    const expected = Math.floor(((5 * 100000) / 101000) * rig.isolation.dividerRatio / lsbV);
    expect(Number(await client.request(`A${rig.pins.isoAdc}`))).toBe(expected);
    await client.request('R0x19,0x01,0x00'); // far terminal 2: insulated
    expect(Number(await client.request(`A${rig.pins.isoAdc}`))).toBe(0);
  });

  it('drives the test current through the selected pole and reads drop and shunt on A0/A1', async () => {
    const { sim, client } = await boot();
    await client.request('R0,0,0x01'); // Kelvin pole 1
    await client.request('D389'); // 389/4095 x 60 A = 5.6996 A
    await client.request('C1');
    const currentA = (389 / 4095) * 60;
    expect(sim.world.actualCurrentA).toBeCloseTo(currentA, 12);
    expect(Number(await client.request(`A${rig.pins.senseAdc}`))).toBe(Math.floor((currentA * 0.0003 * 100) / lsbV));
    expect(Number(await client.request(`A${rig.pins.shuntAdc}`))).toBe(Math.floor((currentA * 0.001 * 20) / lsbV));
    await client.request('R0,0,0x03'); // two poles: the source refuses
    expect(sim.world.actualCurrentA).toBe(0);
  });

  it('reports the selected pole\'s temperature over the MAX31855 and its open-thermocouple fault', async () => {
    const { sim, client } = await boot({ ...quiet, faults: [{ atMs: 50, kind: 'thermocoupleOpen', open: true }] });
    const frame = parseInt(await client.request('T'), 16);
    expect(frame >>> 18).toBe(23 * 4);
    expect(frame & 0x10007).toBe(0);
    await sim.runFor(50);
    expect(parseInt(await client.request('T'), 16) & 0x10007).toBe(0x10001);
  });

  it('keeps EEPROM through a watchdog reset and a host reset, and the world with it', async () => {
    const { sim, client } = await boot();
    await client.request('S1000');
    expect(await client.request('E')).toBe('255');
    sim.write('W\n');
    expect(await client.nextLine(100)).toBe('probe ready');
    expect(sim.stats.watchdogResets).toBe(1);
    expect(await client.request('E')).toBe('0');
    sim.reset();
    expect(await client.nextLine(50)).toBe('probe ready');
    expect(await client.request('E')).toBe('1');
    expect(sim.world.posMm).toBeCloseTo(1.25, 9);
    const fresh = await boot();
    expect(await fresh.client.request('E')).toBe('255');
  });

  it('applies E-stop and guard from tests and scenario faults at their sim time', async () => {
    const { sim, client } = await boot({ ...quiet, faults: [{ atMs: 40, kind: 'guard', open: true }] });
    sim.setEstop(true);
    expect(await client.request('I')).toBe('100');
    await sim.runFor(40);
    expect(await client.request('I')).toBe('110');
    expect(sim.events.find((e) => e.kind === 'guard')?.timeMs).toBe(40);
  });

  it('runs at()/after() timers at their exact sim time and runFor advances exactly', async () => {
    const { sim } = await boot();
    const seen: number[] = [];
    const start = sim.timeMs;
    sim.after(10, () => seen.push(sim.timeMs));
    sim.at(start + 25, () => seen.push(sim.timeMs));
    await sim.runFor(30);
    expect(sim.timeMs).toBeCloseTo(start + 30, 3);
    expect(seen[0]).toBeCloseTo(start + 10, 3);
    expect(seen[1]).toBeCloseTo(start + 25, 3);
  });

  it('pulls the conductor out above its holding force and records the step time', async () => {
    const { sim, client } = await boot({ ...quiet, poleOverrides: { ...quiet.poleOverrides, '1': { holdingForceN: 40 } } });
    await client.request('S800'); // 1 mm: 50 N > 40 N
    const world = sim.world;
    expect(world.poles[0]?.pulledOut).toBe(true);
    expect(world.poles[0]?.pullOutForceN).toBeGreaterThan(40);
    expect(world.forceN).toBe(0);
    expect(world.lastStepPulseMs).not.toBeNull();
  });

  it('runs free in realtime mode and never ahead of the wall clock', async () => {
    const sim = new UnoPullSimulator({ hexPath, rig, calDate: null, scenario: quiet, mode: 'realtime' });
    const wallStart = performance.now();
    sim.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    sim.stop();
    const wallMs = performance.now() - wallStart;
    // Only the pacing rule is asserted: how close it keeps up is a speed figure (npm run bench),
    // and a busy CI worker may fall behind (the loop then resyncs).
    expect(sim.timeMs).toBeGreaterThan(0);
    expect(sim.timeMs).toBeLessThan(wallMs * 1.05);
  });
});
