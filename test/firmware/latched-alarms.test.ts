import { afterEach, describe, expect, it } from 'vitest';
import { REALTIME } from '../../firmware-protocol/codec/realtime.js';
import { AlarmCode, ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { decodeDeviceLine } from '../../firmware-protocol/codec/device-line.js';
import { settingsBlock, factorySettings, FACTORY_CAL_DATE } from '../../rigs/uno-pull/sim/factory-settings.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { errorCodeOf } from '../support/error-code.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

// Issue 18 item 1: a latched alarm survives every reset (IEC 60204-1: after an emergency stop only a
// deliberate reset may allow motion again; a reboot is not one). The latch set is kept in EEPROM in its
// own block after the settings block and restored at boot with one "ALARM:N restored=1" per alarm.

/** EEPROM address of the latch block: right after the settings block (magic, version, mask, CRC-16). */
const LATCH_ADDR = settingsBlock(factorySettings(loadRigDefinition(), FACTORY_CAL_DATE)).length;
const LATCH_BYTES = 6;


function withoutCrc(line: string): string {
  return line.replace(/\*[0-9A-F]{4}$/, '');
}

/**
 * Reboot the rig (Ctrl-X or the host's DTR) and return the lines it sent from the banner on, without
 * their CRCs; every one must carry a correct CRC.
 */
async function reboot(session: FirmwareSession, how: 'ctrl-x' | 'dtr'): Promise<string[]> {
  const { client, sim } = session;
  client.expectReset();
  const from = session.lines.length;
  const banner = client.waitFor('banner', () => true, 3000);
  if (how === 'ctrl-x') client.sendRaw(REALTIME.reboot);
  else sim.reset();
  await banner;
  await session.sleep(200); // the restored alarms follow the banner; the load cell gives its first reading
  const lines = session.lines.slice(from);
  for (const line of lines) expect(decodeDeviceLine(line, { requireCrc: true }).ok, line).toBe(true);
  const bannerAt = lines.findIndex((line) => line.startsWith('clampbench '));
  expect(bannerAt).toBeGreaterThanOrEqual(0);
  return lines.slice(bannerAt).map(withoutCrc);
}

async function status(session: FirmwareSession): Promise<{ state: string; alarms: string }> {
  const { fields } = await session.client.request('STATUS');
  return { state: String(fields.state), alarms: String(fields.alarms) };
}

async function expectLocked(session: FirmwareSession): Promise<void> {
  const { client, sim } = session;
  expect(await status(session)).toMatchObject({ state: 'ALARM' });
  expect(await errorCodeOf(client.request('PULL', [50, 20, 1000]))).toBe(ErrorCode.ALARM_LOCKED);
  expect(await errorCodeOf(client.request('HOME'))).toBe(ErrorCode.ALARM_LOCKED);
  expect(await errorCodeOf(client.request('HEAT', [5]))).toBe(ErrorCode.ALARM_LOCKED);
  expect(await errorCodeOf(client.request('VDROP', [1, 5.7]))).toBe(ErrorCode.ALARM_LOCKED);
  expect(sim.world.motorEnabled).toBe(false);
  expect(sim.world.currentEnabled).toBe(false);
  expect(sim.world.stepCount).toBe(0);
}

describe('latched alarms survive every reset until RESET (EEPROM)', () => {
  let session: FirmwareSession;
  let other: FirmwareSession | undefined;
  afterEach(() => {
    session.close();
    other?.close();
    other = undefined;
  });

  it('E-stop: still latched after Ctrl-X and DTR resets, ALARM:1 restored=1 after the banner, cleared only by RESET once released', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.ESTOP, 1000);
    sim.setEstop(true);
    expect((await alarm).fields).toEqual({});
    sim.setEstop(false);
    await session.sleep(50);
    expect(await status(session)).toEqual({ state: 'ALARM', alarms: '1' });

    const afterCtrlX = await reboot(session, 'ctrl-x');
    expect(afterCtrlX[0]).toMatch(/^clampbench /);
    expect(afterCtrlX.slice(1)).toEqual(['ALARM:1 restored=1']);
    expect(await status(session)).toEqual({ state: 'ALARM', alarms: '1' });
    await expectLocked(session);

    const afterDtr = await reboot(session, 'dtr');
    expect(afterDtr.slice(1)).toEqual(['ALARM:1 restored=1']);
    await expectLocked(session);

    // RESET while the E-stop is pressed again: refused, still latched (no second ALARM:1 either).
    sim.setEstop(true);
    await session.sleep(50);
    expect(await errorCodeOf(client.request('RESET'))).toBe(ErrorCode.ESTOP_ACTIVE);
    expect(await status(session)).toEqual({ state: 'ALARM', alarms: '1' });
    sim.setEstop(false);
    await session.sleep(50);
    expect(await errorCodeOf(client.request('RESET'))).toBe('ok');
    expect(await status(session)).toEqual({ state: 'IDLE', alarms: '-' });

    // Cleared for good: the next boot restores nothing, and motion is allowed.
    const afterClear = await reboot(session, 'ctrl-x');
    expect(afterClear.filter((line) => line.startsWith('ALARM:'))).toEqual([]);
    expect(await status(session)).toEqual({ state: 'IDLE', alarms: '-' });
    expect(await errorCodeOf(client.request('HOME'))).toBe('ok');
  });

  it('power cycle: a new board powered up with the old EEPROM still has the latch; RESET clears it there', async () => {
    session = await openFirmwareSession();
    const alarm = session.client.waitFor('alarm', (a) => a.code === AlarmCode.ESTOP, 1000);
    session.sim.setEstop(true);
    await alarm;
    session.sim.setEstop(false);
    await session.sleep(50);
    const eeprom = session.sim.readEeprom();

    other = await openFirmwareSession({ eeprom });
    expect(other.lines.map(withoutCrc).slice(1)).toEqual(['ALARM:1 restored=1']);
    await expectLocked(other);
    expect(await errorCodeOf(other.client.request('RESET'))).toBe('ok');
    expect(await status(other)).toEqual({ state: 'IDLE', alarms: '-' });

    // Power it once more with its EEPROM after the RESET: nothing restored.
    const cleared = other.sim.readEeprom();
    other.close();
    other = await openFirmwareSession({ eeprom: cleared });
    expect(other.lines.filter((line) => line.startsWith('ALARM:'))).toEqual([]);
    expect(await status(other)).toEqual({ state: 'IDLE', alarms: '-' });
  });

  it('guard: ALARM:2 restored after a reboot; RESET refused with GUARD_OPEN while the guard is open', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    await client.request('HEAT', [5]);
    const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.GUARD_OPENED, 1000);
    sim.setGuardOpen(true);
    await alarm;
    stopKeepAlive();
    expect(sim.world.currentEnabled).toBe(false);

    expect((await reboot(session, 'dtr')).slice(1)).toEqual(['ALARM:2 restored=1']);
    expect(await status(session)).toEqual({ state: 'ALARM', alarms: '2' });
    expect(await errorCodeOf(client.request('RESET'))).toBe(ErrorCode.GUARD_OPEN);
    expect(await errorCodeOf(client.request('HEAT', [5]))).toBe(ErrorCode.ALARM_LOCKED);
    // The E-stop comes first, as in commands.yaml's gate order.
    sim.setEstop(true);
    await session.sleep(50);
    expect(await errorCodeOf(client.request('RESET'))).toBe(ErrorCode.ESTOP_ACTIVE);
    sim.setEstop(false);
    await session.sleep(50);
    expect(await errorCodeOf(client.request('RESET'))).toBe(ErrorCode.GUARD_OPEN);
    expect(await status(session)).toEqual({ state: 'ALARM', alarms: '1,2' });
    sim.setGuardOpen(false);
    await session.sleep(20);
    expect(await errorCodeOf(client.request('RESET'))).toBe('ok');
    expect(await status(session)).toEqual({ state: 'IDLE', alarms: '-' });
    expect((await reboot(session, 'ctrl-x')).filter((line) => line.startsWith('ALARM:'))).toEqual([]);
  });

  it('an event alarm (host silence) is restored too and cleared by RESET', async () => {
    session = await openFirmwareSession();
    const { client } = session;
    await client.request('POLE', [1]);
    const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.HOST_SILENCE, 5000);
    await client.request('HEAT', [5]);
    await alarm;
    expect((await reboot(session, 'ctrl-x')).slice(1)).toEqual(['ALARM:3 restored=1']);
    await expectLocked(session);
    expect(await errorCodeOf(client.request('RESET'))).toBe('ok');
    expect(await status(session)).toEqual({ state: 'IDLE', alarms: '-' });
  });

  it('EEPROM is written only when the latched set changes', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    // A boot with valid settings and nothing latched writes nothing; neither does RESET with nothing latched.
    expect(sim.stats.eepromWrites).toBe(0);
    const before = sim.readEeprom();
    for (let i = 0; i < 3; i++) expect(await errorCodeOf(client.request('RESET'))).toBe('ok');
    expect(sim.stats.eepromWrites).toBe(0);
    expect(sim.readEeprom()).toEqual(before);

    // Latching writes the block once (at most its 6 bytes), however long the E-stop stays pressed.
    const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.ESTOP, 1000);
    sim.setEstop(true);
    await alarm;
    await session.sleep(500);
    const afterLatch = sim.stats.eepromWrites;
    expect(afterLatch).toBeGreaterThan(0);
    expect(afterLatch).toBeLessThanOrEqual(LATCH_BYTES);
    expect(sim.readEeprom().slice(0, LATCH_ADDR)).toEqual(before.slice(0, LATCH_ADDR)); // the settings block is untouched
    expect(await errorCodeOf(client.request('RESET'))).toBe(ErrorCode.ESTOP_ACTIVE);
    sim.setEstop(false);
    await session.sleep(50);
    expect(sim.stats.eepromWrites).toBe(afterLatch);

    // Reboots with the latch write nothing; RESET writes once; RESET again nothing.
    await reboot(session, 'ctrl-x');
    await reboot(session, 'dtr');
    expect(sim.stats.eepromWrites).toBe(afterLatch);
    expect(await errorCodeOf(client.request('RESET'))).toBe('ok');
    const afterReset = sim.stats.eepromWrites;
    expect(afterReset).toBeGreaterThan(afterLatch);
    expect(afterReset - afterLatch).toBeLessThanOrEqual(LATCH_BYTES);
    const cleared = sim.readEeprom();
    expect(await errorCodeOf(client.request('RESET'))).toBe('ok');
    await reboot(session, 'ctrl-x');
    expect(sim.stats.eepromWrites).toBe(afterReset);
    expect(sim.readEeprom()).toEqual(cleared);
  });

  it('a damaged latch block at boot means nothing latched (no crash, no write)', async () => {
    const good = await openFirmwareSession();
    const alarm = good.client.waitFor('alarm', (a) => a.code === AlarmCode.ESTOP, 1000);
    good.sim.setEstop(true);
    await alarm;
    good.sim.setEstop(false);
    await good.sleep(50);
    const latchedEeprom = good.sim.readEeprom();
    good.close();

    const damaged = [
      (e: Uint8Array) => (e[LATCH_ADDR + 4] = e[LATCH_ADDR + 4]! ^ 0x01), // CRC
      (e: Uint8Array) => (e[LATCH_ADDR + 2] = e[LATCH_ADDR + 2]! | 0x02), // the mask
      (e: Uint8Array) => (e[LATCH_ADDR] = 0xff), // magic (a blank EEPROM)
      (e: Uint8Array) => (e[LATCH_ADDR + 1] = 2), // version
    ];
    for (const damage of damaged) {
      const eeprom = latchedEeprom.slice();
      damage(eeprom);
      session = await openFirmwareSession({ eeprom });
      expect(session.lines.map(withoutCrc).filter((line) => line.startsWith('ALARM:'))).toEqual([]);
      expect(await status(session)).toEqual({ state: 'IDLE', alarms: '-' });
      expect(session.sim.stats.eepromWrites).toBe(0);
      session.close();
    }
    session = await openFirmwareSession({ eeprom: latchedEeprom });
    expect(session.lines.map(withoutCrc).slice(1)).toEqual(['ALARM:1 restored=1']);
  });
});
