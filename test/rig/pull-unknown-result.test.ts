import { describe, expect, it } from 'vitest';
import { pullOnSelectedPole } from '../../host/rig/uno-pull-pull.js';
import { bench } from '../link/fixtures.js';

const PROFILE = { forceN: 40, rateNps: 100, holdMs: 200, preloadN: 2, approachMmps: 2, slipLimitMm: 0.5 };

describe('a DONE:PULL with a result this host does not know', () => {
  it('ends the pull as result unknown with the word, after one PULL and no RESULT polling', async () => {
    const commands: string[] = [];
    const { clock, device, client } = bench((r) => {
      commands.push(r.command);
      return 'ok';
    });
    const reading = pullOnSelectedPole(client, PROFILE);
    await clock.advance(10);
    device.push('S 1 12 2.10 0.5200');
    device.push('DONE:PULL result=stalled peakN=12.40 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=1 durMs=520');
    await clock.advance(20);
    const result = await reading;
    expect(result).toMatchObject({ result: 'unknown', unknownResult: 'stalled', peakN: 12.4 });
    expect(commands.filter((c) => c !== 'PING')).toEqual(['PULL']);
  });
});
