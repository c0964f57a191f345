import { requests } from '../../firmware-protocol/generated/commands.js';
import type { PullDoneMessage } from '../../firmware-protocol/codec/messages/done.js';
import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';
import type { LineClient } from '../link/line-client.js';
import { waitForOperationEnd } from './uno-pull-operation-end.js';
import type { PullProfile, PullReading } from './rig-driver.js';

/**
 * PING interval during long operations and while the current is on: five per 250 ms (the firmware's default
 * host-silence watchdog). Only a line's newline feeds the watchdog; on a noisy line (1e-2 bit errors per
 * byte) about one keep-alive in 100 loses its newline, so four in a row must be lost before the watchdog
 * trips (at 100 ms, two in a row did: about one production-qc unit in 100).
 */
export const KEEP_ALIVE_MS = 50;
/** Time beyond ramp + hold for approach, release and return home (an empty grip ends sooner: DONE result=noload). */
const PULL_MARGIN_MS = 60_000;

/**
 * One PULL on the selected pole: keep the watchdog fed, collect samples, wait for DONE:PULL. The
 * sample tracker restarts as the PULL goes out (the last pull has ended; no sample of this one can
 * come before), so its loss count is this pull's even when the acceptance arrives as `ok dup=1`
 * after the first samples, or the first sample is lost.
 */
export async function pullOnSelectedPole(client: LineClient, profile: PullProfile, onSample?: (sample: SampleMessage) => void): Promise<PullReading> {
  const samples: SampleMessage[] = [];
  const collect = (sample: SampleMessage): void => {
    samples.push(sample);
    onSample?.(sample);
  };
  client.on('sample', collect);
  const stopKeepAlive = client.startKeepAlive(KEEP_ALIVE_MS);
  const rampAndHoldMs = (profile.forceN / profile.rateNps) * 1000 + profile.holdMs;
  const wait = waitForOperationEnd<PullDoneMessage>(client, 'PULL', rampAndHoldMs + PULL_MARGIN_MS);
  // The wait must not become an unhandled rejection when PULL itself is refused.
  wait.end.catch(() => undefined);
  client.samples.startPull();
  try {
    await client.request(...requests.pull({ targetN: profile.forceN, rateNps: profile.rateNps, holdMs: profile.holdMs, preloadN: profile.preloadN, approachMmps: profile.approachMmps }));
    wait.accepted(client.clock.now() + rampAndHoldMs);
    const { done: end, recovered } = await wait.end;
    return {
      result: end.result,
      ...(end.unknownResult === undefined ? {} : { unknownResult: end.unknownResult }),
      peakN: end.peakN,
      holdMinN: end.holdMinN,
      holdMaxN: end.holdMaxN,
      slipMm: end.slipMm,
      ...(end.alarm === undefined ? {} : { alarm: end.alarm }),
      samples,
      samplesLost: client.samples.stats().lost,
      ...(recovered ? { doneRecovered: true } : {}),
    };
  } finally {
    wait.cancel();
    stopKeepAlive();
    client.off('sample', collect);
  }
}
