/** A device line that failed the envelope but begins `#<id> `: where a damaged reply says it belongs (a hint). */
const DAMAGED_REPLY_ID = /^#([1-9][0-9]{0,4}) /;
/** How push messages begin (PROTOCOL.md 3): a damaged line starting so is not a reply. */
const PUSH_START = /^(S |<|ALARM:|\[MSG:|DONE:|clampbench )/;
/** A damaged line that began as `#<id> `, the prefix itself hit: `#` changed, or a digit or the space. */
const DAMAGED_ID_PREFIX = /^(#|[^ S][0-9]{1,5} )/;

/**
 * What a device line that failed the envelope still tells:
 *   `#12 ok …` with a bad CRC                 { kind: 'reply', id: 12 }
 *   `#1x ok …`, `error:3 …` with a bad CRC   { kind: 'unreadable-reply' }
 *   `S 41 …`, `<Idle…` with a bad CRC         { kind: 'push' }
 */
export type DamagedLineHint = { kind: 'reply'; id: number } | { kind: 'unreadable-reply' } | { kind: 'push' };

export function damagedLineHint(line: string): DamagedLineHint {
  const hintedId = DAMAGED_REPLY_ID.exec(line)?.[1];
  if (hintedId !== undefined) return { kind: 'reply', id: Number(hintedId) };
  // A reply whose id prefix itself was hit.
  if (DAMAGED_ID_PREFIX.test(line)) return { kind: 'unreadable-reply' };
  // Neither a push message nor a reply with an id: an id-less reply (an error about a line whose id was
  // hit, a keep-alive's answer), damaged.
  if (!PUSH_START.test(line)) return { kind: 'unreadable-reply' };
  return { kind: 'push' };
}
