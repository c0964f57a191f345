import { describe, expect, it } from 'vitest';
import { runUnderNoise, type NoiseRunFigures } from '../support/noise-run.js';

/**
 * Line noise (issue 6, item 4): random bit errors in both directions between the host's LineClient
 * and the real firmware in the simulator (fast mode, simulated clock), over at least 10,000
 * requests per rate: reads, pole selections, measurements and short pulls.
 */

const COMMANDS = 10_000;
const PULLS = 12;
/** The bit flipper draws flips at random: the share of bytes it changed is within this of the rate asked for (over 10^5 bytes and more, 5+ sigma). */
const NOISE_RATE_TOLERANCE = 0.2;
/**
 * Failed after all its tries, at most this share of the requests. A damaged line (an id-less refusal, a
 * reply failing its CRC) is retried at once, up to 40 times beside the 3 attempts for silence
 * (PROTOCOL.md 1.4), a reply late by its usual time gets a keep-alive nudge that ends a line held open by a
 * flipped newline, and INFO is ~140 characters: at 1e-3 nothing fails (seed 6: 0 of
 * 10,000), at 1e-2 about 0.3 % (34 of 10,000), timeouts of lines that got neither a reply nor a damaged
 * line about them.
 */
const MAX_FAILED_SHARE: Record<number, number> = { 1e-3: 0.002, 1e-2: 0.03 };
/**
 * Why a request may fail after its retries: every attempt lost (timeout), every attempt refused as
 * damaged (error:7 CRC, error:1 a byte turned into a control byte, error:6 two lines run together),
 * a reboot (a byte turned into Ctrl-X: protocol 1.x only), what a reboot or a starved watchdog leaves
 * behind (no pole selected, an alarm latched until RESET), and a repeat refused BUSY or CURRENT_ON by
 * its own earlier copy still running when that copy's reply was lost as well (the client waits one
 * timeout for it, PROTOCOL.md 1.4). Never a refusal of what the host asked for.
 */
const NOISE_FAILURES = new Set(['timeout', 'reset', 'error:7', 'error:1', 'error:6', 'error:10', 'error:13', 'error:23', 'error:9', 'error:11']);
const RUN_TIMEOUT_MS = 600_000;

function report(f: NoiseRunFigures): void {
  const rate = (x: { bytes: number; bytesChanged: number; bitFlips: number }): string =>
    `${x.bytes} bytes, ${x.bytesChanged} changed (${((x.bytesChanged / x.bytes) * 100).toFixed(3)} %), ${x.bitFlips} bit flips`;
  const failed = Object.values(f.failedByReason).reduce((a, b) => a + b, 0);
  console.log(
    [
      `line noise ${f.errorPerByte} per byte: ${f.commands} requests ${JSON.stringify(f.commandsByCommand)}`,
      `  host -> device: ${rate(f.hostToDevice)}; lines refused by the firmware: ${f.firmware.refused} of ${f.firmware.answered} answered`,
      `  device -> host: ${rate(f.deviceToHost)}; lines rejected by the host: ${f.linesRejectedByHost}`,
      `  corrupted lines accepted by the host: ${f.acceptedButNeverSent.length}; corrupted lines run by the firmware: ${f.firmware.corruptedRun.length}; keep-alive PINGs run without their CRC: ${f.firmware.keepAliveRunWithoutCrc}`,
      `  retries: ${f.retries} ${JSON.stringify(f.retriesByKind)}`,
      `  failed after retries: ${failed} (${((failed / f.commands) * 100).toFixed(2)} %) ${JSON.stringify(f.failedByReason)} ${JSON.stringify(f.failedByCommand)}`,
      `  pulls: ${f.pullsRequested} requested, ${f.pullsStarted} started, ${f.pullOkReplies} ok, ${f.pullDupReplies} dup=1, ${f.pullIdsRunTwice.length} run twice, ${f.pullsAborted} aborted by a noise '!'`,
      `  firmware reboots by a noise Ctrl-X: ${f.resets}`,
      `  simulated ${(f.simMs / 1000).toFixed(1)} s, wall ${(f.wallMs / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
}

describe('the same run on a clean line (the control)', () => {
  it('2000 requests and 3 pulls: no retry, no failure, nothing refused on either side', async () => {
    const f = await runUnderNoise({ errorPerByte: 0, seed: 6, commands: 2000, pulls: 3 });
    expect(f.hostToDevice.bitFlips + f.deviceToHost.bitFlips).toBe(0);
    expect(f.retries).toBe(0);
    expect(f.failedByReason).toEqual({});
    expect(f.linesRejectedByHost).toBe(0);
    expect(f.firmware.refused).toBe(0);
    expect(f.firmware.mispaired).toEqual([]);
    expect(f.firmware.corruptedRun).toEqual([]);
    expect(f.firmware.answered).toBeGreaterThanOrEqual(2000);
    expect(f.wrongReplies).toEqual([]);
    expect(f.pullsStarted).toBe(3);
  }, RUN_TIMEOUT_MS);
});

describe.each([1e-3, 1e-2])('random bit errors at %s per byte in both directions', (errorPerByte) => {
  it(
    `${COMMANDS} requests: no corrupted line accepted by the host or run by the firmware, reads retried, no pull run twice`,
    async () => {
      const f = await runUnderNoise({ errorPerByte, seed: 6, commands: COMMANDS, pulls: PULLS });
      report(f);
      expect(f.commands).toBeGreaterThanOrEqual(COMMANDS);

      // The noise is the noise asked for, on both wires.
      for (const wire of [f.hostToDevice, f.deviceToHost]) {
        expect(wire.bytesChanged / wire.bytes).toBeGreaterThan(errorPerByte * (1 - NOISE_RATE_TOLERANCE));
        expect(wire.bytesChanged / wire.bytes).toBeLessThan(errorPerByte * (1 + NOISE_RATE_TOLERANCE));
      }

      // Host side: every line the client took for valid is byte for byte one the device sent, in order.
      expect(f.linesRejectedByHost).toBeGreaterThan(0);
      expect(f.acceptedButNeverSent).toEqual([]);

      // Firmware side: every line it answered with an id or ran is byte for byte one the host sent.
      expect(f.firmware.mispaired).toEqual([]);
      expect(f.firmware.refused).toBeGreaterThan(0);
      expect(f.firmware.corruptedRun).toEqual([]);

      // Every request that resolved got its own reply (the fields it echoes are the ones it asked for).
      expect(f.wrongReplies).toEqual([]);

      // Reads were retried with new ids, state-changing requests with the same id.
      expect(f.retries).toBeGreaterThan(0);
      expect(Object.keys(f.retriesByKind).filter((kind) => /^(POLE|PULL|RESET) new id|^(PING|TEMP|STATUS|INFO|VDROP) same id/.test(kind))).toEqual([]);

      // Failures are the noise's doing, named, and few.
      const failed = Object.values(f.failedByReason).reduce((a, b) => a + b, 0);
      expect(Object.keys(f.failedByReason).filter((reason) => !NOISE_FAILURES.has(reason))).toEqual([]);
      expect(failed / f.commands).toBeLessThan(MAX_FAILED_SHARE[errorPerByte] as number);

      // A PULL runs at most once: one start per `ok`, never two `ok`s for one id, never more starts than requests.
      expect(f.pullIdsRunTwice).toEqual([]);
      expect(f.pullsStarted).toBe(f.pullOkReplies);
      expect(f.pullsStarted).toBeGreaterThan(0);
      expect(f.pullsStarted).toBeLessThanOrEqual(f.pullsRequested);
    },
    RUN_TIMEOUT_MS,
  );
});
