import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isoReplyFromFields, vdropReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { DeviceError } from '../../host/link/line-client.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { DutTwin, type DutTruth } from '../../rigs/uno-pull/sim/dut-twin.js';
import { loadScenario } from '../../rigs/uno-pull/sim/scenario.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';
import { runPull } from '../support/pull.js';

// The fault scenarios of the test-plan issue: the truth each one carries, and that the real
// firmware sees the fault (VDROP, ISO, PULL) on the faulty pole and nothing on the others.
const rig = loadRigDefinition();
const scenarioFile = (name: string): string => join(fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url)), `${name}.yaml`);
const truthOf = (name: string): DutTruth => new DutTwin(loadScenario(scenarioFile(name), rig)).truth();

const TEST_CURRENT_A = 5.7;
const VDROP_LIMIT_MV = 3.2;
const PRODUCTION_FORCE_N = 45;
const IEC_FORCE_10MM2_N = 90;
const PULL_RATE_NPS = 30;
const SLIP_LIMIT_MM = 0.5;

async function withSession<T>(name: string, body: (session: FirmwareSession) => Promise<T>): Promise<T> {
  const session = await openFirmwareSession({ scenario: scenarioFile(name) });
  try {
    return await body(session);
  } finally {
    session.close();
  }
}

async function vdropMv(session: FirmwareSession, pole: number): Promise<number> {
  const reply = vdropReplyFromFields((await session.client.request('VDROP', [pole, TEST_CURRENT_A])).fields);
  if (!reply) throw new Error('malformed VDROP reply');
  return reply.dropMv;
}

async function iso(session: FirmwareSession) {
  return isoReplyFromFields((await session.client.request('ISO', [session.sim.scenario.poles])).fields);
}

describe('fault scenarios: the truth shows the fault', () => {
  it.each(['good-831-1104-10mm2-spread', 'open-pole-2', 'high-resistance-pole-3', 'short-2-3', 'weak-clamp-pole-4', 'shallow-insertion-pole-1', 'empty-pole-2', 'loose-conductor-pole-2'])('loads %s', (name) => {
    expect(() => loadScenario(scenarioFile(name), rig)).not.toThrow();
  });

  it('open-pole-2: pole 2 reaches no far end', () => {
    expect(truthOf('open-pole-2').poles.map((p) => p.farEnd)).toEqual([1, 0, 3, 4]);
  });

  it('empty-pole-2: pole 2 has no conductor and reaches no far end; the others are in', () => {
    const truth = truthOf('empty-pole-2');
    expect(truth.poles.map((p) => p.conductorInserted)).toEqual([true, false, true, true]);
    expect(truth.poles.map((p) => p.farEnd)).toEqual([1, 0, 3, 4]);
  });

  it('loose-conductor-pole-2: pole 2 is wired and in, but held below the 2 N preload of a pull', () => {
    const pole2 = truthOf('loose-conductor-pole-2').poles[1];
    expect(pole2).toMatchObject({ conductorInserted: true, farEnd: 2 });
    expect(pole2?.params.holdingForceN).toBeLessThan(2);
  });

  it('high-resistance-pole-3: only pole 3 is over the 3.2 mV limit at 5.7 A', () => {
    const overLimit = truthOf('high-resistance-pole-3').poles.filter((p) => p.params.contactResistanceMilliohm * TEST_CURRENT_A > VDROP_LIMIT_MV);
    expect(overLimit.map((p) => p.pole)).toEqual([3]);
    expect(overLimit[0]?.params.contactResistanceMilliohm).toBe(0.9);
  });

  it('short-2-3: poles 2 and 3 are shorted, the wiring is straight', () => {
    const truth = truthOf('short-2-3');
    expect(truth.shorts).toEqual([{ poles: [2, 3], ohm: 0.1 }]);
    expect(truth.poles.map((p) => p.shortedTo)).toEqual([[], [3], [2], []]);
    expect(truth.poles.map((p) => p.farEnd)).toEqual([1, 2, 3, 4]);
  });

  it('weak-clamp-pole-4: creeps between the production force and the IEC force, holds above it', () => {
    const pole4 = truthOf('weak-clamp-pole-4').poles[3]?.params;
    expect(pole4?.slipOnsetN).toBeGreaterThan(PRODUCTION_FORCE_N);
    expect(pole4?.slipOnsetN).toBeLessThan(IEC_FORCE_10MM2_N);
    expect(pole4?.holdingForceN).toBeGreaterThan(IEC_FORCE_10MM2_N + 20);
    // Creep at 90 N passes the slip limit within the first ~10 s of the hold.
    const creepMmPerS = ((pole4?.slipRateMmPerSPerN ?? 0) * (IEC_FORCE_10MM2_N - (pole4?.slipOnsetN ?? 0)));
    expect(SLIP_LIMIT_MM / creepMmPerS).toBeLessThan(10);
  });

  it('shallow-insertion-pole-1: pole 1 is over the voltage-drop limit and lets go below the production force', () => {
    const pole1 = truthOf('shallow-insertion-pole-1').poles[0]?.params;
    expect((pole1?.contactResistanceMilliohm ?? 0) * TEST_CURRENT_A).toBeGreaterThan(VDROP_LIMIT_MV);
    expect(pole1?.holdingForceN).toBeLessThan(PRODUCTION_FORCE_N);
    expect(pole1?.slipOnsetN).toBeLessThanOrEqual(pole1?.holdingForceN ?? 0);
  });
});

describe('fault scenarios through the real firmware', () => {
  it('good population: five units in a row (replaceDut) measure their drawn resistance, all under 3.2 mV', async () => {
    await withSession('good-831-1104-10mm2-spread', async (session) => {
      for (const unitSeed of [11, 12, 13, 14, 15]) {
        session.sim.replaceDut(unitSeed);
        expect(session.sim.dutTruth.poles.map((p) => p.pole)).toEqual([1, 2, 3, 4]);
        for (const truth of session.sim.dutTruth.poles) {
          const mv = await vdropMv(session, truth.pole);
          expect(mv).toBeLessThan(VDROP_LIMIT_MV);
          const truthMv = truth.params.contactResistanceMilliohm * TEST_CURRENT_A;
          expect(Math.abs(mv - truthMv) / truthMv, `unit ${unitSeed} pole ${truth.pole}`).toBeLessThan(0.02);
        }
        expect(await iso(session)).toEqual({ farEndByPole: [1, 2, 3, 4], shortedPairs: [] });
      }
    });
  });

  it('open-pole-2: ISO maps pole 2 to 0 and VDROP on pole 2 answers OPEN_CIRCUIT (14)', async () => {
    await withSession('open-pole-2', async (session) => {
      expect(await iso(session)).toEqual({ farEndByPole: [1, 0, 3, 4], shortedPairs: [] });
      const failure = await session.client.request('VDROP', [2, TEST_CURRENT_A]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DeviceError);
      expect((failure as DeviceError).code).toBe(ErrorCode.OPEN_CIRCUIT);
      expect(ErrorCode.OPEN_CIRCUIT).toBe(14);
      expect(await vdropMv(session, 1)).toBeLessThan(VDROP_LIMIT_MV);
    });
  });

  // What a PULL on it does (result=noload) is in test/firmware/pull-noload.test.ts.
  it('empty-pole-2: ISO maps pole 2 to 0 and VDROP on pole 2 answers OPEN_CIRCUIT (14)', async () => {
    await withSession('empty-pole-2', async (session) => {
      expect(await iso(session)).toEqual({ farEndByPole: [1, 0, 3, 4], shortedPairs: [] });
      const failure = await session.client.request('VDROP', [2, TEST_CURRENT_A]).catch((error: unknown) => error);
      expect((failure as DeviceError).code).toBe(ErrorCode.OPEN_CIRCUIT);
      expect(await vdropMv(session, 3)).toBeLessThan(VDROP_LIMIT_MV);
    });
  });

  it('high-resistance-pole-3: VDROP reads ~5.1 mV on pole 3, under 3.2 mV on the others', async () => {
    await withSession('high-resistance-pole-3', async (session) => {
      expect(await vdropMv(session, 3)).toBeCloseTo(0.9 * TEST_CURRENT_A, 1);
      for (const pole of [1, 2, 4]) expect(await vdropMv(session, pole)).toBeLessThan(VDROP_LIMIT_MV);
      expect(await iso(session)).toEqual({ farEndByPole: [1, 2, 3, 4], shortedPairs: [] });
    });
  });

  it('short-2-3: ISO answers shorts=2-3 with a straight map', async () => {
    await withSession('short-2-3', async (session) => {
      expect(await iso(session)).toEqual({ farEndByPole: [1, 2, 3, 4], shortedPairs: [[2, 3]] });
    });
  });

  it('weak-clamp-pole-4: holds the 45 N production pull without slip, slips past 0.5 mm at 90 N without pulling out', async () => {
    await withSession('weak-clamp-pole-4', async (session) => {
      await session.client.request('POLE', [4]);
      const production = await runPull(session, [PRODUCTION_FORCE_N, PULL_RATE_NPS, 2000]);
      expect(production.done.result).toBe('held');
      expect(production.done.slipMm).toBeLessThan(0.05);
      expect(session.sim.world.poles[3]?.slipMm).toBe(0);

      const typeTest = await runPull(session, [IEC_FORCE_10MM2_N, PULL_RATE_NPS, 60_000]);
      expect(typeTest.done.result).toBe('slip');
      expect(typeTest.done.slipMm).toBeGreaterThan(SLIP_LIMIT_MM);
      // It ended early: the slip limit was reached within ~10 s of the hold, not after 60 s.
      expect(typeTest.done.durationMs).toBeLessThan(20_000);
      expect(session.sim.world.poles[3]?.pulledOut).toBe(false);
    });
  });

  it('shallow-insertion-pole-1: VDROP over the limit on pole 1 and a pull-out at ~35 N during the 45 N pull', async () => {
    await withSession('shallow-insertion-pole-1', async (session) => {
      expect(await vdropMv(session, 1)).toBeCloseTo(1.2 * TEST_CURRENT_A, 1);
      expect(await vdropMv(session, 2)).toBeLessThan(VDROP_LIMIT_MV);
      expect(await iso(session)).toEqual({ farEndByPole: [1, 2, 3, 4], shortedPairs: [] });
      await session.client.request('POLE', [1]);
      const { done } = await runPull(session, [PRODUCTION_FORCE_N, PULL_RATE_NPS, 2000]);
      expect(done.result).toBe('pullout');
      expect(done.peakN).toBeLessThan(PRODUCTION_FORCE_N);
      expect(session.sim.world.poles[0]?.pulledOut).toBe(true);
    });
  });
});
