import { afterEach, describe, expect, it } from 'vitest';
import { REALTIME } from '../../firmware-protocol/codec/realtime.js';
import { statusReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { AlarmCode, ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { errorCodeOf } from '../support/error-code.js';
import { openFirmwareSession, type FirmwareSession } from '../support/firmware-session.js';
import { runPull } from '../support/pull.js';
import { simUntil } from '../support/sim-until.js';

/** STATUS's `homed`. */
async function homed(session: FirmwareSession): Promise<boolean | undefined> {
  return statusReplyFromFields((await session.client.request('STATUS')).fields)?.homed;
}

/** Resolve once the carriage is `mm` out from home (true position). */
function carriageOut(session: FirmwareSession, mm: number): Promise<void> {
  return simUntil(session, () => session.sim.world.posMm >= mm);
}

// PROTOCOL.md 2.3 PULL, 6: position before force. The firmware refuses PULL with NOT_HOMED until a HOME
// completed since boot, and again after anything that switched the motor off (an alarm, the abort).
describe('position before force: PULL needs HOME', () => {
  let session: FirmwareSession;
  afterEach(() => session.close());

  it('after boot PULL is refused NOT_HOMED, nothing moves; after HOME it pulls', async () => {
    session = await openFirmwareSession({ homeAtStart: false });
    const { client, sim } = session;
    expect(await homed(session)).toBe(false);
    await client.request('POLE', [1]);
    expect(await errorCodeOf(client.request('PULL', [20, 50, 200]))).toBe(ErrorCode.NOT_HOMED);
    expect(sim.world.stepCount).toBe(0);
    await session.home();
    expect(await homed(session)).toBe(true);
    expect((await runPull(session, [20, 50, 200])).done.result).toBe('held');
    // A pull that ends normally returns home with the motor on: the position stays known.
    expect(await homed(session)).toBe(true);
  });

  it('the abort switches the motor off mid-pull: the position is unknown until HOME, which brings the carriage back', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 30_000);
    await client.request('PULL', [90, 20, 5000]);
    await carriageOut(session, 0.3);
    client.sendRaw(REALTIME.abort);
    expect((await done).result).toBe('aborted');
    stopKeepAlive();
    expect(sim.world.posMm).toBeGreaterThan(0.2);
    expect(await homed(session)).toBe(false);
    expect(await errorCodeOf(client.request('PULL', [20, 50, 200]))).toBe(ErrorCode.NOT_HOMED);
    await session.home();
    expect(sim.world.posMm).toBeCloseTo(0, 2);
    expect((await runPull(session, [20, 50, 200])).done.result).toBe('held');
  });

  it('a latched alarm (E-stop) switches the motor off: after RESET the position is still unknown until HOME', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    await client.request('POLE', [1]);
    sim.setEstop(true);
    await client.waitFor('alarm', (a) => a.code === AlarmCode.ESTOP, 1000);
    sim.setEstop(false);
    await client.request('RESET');
    expect(await homed(session)).toBe(false);
    expect(await errorCodeOf(client.request('PULL', [20, 50, 200]))).toBe(ErrorCode.NOT_HOMED);
    await session.home();
    expect(await homed(session)).toBe(true);
  });

  it('a reboot (Ctrl-X and newline) forgets the position even at the home switch', async () => {
    session = await openFirmwareSession();
    const { client } = session;
    expect(await homed(session)).toBe(true);
    const banner = client.waitFor('banner', () => true, 3000);
    client.expectReset();
    client.sendRaw(REALTIME.reboot);
    await banner;
    await session.sleep(200);
    expect(await homed(session)).toBe(false);
    await client.request('POLE', [1]);
    expect(await errorCodeOf(client.request('PULL', [20, 50, 200]))).toBe(ErrorCode.NOT_HOMED);
  });
});

// PROTOCOL.md 4: on a noisy line one flipped bit turns '#', ' ' or '1' into '!' and '8' into Ctrl-X. Only a
// line of its own ("!\n", "\x18\n") acts; anywhere else the byte is part of a line that is refused.
describe('realtime bytes act only as a line of their own', () => {
  let session: FirmwareSession;
  afterEach(() => session.close());

  it('a pull survives a "!" and a Ctrl-X inside lines, and ends at a "!" line', async () => {
    session = await openFirmwareSession();
    const { client, sim } = session;
    const stopKeepAlive = session.keepAlive();
    await client.request('POLE', [1]);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', 30_000);
    await client.request('PULL', [60, 20, 3000]);
    await carriageOut(session, 0.2);
    expect(await session.exchange('!12 STATUS')).toMatch(/^error:1\*/); // '#' flipped into '!': a line, refused
    expect(await session.exchange('PI!NG')).toMatch(/^error:1\*/);
    expect(await session.exchange('\u0018PING')).toMatch(/^error:23\*/);
    expect(await session.exchange('PING\u0018')).toMatch(/^error:23\*/);
    expect(sim.stats.resets).toBe(1);
    expect(statusReplyFromFields((await client.request('STATUS')).fields)?.state).toBe('PULL');
    client.sendRaw(REALTIME.abort);
    expect((await done).result).toBe('aborted');
    stopKeepAlive();
  });
});
