import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { insulReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { unoPullInsulationMeter } from '../../host/rig/uno-pull-insulation-meter.js';
import { insulationResistanceUncertainty } from '../../host/runner/uncertainty/insulation-resistance.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

// INSUL through the real firmware: the insulation relay makes the isolation circuit a guarded
// reference-resistor ohmmeter (rig.yaml isolation.insulation). Known truth: the scenario's leakage per
// pair; every value in range must lie within its expanded uncertainty (k = 2) of the truth.

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/scenarios/${name}.yaml`, import.meta.url));
const builtin = (name: string): string => fileURLToPath(new URL(`../../rigs/uno-pull/sim/scenarios/${name}.yaml`, import.meta.url));
const meter = unoPullInsulationMeter();

async function withSession(scenarioFile: string, body: (session: FirmwareSession) => Promise<void>): Promise<void> {
  const session = await openFirmwareSession({ scenario: scenarioFile, homeAtStart: false });
  try {
    await body(session);
  } finally {
    session.close();
  }
}

async function insul(session: FirmwareSession, a: number, b: number) {
  return insulReplyFromFields((await session.client.request('INSUL', [a, b])).fields);
}

describe('insulation resistance of a pole pair (INSUL)', () => {
  it('reads each pair of a unit with several leaks as its own insulation, within its uncertainty', async () => {
    await withSession(fixture('leaks-per-pair'), async (session) => {
      // Truth (scenario): 1-2 50 kΩ, 1-3 200 kΩ, 2-4 5 MΩ; the other pairs 1 TΩ, 3-4 5 kΩ.
      for (const [a, b, truthOhm] of [[1, 2, 50e3], [1, 3, 200e3], [2, 4, 5e6], [3, 1, 200e3]] as const) {
        const reply = await insul(session, a, b);
        expect(reply).toMatchObject({ a, b, range: 'in' });
        // The scenario's ADC noise is 1 LSB: one conversion spreads by √(1 + 1/12) ≈ 1.04 counts with the quantization.
        expect(reply!.sdPair).toBeGreaterThan(0.8);
        expect(reply!.sdPair).toBeLessThan(1.3);
        const allowedOhm = insulationResistanceUncertainty(truthOhm, meter).expanded * 1e6;
        expect(Math.abs(reply!.resistanceOhm - truthOhm)).toBeLessThanOrEqual(allowedOhm);
      }
      // Unguarded, 1-4 would read the 205 kΩ path through pole 3 (1-3 and 3-4), 2-3 the 5 MΩ one through pole 4.
      expect(await insul(session, 1, 4)).toMatchObject({ a: 1, b: 4, range: 'above', resistanceOhm: 50_000_000 });
      expect(await insul(session, 2, 3)).toMatchObject({ a: 2, b: 3, range: 'above', resistanceOhm: 50_000_000 });
      expect(await insul(session, 3, 4)).toMatchObject({ a: 3, b: 4, range: 'below', resistanceOhm: 10_000 });
      // Every relay open afterwards, the insulation relay too.
      expect([session.sim.world.kelvinMask, session.sim.world.isoDriveMask, session.sim.world.muxByte]).toEqual([0, 0, 0]);
    });
  });

  it('reads a short as below the range, and refuses a pair of one pole with error:3', async () => {
    await withSession(builtin('short-1-3'), async (session) => {
      expect(await insul(session, 1, 3)).toMatchObject({ a: 1, b: 3, range: 'below', resistanceOhm: 10_000 });
      expect(await session.exchange('INSUL 2 2')).toMatch(new RegExp(`^error:${ErrorCode.OUT_OF_RANGE}\\*`));
      expect(await session.exchange('INSUL 1 9')).toMatch(new RegExp(`^error:${ErrorCode.OUT_OF_RANGE}\\*`));
    });
  });

  it('names insul among the capabilities in INFO', async () => {
    await withSession(fixture('leak-1-2-200k'), async (session) => {
      expect((await session.client.request('INFO')).fields.caps?.split(',')).toContain('insul');
    });
  });
});
