import { infoReplyFromFields, limitsReplyFromFields, type RigInfo } from '../../firmware-protocol/codec/known-replies.js';
import type { BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';
import { format as formatOk, type OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { requests } from '../../firmware-protocol/generated/commands.js';
import { LineNoiseError, NotClampbenchError, ProtocolMismatchError, RigConnectError, SilentDeviceError, WrongBaudError } from './connect-errors.js';
import type { LineClient } from './line-client.js';
import { printableQuote } from './printable.js';
import { isLineDamageError } from './retry-policy.js';
import { DeviceError, FirmwareResetError, LinkClosedError, RequestTimeoutError } from './request-errors.js';

export interface ConnectOptions {
  /** How long to wait for a boot banner (a real Uno resets on open; a PTY or a running rig sends none). */
  bannerWaitMs?: number;
  /** Where the rig is, for messages: "/dev/ttyACM0", "the simulator". */
  where?: string;
  infoTimeoutMs?: number;
  infoRetries?: number;
  /** Further tries of INFO and LIMITS on a line where the rig answers but many lines arrive damaged. */
  noisyLineTries?: number;
}

export interface DeviceIdentity {
  firmwareVersion: string;
  protocolMajor: number;
  protocolMinor: number;
  rigId: string;
  info: RigInfo;
  /** Whether a boot banner arrived (before or during connect). */
  sawBanner: boolean;
}

// An Uno's bootloader waits about 1.6 s after the DTR reset before the sketch starts and prints its banner.
const BANNER_WAIT_MS_DEFAULT = 2500;
// Share of non-text bytes above which the bytes are line noise rather than a sketch's text.
const GARBAGE_SHARE = 0.2;
// On a noisy line (1 byte in 100 damaged, a long cable beside a motor drive) INFO's ~140 characters
// arrive whole about one time in four: 40 more tries leave a failure chance near 1e-5, and each try
// waits only as long as a healthy rig takes to answer.
const NOISY_LINE_TRIES_DEFAULT = 40;
const NOISY_LINE_TRY_TIMEOUT_MS = 250;

/**
 * Wait for a banner, then ask INFO (capabilities, calibration and the newest remembered id, which the banner
 * does not carry) and LIMITS (the rig figures), and refuse what is not a clampbench rig of this protocol
 * major with an error saying what was found. On a noisy line both are asked patiently (askPatiently).
 */
export async function performHandshake(client: LineClient, options: ConnectOptions): Promise<DeviceIdentity> {
  const where = options.where ?? 'the device';
  const startMs = client.clock.now();
  let banner = client.lastBanner ?? (await waitForBanner(client, options.bannerWaitMs ?? BANNER_WAIT_MS_DEFAULT));
  if (banner) refuseOtherMajor(banner.protocolMajor, banner.protocolMinor);

  let reply: OkMessage | null = null;
  // A banner during INFO means the rig was still booting when INFO went out (slow bootloader): ask once more.
  for (let tries = 0; reply === null; tries++) {
    try {
      reply = await askPatiently(client, requests.info(), options);
    } catch (error) {
      if (error instanceof FirmwareResetError && tries === 0) {
        banner = error.banner;
        refuseOtherMajor(banner.protocolMajor, banner.protocolMinor);
        continue;
      }
      throw explainFailure(client, where, client.clock.now() - startMs, error);
    }
  }

  const proto = /^([0-9]+)\.([0-9]+)$/.exec(reply.fields.proto ?? '');
  if (proto) refuseOtherMajor(Number(proto[1]), Number(proto[2]));
  const identity = infoReplyFromFields(reply.fields);
  if (!identity) throw new RigConnectError(`${where} answered INFO without the fields this host needs: ${printableQuote(formatOk(reply), 200)}`);
  // Number this session's requests after every id the rig still remembers from an earlier one.
  client.continueIdsAfter(identity.lastId);
  let limitsReply: OkMessage;
  try {
    limitsReply = await askPatiently(client, requests.limits(), options);
  } catch (error) {
    throw explainFailure(client, where, client.clock.now() - startMs, error);
  }
  const limits = limitsReplyFromFields(limitsReply.fields);
  if (!limits) throw new RigConnectError(`${where} answered LIMITS without the fields this host needs: ${printableQuote(formatOk(limitsReply), 200)}`);
  const info: RigInfo = { ...identity, ...limits };
  return {
    firmwareVersion: info.firmwareVersion,
    protocolMajor: info.protocolMajor,
    protocolMinor: info.protocolMinor,
    rigId: info.rigId,
    info,
    sawBanner: banner !== null,
  };
}

/**
 * One read of the handshake: the usual attempts first; when they time out on a line where the rig
 * plainly answers (lines with a valid CRC arrive, others damaged), a bounded number of short tries
 * more, and then a LineNoiseError that says so instead of blaming the baud rate.
 */
async function askPatiently(client: LineClient, request: ReturnType<typeof requests.info>, options: ConnectOptions): Promise<OkMessage> {
  const damageBefore = damageSeen(client);
  try {
    return await client.request(...request, { timeoutMs: options.infoTimeoutMs ?? 1000, retries: options.infoRetries ?? 1 });
  } catch (error) {
    const answeredDamaged = damageSeen(client) > damageBefore;
    if (!(error instanceof RequestTimeoutError || isDamageError(error)) || !answeredDamaged || !rigAnswersThroughNoise(client)) throw error;
  }
  const tries = options.noisyLineTries ?? NOISY_LINE_TRIES_DEFAULT;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.request(...request, { timeoutMs: NOISY_LINE_TRY_TIMEOUT_MS, retries: 0 });
    } catch (error) {
      if (!(error instanceof RequestTimeoutError || isDamageError(error))) throw error;
      if (attempt >= tries) throw new LineNoiseError(options.where ?? 'the device', client.census, request[0], attempt + 1);
    }
  }
}

/** Damaged lines from the rig, and the rig's refusals of our lines as damaged: both say the line is noisy. */
function damageSeen(client: LineClient): number {
  return client.census.damagedLines + client.census.refusedAsDamaged;
}

function isDamageError(error: unknown): boolean {
  return error instanceof DeviceError && isLineDamageError(error.code);
}

/**
 * The rig is there at the right rate but lines arrive damaged (the caller saw damaged lines come in answer
 * to its request): some line had a valid CRC, or damaged lines still end in a well-formed CRC suffix among
 * bytes that are text (a wrong baud rate gives neither).
 */
function rigAnswersThroughNoise(client: LineClient): boolean {
  const { census, receivedBytes } = client;
  if (census.refusedAsDamaged > 0) return true; // a valid line of the rig saying our line arrived damaged
  if (census.damagedLines === 0) return false;
  return census.clampbenchLines > 0 || (census.damagedButSealed > 0 && receivedBytes.nonTextShare() <= GARBAGE_SHARE);
}

async function waitForBanner(client: LineClient, bannerWaitMs: number): Promise<BannerMessage | null> {
  try {
    return await client.waitFor('banner', () => true, bannerWaitMs);
  } catch (error) {
    if (error instanceof LinkClosedError) throw error;
    return null;
  }
}

/** PROTOCOL.md 7: any minor of our major is fine; another major may give old lines new meanings. */
function refuseOtherMajor(major: number, minor: number): void {
  if (major !== PROTOCOL.major) throw new ProtocolMismatchError(major, minor);
}

/** INFO got no usable answer: say what the device did send instead. */
function explainFailure(client: LineClient, where: string, waitedMs: number, error: unknown): Error {
  if (error instanceof LinkClosedError || error instanceof LineNoiseError) return error;
  const { census, receivedBytes } = client;
  const receivedText = receivedBytes.text();
  if (error instanceof DeviceError) return new RigConnectError(`${where} refused INFO: ${error.message}`, receivedText);
  if (error instanceof FirmwareResetError) return new RigConnectError(`${where} rebooted twice during the handshake: ${error.message}`, receivedText);

  // A banner of another major whose layout changed no longer parses, but still names its protocol.
  for (const line of census.foreign) {
    const other = /^clampbench .*\bproto=([0-9]+)\.([0-9]+)\b/.exec(line);
    if (other && Number(other[1]) !== PROTOCOL.major) return new ProtocolMismatchError(Number(other[1]), Number(other[2]));
  }
  if (receivedBytes.totalBytes === 0) return new SilentDeviceError(where, waitedMs);
  const reason = error instanceof Error ? error.message : String(error);
  // A valid CRC cannot happen at the wrong baud rate or from another sketch: the rig is there but not answering.
  if (census.clampbenchLines > 0) return new RigConnectError(`${where} sends clampbench lines but did not answer INFO (${reason})`, receivedText);
  if (census.damagedLines > census.foreignLines || receivedBytes.nonTextShare() > GARBAGE_SHARE) {
    return new WrongBaudError(where, census.damagedLines, census.damaged[0] ?? receivedText, receivedText);
  }
  // Readable text: a complete foreign line, or at least text without a line end.
  return new NotClampbenchError(where, census.foreign.length > 0 ? census.foreign : [receivedText], receivedText);
}
