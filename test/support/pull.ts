import type { PullDoneMessage } from '../../firmware-protocol/codec/messages/done.js';
import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';
import type { FirmwareSession } from './firmware-session.js';

export interface PullRun {
  done: PullDoneMessage;
  samples: SampleMessage[];
}

/** Start `PULL args…` (pole already selected), keep the watchdog fed, collect samples until DONE:PULL. */
export async function runPull(session: FirmwareSession, args: ReadonlyArray<number>, timeoutMs = 120_000): Promise<PullRun> {
  const { client } = session;
  const samples: SampleMessage[] = [];
  const onSample = (sample: SampleMessage): void => void samples.push(sample);
  client.on('sample', onSample);
  const stopKeepAlive = session.keepAlive();
  try {
    const done = client.waitFor('done', (m) => m.operation === 'PULL', timeoutMs);
    await client.request('PULL', args);
    return { done: (await done) as PullDoneMessage, samples };
  } finally {
    stopKeepAlive();
    client.off('sample', onSample);
  }
}

/** Sample numbers 1..n without a gap or a repeat. */
export function sampleNumbersAreGapless(samples: readonly SampleMessage[]): boolean {
  return samples.every((sample, index) => sample.sampleNumber === index + 1);
}
