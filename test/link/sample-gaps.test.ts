import { describe, expect, it } from 'vitest';
import type { SampleGap } from '../../host/link/sample-tracker.js';
import { SampleTracker } from '../../host/link/sample-tracker.js';
import { bench } from './fixtures.js';

const done = (lastSampleNumber: number): string =>
  `DONE:PULL result=held peakN=50.02 holdMinN=49.81 holdMaxN=50.02 slipMm=0.0125 samples=${lastSampleNumber} durMs=5150`;
const sample = (n: number): string => `S ${n} ${n * 12} 1.00 0.0000`;

describe('SampleTracker', () => {
  it('reports a skipped number with the count lost, and a repeat without counting a loss', () => {
    const tracker = new SampleTracker();
    expect([1, 2, 4, 5, 3].map((n) => tracker.onSample(n))).toEqual([
      null,
      null,
      { expected: 3, got: 4, missing: 1, source: 'sample' },
      null,
      { expected: 6, got: 3, missing: 0, source: 'sample' },
    ]);
    expect(tracker.stats()).toEqual({ received: 5, lost: 1, outOfOrder: 1, lastSampleNumber: 5 });
  });

  it('counts samples lost at the end when DONE names a higher last number', () => {
    const tracker = new SampleTracker();
    tracker.onSample(1);
    expect(tracker.onDone(3)).toEqual({ expected: 2, got: 3, missing: 2, source: 'done' });
    expect(tracker.onDone(3)).toBeNull();
    expect(tracker.stats()).toEqual({ received: 1, lost: 2, outOfOrder: 0, lastSampleNumber: 3 });
  });
});

describe('sample stream through the client', () => {
  it('emits sample-gap for a missing number and for samples DONE:PULL says were sent; a new PULL restarts the count', async () => {
    const { clock, device, client } = bench(() => 'ok');
    const gaps: SampleGap[] = [];
    client.on('sample-gap', (gap: SampleGap) => gaps.push(gap));
    const accepted = client.request('PULL', [50, 20, 1000]);
    await clock.advance(10);
    await accepted;
    for (const n of [1, 3]) device.push(sample(n));
    device.push(done(5));
    await clock.advance(1);
    expect(gaps).toEqual([
      { expected: 2, got: 3, missing: 1, source: 'sample' },
      { expected: 4, got: 5, missing: 2, source: 'done' },
    ]);
    expect(client.samples.stats()).toEqual({ received: 2, lost: 3, outOfOrder: 0, lastSampleNumber: 5 });

    const again = client.request('PULL', [50, 20, 1000]);
    await clock.advance(10);
    await again;
    expect(client.samples.stats()).toEqual({ received: 0, lost: 0, outOfOrder: 0, lastSampleNumber: 0 });
  });
});
