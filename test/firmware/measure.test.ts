import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vdropReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { DeviceError } from '../../host/link/line-client.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { defaultScenarioFile, loadScenario, poleParams } from '../../rigs/uno-pull/sim/scenario.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

// 4-wire voltage drop through the real firmware: relay matrix, DAC-set current source, shunt and
// sense amplifiers into the ADC, oversampling. Truth: the scenario's contact resistances and the
// current the simulated source really delivers.
const TOLERANCE = 0.01; // IEC 60512-2-1: measurement error <= 1 %
const TEST_CURRENT_A = 5.7; // 0.1 x the IEC 60947-7-1 test current of 10 mm2

async function vdrop(session: FirmwareSession, pole: number, currentA: number) {
  // Watch the simulated source every simulated millisecond while the request runs.
  let trueCurrentA = 0;
  let probe = session.sim.after(1, watch);
  function watch(): void {
    trueCurrentA = Math.max(trueCurrentA, session.sim.world.actualCurrentA);
    probe = session.sim.after(1, watch);
  }
  try {
    const reply = vdropReplyFromFields((await session.client.request('VDROP', [pole, currentA])).fields);
    if (!reply) throw new Error('malformed VDROP reply');
    return { reply, trueCurrentA };
  } finally {
    probe.cancel();
  }
}

describe('4-wire voltage drop (VDROP)', () => {
  let session: FirmwareSession;
  beforeAll(async () => {
    session = await openFirmwareSession();
  });
  afterAll(() => session.close());

  it('measures the 0.300 mΩ pole 1 within 1 %', async () => {
    expect(poleParams(session.sim.scenario, 1).contactResistanceMilliohm).toBe(0.3);
    const { reply } = await vdrop(session, 1, TEST_CURRENT_A);
    expect(reply.pole).toBe(1);
    expect(Math.abs(reply.resistanceMilliohm - 0.3) / 0.3).toBeLessThan(TOLERANCE);
  });

  it('measures every pole, its drop in mV and the actual current within 1 % of the truth', async () => {
    for (let pole = 1; pole <= session.sim.scenario.poles; pole++) {
      const truthMilliohm = poleParams(session.sim.scenario, pole).contactResistanceMilliohm;
      const { reply, trueCurrentA } = await vdrop(session, pole, TEST_CURRENT_A);
      expect(trueCurrentA).toBeGreaterThan(TEST_CURRENT_A * 0.99);
      expect(Math.abs(reply.currentA - trueCurrentA) / trueCurrentA, `pole ${pole} current`).toBeLessThan(TOLERANCE);
      expect(Math.abs(reply.dropMv - trueCurrentA * truthMilliohm) / (trueCurrentA * truthMilliohm), `pole ${pole} mV`).toBeLessThan(TOLERANCE);
      expect(Math.abs(reply.resistanceMilliohm - truthMilliohm) / truthMilliohm, `pole ${pole} mΩ`).toBeLessThan(TOLERANCE);
    }
  });

  it('switches the current off again and leaves the pole selected', async () => {
    await vdrop(session, 2, TEST_CURRENT_A);
    const world = session.sim.world;
    expect(world.currentEnabled).toBe(false);
    expect(world.actualCurrentA).toBe(0);
    expect(world.kelvinMask).toBe(0b10);
  });
});

describe('VDROP on an open pole', () => {
  let session: FirmwareSession;
  beforeAll(async () => {
    const scenario = loadScenario(defaultScenarioFile, loadRigDefinition());
    session = await openFirmwareSession({ scenario: { ...scenario, name: 'pole 3 open', wiring: [1, 2, 0, 4] } });
  });
  afterAll(() => session.close());

  it('answers OPEN_CIRCUIT and leaves the current off', async () => {
    const failure = await session.client.request('VDROP', [3, TEST_CURRENT_A]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeviceError);
    expect((failure as DeviceError).code).toBe(ErrorCode.OPEN_CIRCUIT);
    expect(session.sim.world.currentEnabled).toBe(false);
  });
});
