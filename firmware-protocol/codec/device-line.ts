import { LIMITS } from '../generated/codes.js';
import { PREFIX as BANNER_PREFIX } from './messages/banner.js';
import { formatDeviceBody, isReply, parseDeviceBody, type DeviceMessage } from './device-message.js';
import { openEnvelope, sealLine, type EnvelopeFailure } from './envelope.js';

export type DeviceLineFailure = EnvelopeFailure | 'id-on-push';

export type DecodedDeviceLine =
  | { ok: true; id?: number; message: DeviceMessage }
  | { ok: false; reason: DeviceLineFailure; detail: string };

/**
 * One line from the device (without `\n`) -> message. A line that fails the envelope is rejected whole,
 * never half-interpreted. The host always passes `requireCrc: true`; a terminal may pass false.
 */
export function decodeDeviceLine(line: string, options: { requireCrc: boolean }): DecodedDeviceLine {
  const opened = openEnvelope(line, { requireCrc: options.requireCrc, maxChars: LIMITS.deviceLineMaxChars });
  if (!opened.ok) return opened;
  const message = parseDeviceBody(opened.body);
  if (opened.id === undefined) return { ok: true, message };
  // Only replies echo an id; an id on anything else means the line is not what it seems.
  if (!isReply(message)) return { ok: false, reason: 'id-on-push', detail: `${message.kind} line carries id ${opened.id}` };
  return { ok: true, id: opened.id, message };
}

/**
 * A rig that reboots while sending a line cuts it short, and its boot banner follows the fragment on
 * the same line ("S 36 444 19.5clampbench fw=…*CRC"). Such a line, split into the fragment (damaged,
 * for the caller to count) and the banner; any other line as it is, alone. Only a part that decodes
 * as a whole banner, CRC and all, is split off.
 */
export function splitAtRebootBanner(line: string): string[] {
  const at = line.lastIndexOf(BANNER_PREFIX);
  if (at <= 0) return [line];
  const tail = line.slice(at);
  const decoded = decodeDeviceLine(tail, { requireCrc: true });
  return decoded.ok && decoded.message.kind === 'banner' ? [line.slice(0, at), tail] : [line];
}

/** Message -> the exact line the firmware sends (body, `*CRC`; `#id ` for a reply to a request with an id), without `\n`. */
export function encodeDeviceLine(message: DeviceMessage, id?: number): string {
  if (id !== undefined && !isReply(message)) throw new RangeError(`a ${message.kind} message never carries an id`);
  return sealLine(formatDeviceBody(message), id);
}
