import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vdropReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { defaultScenarioFile, loadScenario } from '../../rigs/uno-pull/sim/scenario.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

// VDROP's spread keys (protocol 2.2): the standard deviation of one conversion of the sense channel (mvSd,
// as a drop) and of the shunt channel (aSd, as a current). Truth: the simulator adds Gaussian noise of
// noise.adcLsb (sigma, in LSB) to each channel's voltage and the ADC truncates, so one conversion spreads by
// sqrt(sigma² + 1/12) LSB (the rounding adds a uniform 1 LSB wide). The estimate from n = 1024 conversions
// has a relative standard error of 1/sqrt(2n) ≈ 2.2 %: the tolerance of 10 % is 4.5 of them.
const TOLERANCE = 0.1;
const SAMPLES = 1024;
const rig = loadRigDefinition();
const lsbV = rig.current.adcRefV / 1024;
const senseMvPerLsb = (lsbV / rig.current.senseGain) * 1000;
const shuntAPerLsb = lsbV / rig.current.shuntGain / (rig.current.shuntMilliohm / 1000);

async function vdrop(session: FirmwareSession, pole: number) {
  const reply = vdropReplyFromFields((await session.client.request('VDROP', [pole, 5.7, SAMPLES])).fields);
  if (!reply) throw new Error('malformed VDROP reply');
  return reply;
}

for (const sigmaLsb of [1, 3]) {
  describe(`VDROP spread with ADC noise of ${sigmaLsb} LSB`, () => {
    let session: FirmwareSession;
    beforeAll(async () => {
      const scenario = loadScenario(defaultScenarioFile, rig);
      session = await openFirmwareSession({ scenario: { ...scenario, noise: { ...scenario.noise, adcLsb: sigmaLsb } } });
    });
    afterAll(() => session.close());

    it(`reports mvSd and aSd within ${TOLERANCE * 100} % of sqrt(sigma² + 1/12) LSB`, async () => {
      const perConversionLsb = Math.sqrt(sigmaLsb ** 2 + 1 / 12);
      for (const pole of [1, 3]) {
        const reply = await vdrop(session, pole);
        expect(reply.senseSdMv, `pole ${pole} mvSd`).toBeDefined();
        expect(reply.shuntSdA, `pole ${pole} aSd`).toBeDefined();
        expect(Math.abs(reply.senseSdMv! / (perConversionLsb * senseMvPerLsb) - 1), `pole ${pole} mvSd ${reply.senseSdMv}`).toBeLessThan(TOLERANCE);
        expect(Math.abs(reply.shuntSdA! / (perConversionLsb * shuntAPerLsb) - 1), `pole ${pole} aSd ${reply.shuntSdA}`).toBeLessThan(TOLERANCE);
      }
    });
  });
}

describe('VDROP spread of a single conversion', () => {
  let session: FirmwareSession;
  beforeAll(async () => {
    session = await openFirmwareSession();
  });
  afterAll(() => session.close());

  it('is 0: one conversion has no spread', async () => {
    const reply = vdropReplyFromFields((await session.client.request('VDROP', [1, 5.7, 1])).fields);
    expect(reply).toMatchObject({ senseSdMv: 0, shuntSdA: 0 });
  });
});
