import type { Fields } from './fields.js';
export { statusFromFields as statusReplyFromFields } from './messages/status-fields.js';
// Typed views of the `ok` fields of replies, generated from commands.yaml: VdropReply, vdropReplyFromFields, …
export {
  InfoReply, infoReplyFromFields, IsoReply, isoReplyFromFields, VdropReply, vdropReplyFromFields,
  PoleReply, poleReplyFromFields, HeatReply, heatReplyFromFields, TempReply, tempReplyFromFields,
  TareReply, tareReplyFromFields, SpanReply, spanReplyFromFields,
} from '../generated/commands.js';

/** `dup=1`: the firmware recognised a retried id and answered from memory without executing again. */
export function isDuplicateReply(fields: Fields): boolean {
  return fields.dup === '1';
}

/** `rid=12` on an error without an id: the id the damaged line seemed to carry (PROTOCOL.md 1.3), a hint only. */
export function receivedIdHint(fields: Fields): number | undefined {
  const id = /^[1-9][0-9]{0,4}$/.test(fields.rid ?? '') ? Number(fields.rid) : Number.NaN;
  return id <= 65535 ? id : undefined;
}
