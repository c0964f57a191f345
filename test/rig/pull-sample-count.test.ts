import { describe, expect, it } from 'vitest';
import { pullOnSelectedPole } from '../../host/rig/uno-pull-pull.js';
import { bench } from '../link/fixtures.js';

const PROFILE = { forceN: 40, rateNps: 100, holdMs: 200, preloadN: 2, approachMmps: 2, slipLimitMm: 0.5 };

describe('the samples lost in a pull are that pull\'s', () => {
  it('counts them from 1 when the acceptance comes as `ok dup=1` after the first samples and sample 1 was lost', async () => {
    let pulls = 0;
    const { clock, device, client } = bench((r) => (r.command === 'PULL' && ++pulls === 1 ? 'silent' : 'ok'));
    // An earlier pull on this link ended at sample 7.
    for (let n = 1; n <= 7; n++) client.samples.onSample(n);
    const reading = pullOnSelectedPole(client, PROFILE);
    await clock.advance(10);
    // The PULL runs; its `ok` was lost; samples 2..4 arrive (1 damaged), then the same-id retry at 100 ms gets `ok dup=1`.
    for (const n of [2, 3, 4]) device.push(`S ${n} ${n * 12} ${n}.00 0.${n}000`);
    await clock.advance(100);
    device.push('S 5 60 5.00 0.5000');
    device.push('DONE:PULL result=held peakN=40.10 holdMinN=39.90 holdMaxN=40.10 slipMm=0.0010 samples=5 durMs=600');
    await clock.advance(20);
    const result = await reading;
    expect(result.samples.map((s) => s.sampleNumber)).toEqual([2, 3, 4, 5]);
    expect(result.samplesLost).toBe(1);
  });
});
