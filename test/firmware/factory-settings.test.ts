import { describe, expect, it } from 'vitest';
import { REALTIME } from '../../firmware-protocol/codec/realtime.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { calibrationCheck } from '../../firmware-protocol/codec/calibration-check.js';
import { FACTORY_CAL_DATE } from '../../rigs/uno-pull/sim/simulator.js';
import { factorySettings, settingsBlock } from '../../rigs/uno-pull/sim/factory-settings.js';
import { errorCodeOf } from '../support/error-code.js';
import { openFirmwareSession } from '../support/firmware-session.js';

// The simulated rig leaves the factory calibrated: its EEPROM holds a settings block written by the
// simulator in the firmware's layout. The firmware must take that block as its own (no reset to
// defaults), which also proves that layout matches settings.h.
const RESET_MESSAGE = '[MSG:settings reset to defaults]';


describe('factory settings of the simulated rig', () => {
  it('boots on the block the simulator wrote, with its calibration date and every default', async () => {
    const session = await openFirmwareSession();
    try {
      const rig = loadRigDefinition();
      await session.sleep(50);
      expect(session.lines.some((line) => line.startsWith(RESET_MESSAGE))).toBe(false);
      const settings = (await session.client.request('SETTINGS')).fields;
      expect(settings).toMatchObject({ rigId: rig.rigId, watchdogMs: '250', slipLimitMm: '0.500', calDate: String(FACTORY_CAL_DATE), tareCounts: String(rig.loadCell.defaultTareCounts) });
      expect(Number(settings.countsPerN)).toBeCloseTo(rig.loadCell.defaultCountsPerN, 3);
      expect(Number(settings.tempLimitC)).toBe(rig.thermo.tempLimitC);
      expect((await session.client.request('INFO')).fields.calDate).toBe(String(FACTORY_CAL_DATE));
      // The factory calibration carries its checksum, computed from the values as SETTINGS prints them.
      expect(settings.calCheck).toBe(String(calibrationCheck({ countsPerN: settings.countsPerN!, calDate: settings.calDate! })));
    } finally {
      session.close();
    }
  });

  it('a blank EEPROM gets the defaults, says so, and a rig never calibrated refuses PULL with NOT_CALIBRATED', async () => {
    const session = await openFirmwareSession({ calDate: null });
    try {
      await session.sleep(50);
      expect(session.lines.some((line) => line.startsWith(RESET_MESSAGE))).toBe(true);
      expect((await session.client.request('SETTINGS')).fields.calDate).toBe('0');
      expect(await errorCodeOf(session.client.request('PULL', [20, 10, 0]))).toBe(ErrorCode.NOT_CALIBRATED);
      await session.client.request('SET', ['calDate', 20261201]);
      const stop = session.keepAlive();
      try {
        expect(await errorCodeOf(session.client.request('PULL', [20, 10, 0]))).toBe('ok');
      } finally {
        session.client.sendRaw(REALTIME.abort);
        stop();
      }
    } finally {
      session.close();
    }
  });

  it('a settings block of version 1 (firmware before protocol 2.2) is replaced by the defaults: the rig is then never calibrated', async () => {
    const block = settingsBlock(factorySettings(loadRigDefinition(), FACTORY_CAL_DATE));
    // The version byte alone makes the firmware refuse a block, whatever its layout and CRC.
    const oldBlock = Uint8Array.from(block);
    oldBlock[1] = 1;
    const session = await openFirmwareSession({ eeprom: oldBlock });
    try {
      await session.sleep(50);
      expect(session.lines.some((line) => line.startsWith(RESET_MESSAGE))).toBe(true);
      expect((await session.client.request('SETTINGS')).fields).toMatchObject({ calDate: '0', calCheck: '0' });
    } finally {
      session.close();
    }
  });

  it('SPAN changes countsPerN without a new calCheck, so the stored checksum no longer matches; TARE leaves it matching', async () => {
    const session = await openFirmwareSession();
    try {
      await session.sleep(50);
      const matches = async (): Promise<boolean> => {
        const f = (await session.client.request('SETTINGS')).fields;
        return f.calCheck === String(calibrationCheck({ countsPerN: f.countsPerN!, calDate: f.calDate! }));
      };
      await session.client.request('TARE');
      expect(await matches()).toBe(true);
      session.sim.setLoadCellFault(100, 1);
      await session.sleep(100);
      await session.client.request('SPAN', [90]);
      expect(await matches()).toBe(false);
    } finally {
      session.close();
    }
  });
});
