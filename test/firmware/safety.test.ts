import { afterEach, describe, expect, it } from 'vitest';
import { REALTIME } from '../../firmware-protocol/codec/realtime.js';
import { AlarmCode, ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { SETTING_LIMITS } from '../../firmware-protocol/generated/commands.js';
import { errorCodeOf } from '../support/error-code.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';
import { simUntil } from '../support/sim-until.js';

const CONTROL_PERIOD_MS = 12.5; // rig.yaml control.periodMs: one load-cell reading


/** Resolve once the true force on the conductor reaches `forceN`. */
function forceReached(session: FirmwareSession, forceN: number): Promise<void> {
  return simUntil(session, () => session.sim.world.forceN >= forceN);
}

describe('safety interlocks and alarms in the firmware', () => {
  let session: FirmwareSession;
  afterEach(() => session.close());

  it('refuses motion while the test current is on (CURRENT_ON) and current while moving (MOVING)', async () => {
    session = await openFirmwareSession();
    const { client } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    await client.request('HEAT', [5]);
    expect(session.sim.world.currentEnabled).toBe(true);
    expect(await errorCodeOf(client.request('PULL', [50, 20, 1000]))).toBe(ErrorCode.CURRENT_ON);
    expect(await errorCodeOf(client.request('HOME'))).toBe(ErrorCode.CURRENT_ON);
    expect(await errorCodeOf(client.request('POLE', [2]))).toBe(ErrorCode.CURRENT_ON);
    expect(session.sim.world.stepCount).toBe(0);
    await client.request('HEAT', [0]);
    expect(session.sim.world.currentEnabled).toBe(false);

    const done = client.waitFor('done', (m) => m.operation === 'PULL', 30_000);
    await client.request('PULL', [50, 20, 2000]);
    await forceReached(session, 10);
    expect(await errorCodeOf(client.request('HEAT', [5]))).toBe(ErrorCode.MOVING);
    expect(await errorCodeOf(client.request('VDROP', [1, 5.7]))).toBe(ErrorCode.MOVING);
    expect(session.sim.world.currentEnabled).toBe(false);
    client.sendRaw(REALTIME.abort);
    expect((await done).result).toBe('aborted');
    stopKeepAlive();
  });

  it('E-stop mid-pull stops motion within one control period, latches, and holds until RESET', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 30_000);
    const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.ESTOP, 30_000);
    await client.request('PULL', [90, 30, 5000]);
    await forceReached(session, 40);
    const pressedAtMs = sim.timeMs;
    sim.setEstop(true);
    await session.sleep(100);

    const world = sim.world;
    expect(world.lastStepPulseMs).not.toBeNull();
    expect((world.lastStepPulseMs ?? Infinity) - pressedAtMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    expect(world.motorEnabled).toBe(false);
    expect(world.currentEnabled).toBe(false);
    await alarm;
    expect(await done).toMatchObject({ result: 'alarm', alarm: AlarmCode.ESTOP });

    // Latched: nothing moves, and RESET is refused while the E-stop is still pressed.
    expect(await errorCodeOf(client.request('PULL', [50, 20, 1000]))).toBe(ErrorCode.ALARM_LOCKED);
    expect(await errorCodeOf(client.request('RESET'))).toBe(ErrorCode.ESTOP_ACTIVE);
    sim.setEstop(false);
    await session.sleep(50);
    expect(await errorCodeOf(client.request('HEAT', [5]))).toBe(ErrorCode.ALARM_LOCKED);
    const stepsWhileLatched = sim.world.stepCount;
    await session.sleep(200);
    expect(sim.world.stepCount).toBe(stepsWhileLatched);

    expect(await errorCodeOf(client.request('RESET'))).toBe('ok');
    expect(await errorCodeOf(client.request('HOME'))).toBe('ok');
    stopKeepAlive();
  });

  it('E-stop while the test current is on cuts the current within one control period', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    await client.request('HEAT', [10]);
    let offAtMs: number | null = null;
    sim.on('event', (event) => {
      if (event.kind === 'currentEnable' && event.detail === 'off' && offAtMs === null) offAtMs = event.timeMs;
    });
    const pressedAtMs = sim.timeMs;
    sim.setEstop(true);
    await session.sleep(50);
    stopKeepAlive();
    expect(offAtMs).not.toBeNull();
    expect((offAtMs ?? Infinity) - pressedAtMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    expect(sim.world.actualCurrentA).toBe(0);
  });

  it('host-silence watchdog: the current goes off and ALARM:3 latches at most watchdogMs after the last line', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    await client.request('POLE', [1]);
    const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.HOST_SILENCE, 5000);
    let offAtMs: number | null = null;
    sim.on('event', (event) => {
      if (event.kind === 'currentEnable' && event.detail === 'off' && offAtMs === null) offAtMs = event.timeMs;
    });
    await client.request('HEAT', [5]);
    const lastLineMs = sim.timeMs; // the reply has arrived, so the line was received before this
    await alarm;
    expect(offAtMs).not.toBeNull();
    const silenceMs = (offAtMs ?? Infinity) - lastLineMs;
    expect(silenceMs).toBeGreaterThan(SETTING_LIMITS.watchdogMs.default - 20);
    expect(silenceMs).toBeLessThanOrEqual(SETTING_LIMITS.watchdogMs.default);
    expect(await errorCodeOf(client.request('HEAT', [5]))).toBe(ErrorCode.ALARM_LOCKED);
  });

  it('host-silence watchdog stops a pull whose host went quiet', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    await client.request('POLE', [1]);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 30_000);
    await client.request('PULL', [90, 30, 5000]);
    expect(await done).toMatchObject({ result: 'alarm', alarm: AlarmCode.HOST_SILENCE });
    const stepsAfter = sim.world.stepCount;
    await session.sleep(200);
    expect(sim.world.stepCount).toBe(stepsAfter);
    expect(sim.world.motorEnabled).toBe(false);
  });

  it('the watchdog time is a setting within its limits', async () => {
    session = await openFirmwareSession();
    const { client } = session;
    expect(await errorCodeOf(client.request('SET', ['watchdogMs', SETTING_LIMITS.watchdogMs.min - 1]))).toBe(ErrorCode.OUT_OF_RANGE);
    expect(await errorCodeOf(client.request('SET', ['watchdogMs', SETTING_LIMITS.watchdogMs.max + 1]))).toBe(ErrorCode.OUT_OF_RANGE);
    expect((await client.request('SET', ['watchdogMs', 1000])).fields).toMatchObject({ watchdogMs: '1000' });
  });

  it('guard: motion and current refused while open; opening it mid-pull latches ALARM:2 and stops', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    sim.setGuardOpen(true);
    await session.sleep(20);
    expect(await errorCodeOf(client.request('PULL', [50, 20, 1000]))).toBe(ErrorCode.GUARD_OPEN);
    expect(await errorCodeOf(client.request('HEAT', [5]))).toBe(ErrorCode.GUARD_OPEN);
    sim.setGuardOpen(false);
    await session.sleep(20);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 30_000);
    await client.request('PULL', [90, 30, 5000]);
    await forceReached(session, 30);
    const openedAtMs = sim.timeMs;
    sim.setGuardOpen(true);
    expect(await done).toMatchObject({ result: 'alarm', alarm: AlarmCode.GUARD_OPENED });
    expect((sim.world.lastStepPulseMs ?? Infinity) - openedAtMs).toBeLessThanOrEqual(CONTROL_PERIOD_MS);
    expect(sim.world.motorEnabled).toBe(false);
    stopKeepAlive();
  });

  it('force cap: a force reading at the cap latches ALARM:4 and stops the pull', async () => {
    // A 200 N spike on the load-cell reading 6 s after power-on, during the hold at 90 N.
    const { loadRigDefinition } = await import('../../rigs/uno-pull/rig-definition.js');
    const { defaultScenarioFile, loadScenario } = await import('../../rigs/uno-pull/sim/scenario.js');
    const base = loadScenario(defaultScenarioFile, loadRigDefinition());
    session = await openFirmwareSession({ scenario: { ...base, faults: [{ atMs: 6000, kind: 'loadCellFault', offsetN: 200, scale: 1 }] } });
    const { client, sim } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.FORCE_CAP, 30_000);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 30_000);
    await client.request('PULL', [90, 30, 10_000]);
    expect(await done).toMatchObject({ result: 'alarm', alarm: AlarmCode.FORCE_CAP });
    await alarm;
    expect(sim.world.motorEnabled).toBe(false);
    expect(sim.world.forceN).toBeLessThan(100); // the true force never went near the cap
    stopKeepAlive();
  });
});
