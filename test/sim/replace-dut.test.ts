import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vdropReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { loadScenario, type Scenario } from '../../rigs/uno-pull/sim/scenario.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';
import { runPull } from '../support/pull.js';

// replaceDut: the operator swaps the unit while the firmware keeps running. The first unit is
// made to fail hard (pole 1 creeps from 25 N and lets go at ~35 N, fast thermal mass) so that
// slip, pull-out and heating are all visible before the swap.
const rig = loadRigDefinition();
const spreadFile = join(fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url)), 'good-831-1104-10mm2-spread.yaml');
const base = loadScenario(spreadFile, rig);
const scenario: Scenario = {
  ...base,
  name: 'spread population, pole 1 weak and thermally fast',
  poleOverrides: { ...base.poleOverrides, 1: { holdingForceN: 35, slipOnsetN: 25, slipRateMmPerSPerN: 0.002, timeConstantS: 5 } },
  spread: base.spread ? { ...base.spread, holdingForceN: { sigma: 1 }, slipOnsetN: { sigma: 1 } } : undefined,
};
const HEAT_CURRENT_A = 20;
const TEST_CURRENT_A = 5.7;

describe('UnoPullSimulator.replaceDut', () => {
  let session: FirmwareSession;
  beforeAll(async () => {
    session = await openFirmwareSession({ scenario, unitSeed: 5 });
  });
  afterAll(() => session.close());

  it('mounts the unit named by the unitSeed option', () => {
    expect(session.sim.dutTruth.unitSeed).toBe(5);
    expect(session.sim.dutTruth).toEqual(new UnoPullSimulator({ scenario, unitSeed: 5, hexPath: null }).dutTruth);
    expect(session.sim.dutTruth).not.toEqual(new UnoPullSimulator({ scenario, unitSeed: 6, hexPath: null }).dutTruth);
  });

  it('puts in a fresh unit: conductors back in, no slip, at ambient, new draw; the MCU keeps running', async () => {
    const { sim, client } = session;
    const first = sim.dutTruth;
    // Heat pole 1, then pull it out of its clamp.
    await client.request('POLE', [1]);
    const stopKeepAlive = session.keepAlive();
    await client.request('HEAT', [HEAT_CURRENT_A]);
    await session.sleep(10_000);
    await client.request('HEAT', [0]);
    stopKeepAlive();
    expect(sim.world.poles[0]?.temperatureC).toBeGreaterThan(scenario.ambientC + 2);
    const { done } = await runPull(session, [45, 30, 2000]);
    expect(done.result).toBe('pullout');
    const before = sim.world.poles[0];
    expect(before?.pulledOut).toBe(true);
    expect(before?.slipMm).toBeGreaterThan(0);

    const resets = sim.stats.resets;
    sim.replaceDut(6);
    expect(sim.stats.resets).toBe(resets);
    expect(sim.events.at(-1)).toMatchObject({ kind: 'dut', detail: 'replaced unitSeed=6' });
    expect(sim.world.poles).toHaveLength(4);
    for (const pole of sim.world.poles) {
      expect(pole).toMatchObject({ slipMm: 0, pulledOut: false, pullOutForceN: 0, temperatureC: scenario.ambientC });
    }
    const second = sim.dutTruth;
    expect(second.unitSeed).toBe(6);
    expect(second.poles.map((p) => p.params)).not.toEqual(first.poles.map((p) => p.params));

    // The firmware, never reset, measures the new unit's pole 1.
    await expect(client.request('PING')).resolves.toMatchObject({ kind: 'ok' });
    const reply = vdropReplyFromFields((await client.request('VDROP', [1, TEST_CURRENT_A])).fields);
    const truthMilliohm = second.poles[0]?.params.contactResistanceMilliohm ?? 0;
    expect(Math.abs((reply?.resistanceMilliohm ?? 0) - truthMilliohm) / truthMilliohm).toBeLessThan(0.01);

    // The same seed gives the same unit again.
    sim.replaceDut(5);
    expect(sim.dutTruth).toEqual(first);
  });

  it('refuses a swap while the carriage would stretch the new conductor', async () => {
    const { sim, client } = session;
    await client.request('POLE', [2]);
    const stopKeepAlive = session.keepAlive();
    try {
      const loaded = client.waitFor('sample', (s) => s.forceN > 20, 30_000);
      const done = client.waitFor('done', (m) => m.operation === 'PULL', 60_000);
      await client.request('PULL', [40, 30, 1000]);
      await loaded;
      expect(() => sim.replaceDut(7)).toThrow(/return home first/);
      await done;
    } finally {
      stopKeepAlive();
    }
    expect(() => sim.replaceDut(7)).not.toThrow();
    expect(() => sim.replaceDut(-1)).toThrow(RangeError);
  });
});
