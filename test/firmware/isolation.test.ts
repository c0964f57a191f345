import { describe, expect, it } from 'vitest';
import { isoReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { openFirmwareSession } from '../support/firmware-session.js';

const scenarioDir = new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url);
const scenario = (file: string): string => new URL(file, scenarioDir).pathname;

async function isolate(scenarioFile: string) {
  const session = await openFirmwareSession({ scenario: scenarioFile });
  try {
    const reply = isoReplyFromFields((await session.client.request('ISO', [session.sim.scenario.poles])).fields);
    return { reply, world: session.sim.world, wiring: session.sim.scenario.wiring };
  } finally {
    session.close();
  }
}

// Isolation and wiring map through the real firmware: relay chain drives each pole's near end,
// the mux reads every far-end terminal and every other near end.
describe('isolation and wiring map (ISO)', () => {
  it('finds a good unit wired straight through with no shorts, and leaves every relay open', async () => {
    const { reply, world, wiring } = await isolate(scenario('good-831-1104-10mm2.yaml'));
    expect(reply).toEqual({ farEndByPole: wiring, shortedPairs: [] });
    expect(reply?.farEndByPole).toEqual([1, 2, 3, 4]);
    expect([world.kelvinMask, world.isoDriveMask, world.muxByte]).toEqual([0, 0, 0]);
  });

  it('finds an injected short between poles 1 and 3', async () => {
    const { reply } = await isolate(scenario('short-1-3.yaml'));
    expect(reply).toEqual({ farEndByPole: [1, 2, 3, 4], shortedPairs: [[1, 3]] });
  });

  it('finds an injected swap of the conductors of poles 1 and 2', async () => {
    const { reply, wiring } = await isolate(scenario('swap-1-2.yaml'));
    expect(wiring).toEqual([2, 1, 3, 4]);
    expect(reply).toEqual({ farEndByPole: [2, 1, 3, 4], shortedPairs: [] });
  });
});
