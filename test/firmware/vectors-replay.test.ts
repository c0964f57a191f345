import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestVectors } from '../protocol/load-vectors.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

// The host-side golden vectors (firmware-protocol/vectors/requests.json) replayed against the
// real firmware in the simulator: both sides must agree byte for byte, CRC included.
describe('golden request vectors against the firmware', () => {
  let session: FirmwareSession;
  beforeAll(async () => {
    session = await openFirmwareSession({ homeAtStart: false });
  });
  afterAll(() => session.close());

  it('boots with the banner of the rig definition', () => {
    expect(session.banner).toMatchObject({ kind: 'banner', firmwareVersion: '0.2.0', rigId: 'CB-UNO-0001' });
  });

  for (const exchange of requestVectors.exchanges) {
    it(`exchange: ${exchange.name}`, async () => {
      expect(await session.exchange(exchange.send)).toBe(exchange.reply);
    });
  }

  for (const sequence of requestVectors.sequences) {
    it(`sequence: ${sequence.name}`, async () => {
      expect(sequence.steps.length).toBeGreaterThanOrEqual(2);
      for (const step of sequence.steps) expect(await session.exchange(step.send), step.name).toBe(step.reply);
    });
  }

  it('never rebooted while answering all of that', () => {
    expect(session.sim.stats.resets).toBe(1);
    expect(session.lines.filter((line) => line.startsWith('clampbench '))).toHaveLength(1);
  });
});
