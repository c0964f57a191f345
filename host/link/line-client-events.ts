import type { DeviceLineFailure } from '../../firmware-protocol/codec/device-line.js';
import type { DeviceMessage } from '../../firmware-protocol/codec/device-message.js';
import type { BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';
import type { ErrorMessage } from '../../firmware-protocol/codec/messages/reply-error.js';
import type { OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import type { RetryEvent } from './request-run.js';
import type { SampleGap } from './sample-tracker.js';

// The events of LineClient and what each carries.

/** Payload of 'reset': a banner the client did not cause, after connect(). */
export interface ResetEvent {
  banner: BannerMessage;
}

export type PushKind = Exclude<DeviceMessage['kind'], 'ok' | 'error'>;
export type PushOf<K extends PushKind> = Extract<DeviceMessage, { kind: K }>;

/** Payload of 'rejected': a line that failed the envelope (CRC, characters, length) and was not interpreted. */
export interface RejectedLine {
  line: string;
  reason: DeviceLineFailure;
  detail: string;
}

/** Payload of 'unmatched': a reply that answers no pending request (late, foreign id, or id-less). */
export interface UnmatchedReply {
  line: string;
  message: OkMessage | ErrorMessage;
}

/**
 * Payload of 'conflicting-reply': a reply to a request that another reply had already settled, answering it
 * differently (`error:11` after the `ok`). It is never taken as any request's result.
 */
export interface ConflictingReply {
  request: string;
  /** The id the later reply carried. */
  id: number;
  takenLine: string;
  laterLine: string;
}

/** Every event the client emits, with its arguments; the push kinds of PROTOCOL.md 3 each have their own. */
export interface LineClientEvents {
  line: [line: string];
  rejected: [rejected: RejectedLine];
  unmatched: [unmatched: UnmatchedReply];
  'conflicting-reply': [conflict: ConflictingReply];
  retry: [retry: RetryEvent];
  reset: [reset: ResetEvent];
  'sample-gap': [gap: SampleGap];
  message: [message: PushOf<PushKind>];
  banner: [message: PushOf<'banner'>];
  status: [message: PushOf<'status'>];
  alarm: [message: PushOf<'alarm'>];
  msg: [message: PushOf<'msg'>];
  sample: [message: PushOf<'sample'>];
  done: [message: PushOf<'done'>];
  unknown: [message: PushOf<'unknown'>];
}
