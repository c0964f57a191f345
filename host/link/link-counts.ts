/**
 * What the link went through, counted since the client was created: how often requests had to be sent
 * again and why, and what arrived damaged, twice or contradicting itself. A caller takes a snapshot
 * before a piece of work and `linkCountsSince` after it, to see what that piece cost.
 */
export interface LinkCounts {
  /** Requests made (a retry is part of its request, not another one). */
  requests: number;
  /** Repeats sent, all reasons together. */
  retries: number;
  /** Repeats by the reason of RetryEvent: `timeout`, `damaged-reply`, `error:7` … */
  retriesByReason: Record<string, number>;
  /** Device lines that failed the envelope (CRC, characters, length) and were not interpreted ('rejected'). */
  damagedLines: number;
  /** Later copies of a reply that had already settled its request, and agreed with it. */
  duplicateReplies: number;
  /** Later replies to a settled request that answered it differently ('conflicting-reply'). */
  conflictingReplies: number;
  /** Replies that answered no request the client knows of ('unmatched'). */
  unmatchedReplies: number;
}

export function noLinkCounts(): LinkCounts {
  return { requests: 0, retries: 0, retriesByReason: {}, damagedLines: 0, duplicateReplies: 0, conflictingReplies: 0, unmatchedReplies: 0 };
}

/** The counts of what happened between two snapshots of the same client. */
export function linkCountsSince(before: LinkCounts, after: LinkCounts): LinkCounts {
  const retriesByReason: Record<string, number> = {};
  for (const [reason, count] of Object.entries(after.retriesByReason)) {
    const added = count - (before.retriesByReason[reason] ?? 0);
    if (added > 0) retriesByReason[reason] = added;
  }
  return {
    requests: after.requests - before.requests,
    retries: after.retries - before.retries,
    retriesByReason,
    damagedLines: after.damagedLines - before.damagedLines,
    duplicateReplies: after.duplicateReplies - before.duplicateReplies,
    conflictingReplies: after.conflictingReplies - before.conflictingReplies,
    unmatchedReplies: after.unmatchedReplies - before.unmatchedReplies,
  };
}

/** The client's running counts; `snapshot()` hands out a copy that later counting does not change. */
export class LinkCounter {
  private readonly counts = noLinkCounts();

  request(): void {
    this.counts.requests++;
  }

  retry(reason: string): void {
    this.counts.retries++;
    this.counts.retriesByReason[reason] = (this.counts.retriesByReason[reason] ?? 0) + 1;
  }

  damagedLine(): void {
    this.counts.damagedLines++;
  }

  duplicateReply(): void {
    this.counts.duplicateReplies++;
  }

  conflictingReply(): void {
    this.counts.conflictingReplies++;
  }

  unmatchedReply(): void {
    this.counts.unmatchedReplies++;
  }

  snapshot(): LinkCounts {
    return { ...this.counts, retriesByReason: { ...this.counts.retriesByReason } };
  }
}
