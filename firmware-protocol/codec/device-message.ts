import { z } from 'zod';
import * as alarm from './messages/alarm.js';
import * as banner from './messages/banner.js';
import * as done from './messages/done.js';
import * as msg from './messages/msg.js';
import * as replyError from './messages/reply-error.js';
import * as replyOk from './messages/reply-ok.js';
import * as sample from './messages/sample.js';
import * as status from './messages/status.js';

/** A line no parser recognised; kept whole so the host can log it. */
export const UnknownMessage = z.object({ kind: z.literal('unknown'), raw: z.string() });
export type UnknownMessage = z.infer<typeof UnknownMessage>;

export const DeviceMessage = z.discriminatedUnion('kind', [
  banner.BannerMessage,
  replyOk.OkMessage,
  replyError.ErrorMessage,
  status.StatusMessage,
  alarm.AlarmMessage,
  msg.TextMessage,
  sample.SampleMessage,
  done.DoneMessage,
  UnknownMessage,
]);
export type DeviceMessage = z.infer<typeof DeviceMessage>;

/** Kinds that answer a request and may carry its id; everything else is a push message. */
export function isReply(message: DeviceMessage): message is replyOk.OkMessage | replyError.ErrorMessage {
  return message.kind === 'ok' || message.kind === 'error';
}

// Each parser checks its own first characters (PROTOCOL.md 3), so the order only matters for speed.
const parsers: ReadonlyArray<(body: string) => DeviceMessage | null> = [
  replyOk.parse,
  replyError.parse,
  sample.parse,
  status.parse,
  alarm.parse,
  msg.parse,
  done.parse,
  banner.parse,
];

/** Body (envelope already removed) -> message; `{ kind: 'unknown', raw }` when no parser accepts it. */
export function parseDeviceBody(body: string): DeviceMessage {
  for (const parse of parsers) {
    const message = parse(body);
    if (message) return message;
  }
  return { kind: 'unknown', raw: body };
}

/** Message -> body exactly as the firmware prints it (no id, no CRC). */
export function formatDeviceBody(message: DeviceMessage): string {
  switch (message.kind) {
    case 'banner': return banner.format(message);
    case 'ok': return replyOk.format(message);
    case 'error': return replyError.format(message);
    case 'status': return status.format(message);
    case 'alarm': return alarm.format(message);
    case 'msg': return msg.format(message);
    case 'sample': return sample.format(message);
    case 'done': return done.format(message);
    case 'unknown': return message.raw;
  }
}
