import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { DeviceError, type LineClient } from '../../host/link/line-client.js';
import { pullOnSelectedPole } from '../../host/rig/uno-pull-pull.js';
import { bench } from '../link/fixtures.js';

const PROFILE = { forceN: 40, rateNps: 100, holdMs: 200, preloadN: 2, approachMmps: 2, slipLimitMm: 0.5 };
const WATCHED = ['done', 'rejected', 'message', 'sample'] as const;

const listeners = (client: LineClient): number[] => WATCHED.map((event) => client.listenerCount(event));

describe('waiting for a long operation leaves nothing behind', () => {
  it('a PULL refused NOT_HOMED: no DONE listener, RESULT poll or keep-alive timer stays registered', async () => {
    const { clock, client } = bench((r) => (r.command === 'PULL' ? `error:${ErrorCode.NOT_HOMED}` : 'ok'));
    const before = listeners(client);
    const outcome = pullOnSelectedPole(client, PROFILE).catch((error: unknown) => error);
    await clock.advance(50);
    const error = await outcome;
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe(ErrorCode.NOT_HOMED);
    expect(listeners(client)).toEqual(before);
    expect(clock.pendingTimers).toBe(0);
  });

  it('a PULL that ends with its DONE: the same', async () => {
    const { clock, device, client } = bench(() => 'ok');
    const before = listeners(client);
    const outcome = pullOnSelectedPole(client, PROFILE);
    await clock.advance(20);
    device.push('DONE:PULL result=held peakN=40.10 holdMinN=39.90 holdMaxN=40.10 slipMm=0.0010 samples=0 durMs=600');
    await clock.advance(20);
    expect(await outcome).toMatchObject({ result: 'held', peakN: 40.1 });
    expect(listeners(client)).toEqual(before);
    expect(clock.pendingTimers).toBe(0);
  });
});
