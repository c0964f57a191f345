import { performance } from 'node:perf_hooks';
import { DeviceError, FirmwareResetError, LineClient, RequestTimeoutError } from '../../host/link/line-client.js';
import { ErrorCode } from '../../firmware-protocol/generated/codes.js';
import { SeededRandom } from '../../host/shared/seeded-random.js';
import { simClock } from '../../host/shared/sim-clock.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { wrongReplyReason } from './expected-reply.js';
import { auditFirmwareLines, type AuditResult, type ResetMark } from './firmware-line-audit.js';
import { NoisyLink } from './noisy-link.js';

export interface NoiseRunOptions {
  errorPerByte: number;
  seed: number;
  /** Requests made through the client (a retry is part of its request, not another one). */
  commands: number;
  pulls: number;
}

export interface NoiseRunFigures {
  errorPerByte: number;
  commands: number;
  hostToDevice: { bytes: number; bytesChanged: number; bitFlips: number };
  deviceToHost: { bytes: number; bytesChanged: number; bitFlips: number };
  /** Device lines the client refused (CRC, characters, length). */
  linesRejectedByHost: number;
  /** Device lines the client accepted that the device never sent: must be none. */
  acceptedButNeverSent: string[];
  firmware: AuditResult;
  retries: number;
  /** Requests that ended in an error after their retries, by reason (`timeout`, `reset`, `error:N`). */
  failedByReason: Record<string, number>;
  /** The same requests by command. */
  failedByCommand: Record<string, number>;
  /** Requests made, by command. */
  commandsByCommand: Record<string, number>;
  /** Retries, by command and by whether the retry carried the same id (state-changing) or a new one (read). */
  retriesByKind: Record<string, number>;
  /** Requests resolved with an `ok` that is not theirs (wrongReplyReason): must be none. */
  wrongReplies: string[];
  pullsRequested: number;
  /** Pulls the firmware started: sample streams it began at `S 1` (numbering restarts with every pull). */
  pullsStarted: number;
  /** `ok` replies (not dup) the firmware sent to PULL requests: one per pull it started. */
  pullOkReplies: number;
  /** PULL retries the firmware answered from memory (`ok dup=1`): the pull was not run again. */
  pullDupReplies: number;
  /** PULL ids the firmware answered `ok` (not dup) more than once: must be none. */
  pullIdsRunTwice: number[];
  /** Reboots of the firmware (a noise byte that became Ctrl-X). */
  resets: number;
  /** Pulls that ended `aborted` (a noise byte that became `!`). */
  pullsAborted: number;
  simMs: number;
  wallMs: number;
}

// Per command, a little over the longest a good exchange takes in simulated time (measured without
// noise: PING, TEMP, POLE, PULL 4-6 ms idle, over 12 ms while a pull runs;
// STATUS 12-20 ms; INFO 12-16 ms, its ~140 characters alone take 12 ms at 115200 baud; VDROP 38-42 ms
// of relay and current settling). A lost reply costs this much; without noise nothing times out.
const TIMEOUT_MS: Record<string, number> = { PING: 20, TEMP: 20, POLE: 20, PULL: 20, HOME: 20, RESET: 20, STATUS: 30, INFO: 40, VDROP: 60 };
const VDROP_SAMPLES = 16;
/** A short pull: 10 N at 200 N/s, no hold; about 0.3 s of rig time. */
const PULL_ARGS = [10, 200, 0] as const;
const KEEP_ALIVE_MS = 100;
/** Reads the host may send while a pull runs (PROTOCOL.md 2.1), and is sending anyway to see it end. */
const READS_DURING_PULL = ['STATUS', 'TEMP', 'PING', 'STATUS', 'PING'] as const;
const MAX_READS_PER_PULL = 400;

type Request = { command: string; args: number[] };

/**
 * The everyday mix between pulls: mostly short exchanges (PING 30 %, TEMP 22 %, POLE 32 %), some
 * STATUS (6 %) and VDROP (8 %), now and then INFO (2 %, a host asks it once per connection).
 */
function drawRequest(random: SeededRandom, poles: number): Request {
  const u = random.uniform();
  const pole = 1 + Math.floor(random.uniform() * poles);
  if (u < 0.3) return { command: 'PING', args: [] };
  if (u < 0.52) return { command: 'TEMP', args: [] };
  if (u < 0.84) return { command: 'POLE', args: [Math.floor(random.uniform() * (poles + 1))] };
  if (u < 0.9) return { command: 'STATUS', args: [] };
  if (u < 0.98) return { command: 'VDROP', args: [pole, 1 + Math.floor(random.uniform() * 5), VDROP_SAMPLES] };
  return { command: 'INFO', args: [] };
}

/**
 * Run `commands` requests (with `pulls` short pulls among them) from a LineClient through a
 * NoisyLink to the real firmware in the simulator (fast mode, simulated clock), then audit both
 * directions: what the host accepted against what the device sent, and what the firmware ran
 * against what the host sent.
 */
export async function runUnderNoise(options: NoiseRunOptions): Promise<NoiseRunFigures> {
  const wallStart = performance.now();
  const sim = new UnoPullSimulator({ mode: 'fast' });
  const link = new NoisyLink(sim, { errorPerByte: options.errorPerByte, seed: options.seed });
  const client = new LineClient(link, { clock: simClock(sim), retries: 2 });
  const random = new SeededRandom(options.seed + 0x5eed);
  const poles = 4;

  const resets: ResetMark[] = [];
  sim.on('reset', () => resets.push({ hostConsumed: sim.stats.hostBytesSent + sim.stats.hostBytesLost, hostLost: sim.stats.hostBytesLost, deviceBytes: sim.stats.deviceBytes }));
  /** The line of the host's latest write that carried this command (the attempt a retry follows). */
  const lastLineOf = (command: string): string => {
    for (let i = link.hostSent.length - 1; i >= 0; i--) {
      const line = (link.hostSent[i] as Buffer).toString('latin1');
      if (line.split(' ')[1] === command) return line;
    }
    return '';
  };
  const accepted: string[] = [];
  client.on('line', (line) => accepted.push(line));
  let rejected = 0;
  client.on('rejected', () => {
    accepted.pop();
    rejected++;
  });
  let retries = 0;
  const retriesByKind: Record<string, number> = {};
  client.on('retry', ({ request, nextId }) => {
    retries++;
    const command = request.split(' ')[0] as string;
    const sameId = /^#(\d+) /.exec(lastLineOf(command))?.[1] === String(nextId);
    const key = `${command} ${sameId ? 'same id' : 'new id'}`;
    retriesByKind[key] = (retriesByKind[key] ?? 0) + 1;
  });

  const bannerSeen = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer): void => {
      if (!chunk.includes(0x0a)) return;
      sim.off('data', onData);
      resolve();
    };
    sim.on('data', onData);
  });
  sim.start();
  await bannerSeen;
  const simStart = sim.timeMs;

  const failedByReason: Record<string, number> = {};
  const failedByCommand: Record<string, number> = {};
  const commandsByCommand: Record<string, number> = {};
  const wrongReplies: string[] = [];
  let issued = 0;
  /** One request; resolves with its fields, or null when it failed after its retries. */
  const send = async ({ command, args }: Request): Promise<Record<string, string> | null> => {
    issued++;
    commandsByCommand[command] = (commandsByCommand[command] ?? 0) + 1;
    try {
      const reply = await client.request(command, args, { timeoutMs: TIMEOUT_MS[command] ?? 100 });
      const wrong = wrongReplyReason(command, args, reply);
      if (wrong) wrongReplies.push(`${command} ${args.join(' ')}: ${wrong}`);
      return reply.fields;
    } catch (error) {
      const reason =
        error instanceof DeviceError ? `error:${error.code}` : error instanceof RequestTimeoutError ? 'timeout' : error instanceof FirmwareResetError ? 'reset' : null;
      if (reason === null) throw error;
      failedByReason[reason] = (failedByReason[reason] ?? 0) + 1;
      failedByCommand[command] = (failedByCommand[command] ?? 0) + 1;
      // A latched alarm (the watchdog starved by lost keep-alives) refuses relays and motion until RESET.
      if (error instanceof DeviceError && error.code === ErrorCode.ALARM_LOCKED) await send({ command: 'RESET', args: [] });
      return null;
    }
  };

  const runPull = async (pole: number): Promise<void> => {
    await send({ command: 'POLE', args: [pole] });
    const stopKeepAlive = client.startKeepAlive(KEEP_ALIVE_MS);
    try {
      // Position before force (PROTOCOL.md 2.3): HOME, at once at the switch, else until its state ends.
      await send({ command: 'HOME', args: [] });
      for (let read = 0; read < MAX_READS_PER_PULL; read++) {
        const fields = await send({ command: 'STATUS', args: [] });
        if (fields && fields.state !== 'HOME') break;
      }
      await send({ command: 'PULL', args: [...PULL_ARGS] });
      // The DONE line may be lost to the noise; the state says for sure when the pull is over.
      for (let read = 0; read < MAX_READS_PER_PULL; read++) {
        const command = READS_DURING_PULL[read % READS_DURING_PULL.length] as string;
        const fields = await send({ command, args: [] });
        if (command !== 'STATUS' || !fields) continue;
        if (fields.state === 'ALARM') await send({ command: 'RESET', args: [] });
        else if (fields.state !== 'PULL') return;
      }
      throw new Error(`the pull on pole ${pole} did not end after ${MAX_READS_PER_PULL} reads`);
    } finally {
      stopKeepAlive();
    }
  };

  const pullEvery = Math.floor(options.commands / (options.pulls + 1));
  let pullsRequested = 0;
  while (issued < options.commands) {
    if (pullsRequested < options.pulls && issued >= (pullsRequested + 1) * pullEvery) {
      pullsRequested++;
      await runPull(1 + (pullsRequested % poles));
    } else await send(drawRequest(random, poles));
  }
  // Let a last reply or keep-alive answer drain before the books are closed.
  await new Promise<void>((resolve) => sim.after(50, resolve));
  const simMs = sim.timeMs - simStart;
  sim.stop();
  client.close();
  link.detach();

  // With '' (after the last newline): an empty line, which noise makes of two newlines, runs nothing and gets `ok`.
  const hostSentLines = new Set(Buffer.concat(link.hostSent).toString('latin1').split('\n'));
  const idCommands = new Map<number, string>();
  for (const line of hostSentLines) {
    const request = /^#(\d+) (\S+)/.exec(line);
    if (request) idCommands.set(Number(request[1]), request[2] as string);
  }
  const deviceSent = Buffer.concat(link.deviceSent);
  const firmware = auditFirmwareLines({
    hostReceived: Buffer.concat(link.deviceReceived),
    deviceSent,
    resets,
    hostLostAtEnd: sim.stats.hostBytesLost,
    hostSentLines,
  });
  const sentLines = deviceSent.toString('latin1').split('\n');
  let cursor = 0;
  const acceptedButNeverSent = accepted.filter((line) => {
    const at = sentLines.indexOf(line, cursor);
    if (at < 0) return true;
    cursor = at + 1;
    return false;
  });
  const pullOks = new Map<number, number>();
  let pullsAborted = 0;
  let pullsStarted = 0;
  let pullDupReplies = 0;
  for (const line of sentLines) {
    const dup = /^#(\d+) ok dup=1/.exec(line);
    if (dup && idCommands.get(Number(dup[1])) === 'PULL') pullDupReplies++;
    if (line.startsWith('S 1 ')) pullsStarted++;
    if (line.startsWith('DONE:PULL result=aborted')) pullsAborted++;
    const reply = /^#(\d+) ok(?! dup=1)/.exec(line);
    if (reply && idCommands.get(Number(reply[1])) === 'PULL') pullOks.set(Number(reply[1]), (pullOks.get(Number(reply[1])) ?? 0) + 1);
  }
  const flips = (f: NoisyLink['hostToDevice']) => ({ bytes: f.bytes, bytesChanged: f.bytesChanged, bitFlips: f.bitFlips });
  return {
    errorPerByte: options.errorPerByte,
    commands: issued,
    hostToDevice: flips(link.hostToDevice),
    deviceToHost: flips(link.deviceToHost),
    linesRejectedByHost: rejected,
    acceptedButNeverSent,
    firmware,
    retries,
    failedByReason,
    failedByCommand,
    commandsByCommand,
    retriesByKind,
    wrongReplies,
    pullsRequested,
    pullsStarted,
    pullOkReplies: [...pullOks.values()].reduce((sum, count) => sum + count, 0),
    pullDupReplies,
    pullIdsRunTwice: [...pullOks].filter(([, count]) => count > 1).map(([id]) => id),
    resets: resets.length,
    pullsAborted,
    simMs,
    wallMs: performance.now() - wallStart,
  };
}
