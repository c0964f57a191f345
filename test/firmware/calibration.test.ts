import { describe, expect, it } from 'vitest';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { defaultScenarioFile, loadScenario, type Scenario } from '../../rigs/uno-pull/sim/scenario.js';
import { openFirmwareSession } from '../support/firmware-session.js';

// Load-cell tare and span through the real firmware, stored in EEPROM with the other settings.
// Truth: the simulated cell's zero (40000 counts) and sensitivity (9000 counts/N) differ from the
// rig defaults; a 100 N calibration weight is hung on the cell at 3 s (a load-cell offset fault).
const TRUE_TARE_COUNTS = 40_000;
const TRUE_COUNTS_PER_N = 9000;
const WEIGHT_N = 100;
const WEIGHT_AT_MS = 3000;

function calibrationScenario(): Scenario {
  const base = loadScenario(defaultScenarioFile, loadRigDefinition());
  return {
    ...base,
    name: 'uncalibrated cell, 100 N weight at 3 s',
    loadCell: { tareCounts: TRUE_TARE_COUNTS, countsPerN: TRUE_COUNTS_PER_N },
    faults: [{ atMs: WEIGHT_AT_MS, kind: 'loadCellFault', offsetN: WEIGHT_N, scale: 1 }],
  };
}

describe('load-cell calibration (TARE, SPAN) and settings in EEPROM', () => {
  it('tares, spans against a known weight, reads the weight, and keeps the calibration across a reset', async () => {
    const session = await openFirmwareSession({ scenario: calibrationScenario() });
    const { client, sim } = session;
    try {
      const rig = loadRigDefinition();
      const before = await client.request('SETTINGS');
      expect(Number(before.fields.countsPerN)).toBeCloseTo(rig.loadCell.defaultCountsPerN, 2);

      const tare = Number((await client.request('TARE', [], 3000)).fields.tareCounts);
      expect(Math.abs(tare - TRUE_TARE_COUNTS)).toBeLessThan(0.05 * TRUE_COUNTS_PER_N);

      await session.sleep(WEIGHT_AT_MS + 200 - sim.timeMs);
      const span = Number((await client.request('SPAN', [WEIGHT_N], 3000)).fields.countsPerN);
      expect(Math.abs(span - TRUE_COUNTS_PER_N) / TRUE_COUNTS_PER_N).toBeLessThan(0.002);
      await client.request('SET', ['calDate', 20261125]);

      await session.sleep(100);
      const status = await client.request('STATUS');
      expect(Math.abs(Number(status.fields.forceN) - WEIGHT_N)).toBeLessThan(0.3);

      const banner = client.waitFor('banner', () => true, 3000);
      sim.reset();
      await banner;
      const after = await client.request('SETTINGS');
      expect(Number(after.fields.tareCounts)).toBe(tare);
      expect(Number(after.fields.countsPerN)).toBeCloseTo(span, 2);
      expect(after.fields.calDate).toBe('20261125');
      expect((await client.request('INFO')).fields.calDate).toBe('20261125');
    } finally {
      session.close();
    }
  });

  it('SPAN without a force on the cell is refused rather than storing nonsense', async () => {
    const session = await openFirmwareSession();
    try {
      await session.client.request('TARE', [], 3000);
      await expect(session.client.request('SPAN', [100], 3000)).rejects.toMatchObject({ name: 'DeviceError' });
      expect(Number((await session.client.request('SETTINGS')).fields.countsPerN)).toBeCloseTo(loadRigDefinition().loadCell.defaultCountsPerN, 2);
    } finally {
      session.close();
    }
  });
});
