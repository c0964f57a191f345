import type { Fields } from './fields.js';
import { doneFromFields, type DoneMessage } from './messages/done.js';
import { resultReplyFromFields, type InfoReply, type LimitsReply } from '../generated/commands.js';
export { statusFromFields as statusReplyFromFields } from './messages/status-fields.js';
// Typed views of the `ok` fields of replies, generated from commands.yaml: VdropReply, vdropReplyFromFields, …
export {
  InfoReply, infoReplyFromFields, IsoReply, isoReplyFromFields, VdropReply, vdropReplyFromFields,
  PoleReply, poleReplyFromFields, HeatReply, heatReplyFromFields, TempReply, tempReplyFromFields,
  TareReply, tareReplyFromFields, SpanReply, spanReplyFromFields, LimitsReply, limitsReplyFromFields,
  ResultReply, resultReplyFromFields, InsulReply, insulReplyFromFields,
} from '../generated/commands.js';

/** What a host knows of a rig after the handshake: INFO (identity) and LIMITS (its figures) together. */
export type RigInfo = InfoReply & LimitsReply;

/** What RESULT said of the last long operation (PROTOCOL.md 3.5): none yet, still running, or its DONE. */
export type LastOperation =
  | { state: 'none' }
  | { state: 'running'; operation: string; opId: number }
  | { state: 'ended'; opId: number; done: DoneMessage };

/** Typed RESULT reply, or null when its keys are missing or malformed (a DONE part that does not parse included). */
export function lastOperationFromFields(fields: Fields): LastOperation | null {
  const head = resultReplyFromFields(fields);
  if (!head) return null;
  if (head.op === '-') return { state: 'none' };
  if (head.running === 1) return { state: 'running', operation: head.op, opId: head.opId };
  const done = doneFromFields(head.op, fields);
  return done ? { state: 'ended', opId: head.opId, done } : null;
}

/** `dup=1`: the firmware recognised a retried id and answered from memory without executing again. */
export function isDuplicateReply(fields: Fields): boolean {
  return fields.dup === '1';
}

/** `rid=12` on an error without an id: the id the damaged line seemed to carry (PROTOCOL.md 1.3), a hint only. */
export function receivedIdHint(fields: Fields): number | undefined {
  const id = /^[1-9][0-9]{0,4}$/.test(fields.rid ?? '') ? Number(fields.rid) : Number.NaN;
  return id <= 65535 ? id : undefined;
}
