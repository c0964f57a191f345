import { z } from 'zod';
/**
 * What the link went through, counted since the client was created: how often requests had to be sent
 * again and why, and what arrived damaged, twice or contradicting itself. A caller takes a snapshot
 * before a piece of work and `linkCountsSince` after it, to see what that piece cost.
 */
export const LinkCounts = z.strictObject({
  requests: z.number().describe('requests made (a retry is part of its request, not another one)'),
  retries: z.number().describe('repeats sent, all reasons together'),
  retriesByReason: z.record(z.string(), z.number()).describe('repeats by reason: timeout, damaged-reply, error:7 …'),
  damagedLines: z.number().describe('device lines that failed the envelope (CRC, characters, length) and were not interpreted'),
  duplicateReplies: z.number().describe('later copies of a reply that had already settled its request, and agreed with it'),
  conflictingReplies: z.number().describe('later replies to a settled request that answered it differently'),
  unmatchedReplies: z.number().describe('replies that answered no request the client knows of'),
});
export type LinkCounts = z.infer<typeof LinkCounts>;

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
