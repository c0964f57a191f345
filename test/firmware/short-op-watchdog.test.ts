import { afterEach, describe, expect, it } from 'vitest';
import { AlarmCode, ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { DeviceError } from '../../host/link/line-client.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';

// The host-silence watchdog guards motion and current the host started and must keep alive. A short
// operation (VDROP, ISO, TARE, SPAN) ends by itself and the host waits silently for its reply, so
// the watchdog does not run during one; the guard still does (PROTOCOL.md 2.1, 6).
const WATCHDOG_MS = 250; // the default watchdogMs of commands.yaml

const isAlarm = (code: number) => (line: string) => line.startsWith(`ALARM:${code}`);

describe('host-silence watchdog and short operations', () => {
  let session: FirmwareSession;
  afterEach(() => session.close());

  it('VDROP with 1024 samples (longer than watchdogMs) answers while the host waits silently: no ALARM:3', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    let onMs: number | null = null;
    let offMs: number | null = null;
    sim.on('event', (event) => {
      if (event.kind === 'currentEnable' && event.detail === 'on' && onMs === null) onMs = event.timeMs;
      if (event.kind === 'currentEnable' && event.detail === 'off' && onMs !== null && offMs === null) offMs = event.timeMs;
    });
    const sentMs = sim.timeMs;
    const reply = await client.request('VDROP', [1, 5.7, 1024]);
    // The current was on for longer than the watchdog time with no line from the host.
    expect(onMs).not.toBeNull();
    expect(offMs).not.toBeNull();
    expect((offMs ?? 0) - sentMs).toBeGreaterThan(WATCHDOG_MS);
    expect(reply.fields).toMatchObject({ pole: '1' });
    await session.sleep(WATCHDOG_MS * 2); // nothing is active any more: the watchdog has nothing to trip
    expect(session.lines.filter(isAlarm(AlarmCode.HOST_SILENCE))).toEqual([]);
    expect((await client.request('STATUS')).fields).toMatchObject({ state: 'IDLE', alarms: '-' });
  });

  it('the guard still applies during a short operation: opening it mid-VDROP latches ALARM:2 and the VDROP answers ALARM_LOCKED', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const answer = client.request('VDROP', [1, 5.7, 1024]).then(
      () => 'ok' as const,
      (error: unknown) => (error instanceof DeviceError ? error.code : Promise.reject(error)),
    );
    await session.sleep(100);
    expect(sim.world.currentEnabled).toBe(true);
    sim.setGuardOpen(true);
    expect(await answer).toBe(ErrorCode.ALARM_LOCKED);
    expect(sim.world.currentEnabled).toBe(false);
    expect(session.lines.filter(isAlarm(AlarmCode.GUARD_OPENED))).toHaveLength(1);
    expect(session.lines.filter(isAlarm(AlarmCode.HOST_SILENCE))).toEqual([]);
  });
});
