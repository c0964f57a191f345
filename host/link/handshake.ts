import { infoReplyFromFields, type InfoReply } from '../../firmware-protocol/codec/known-replies.js';
import type { BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';
import { format as formatOk, type OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import { PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import { requests } from '../../firmware-protocol/generated/commands.js';
import { NotClampbenchError, ProtocolMismatchError, RigConnectError, SilentDeviceError, WrongBaudError } from './connect-errors.js';
import type { LineClient } from './line-client.js';
import { printableQuote } from './printable.js';
import { DeviceError, FirmwareResetError, LinkClosedError } from './request-errors.js';

export interface ConnectOptions {
  /** How long to wait for a boot banner (a real Uno resets on open; a PTY or a running rig sends none). */
  bannerWaitMs?: number;
  /** Where the rig is, for messages: "/dev/ttyACM0", "the simulator". */
  where?: string;
  infoTimeoutMs?: number;
  infoRetries?: number;
}

export interface DeviceIdentity {
  firmwareVersion: string;
  protocolMajor: number;
  protocolMinor: number;
  rigId: string;
  info: InfoReply;
  /** Whether a boot banner arrived (before or during connect). */
  sawBanner: boolean;
}

// An Uno's bootloader waits about 1.6 s after the DTR reset before the sketch starts and prints its banner.
const BANNER_WAIT_MS_DEFAULT = 2500;
// Share of non-text bytes above which the bytes are line noise rather than a sketch's text.
const GARBAGE_SHARE = 0.2;

/**
 * Wait for a banner, then ask INFO (it carries capabilities and calibration, which the banner does not), and
 * refuse what is not a clampbench rig of this protocol major with an error saying what was found.
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
      reply = await client.request(...requests.info(), { timeoutMs: options.infoTimeoutMs ?? 1000, retries: options.infoRetries ?? 1 });
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
  const info = infoReplyFromFields(reply.fields);
  if (!info) throw new RigConnectError(`${where} answered INFO without the fields this host needs: ${printableQuote(formatOk(reply), 200)}`);
  client.noteDeviceProtocol(info.protocolMajor, info.protocolMinor);
  return {
    firmwareVersion: info.firmwareVersion,
    protocolMajor: info.protocolMajor,
    protocolMinor: info.protocolMinor,
    rigId: info.rigId,
    info,
    sawBanner: banner !== null,
  };
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
  if (error instanceof LinkClosedError) return error;
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
