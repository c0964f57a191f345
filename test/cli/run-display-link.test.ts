import { describe, expect, it } from 'vitest';
import { LINK_TROUBLE_PER_STEP, linkTroubleLine, runDisplay } from '../../host/cli/run-display.js';
import { noLinkCounts, type LinkCounts } from '../../host/link/link-counts.js';
import type { StepRecord } from '../../host/runner/test-record.js';

const counts = (overrides: Partial<LinkCounts>): LinkCounts => ({ ...noLinkCounts(), requests: 12, ...overrides });

function stepWith(link: LinkCounts | undefined): StepRecord {
  return { stepId: 'vdrop', kind: 'vdrop', title: 'voltage drop', optional: false, outcome: 'PASS', marginal: false, attempts: [], ...(link ? { link } : {}) };
}

describe('link figures in the run display', () => {
  it('says nothing below the threshold, or without link figures (a Firmata rig)', () => {
    expect(LINK_TROUBLE_PER_STEP).toEqual({ retries: 3, damagedLines: 5, conflictingReplies: 1 });
    expect(linkTroubleLine(undefined)).toBeNull();
    expect(linkTroubleLine(counts({ retries: 2, retriesByReason: { timeout: 2 }, damagedLines: 4 }))).toBeNull();
  });

  it('names retries by reason, damaged lines and conflicting replies from 3 retries, 5 damaged lines or 1 conflict in a step', () => {
    expect(linkTroubleLine(counts({ retries: 3, retriesByReason: { timeout: 1, 'damaged-reply': 2 }, damagedLines: 2 }))).toBe(
      'link: 3 retries (timeout 1, damaged-reply 2), 2 damaged lines, 0 conflicting replies',
    );
    expect(linkTroubleLine(counts({ damagedLines: 5 }))).toBe('link: 0 retries, 5 damaged lines, 0 conflicting replies');
    expect(linkTroubleLine(counts({ retries: 1, retriesByReason: { timeout: 1 }, conflictingReplies: 1 }))).toBe(
      'link: 1 retry (timeout 1), 0 damaged lines, 1 conflicting reply',
    );
  });

  it('prints the line under a step when it is recorded, not for a step recorded before an interruption', () => {
    const out: string[] = [];
    const display = runDisplay((text) => out.push(text), false);
    const noisy = counts({ retries: 4, retriesByReason: { timeout: 4 }, damagedLines: 6 });
    display({ kind: 'step-recorded', scope: 'pole', pole: 2, record: stepWith(noisy), resumed: false });
    display({ kind: 'step-recorded', scope: 'pole', pole: 3, record: stepWith(counts({})), resumed: false });
    expect(out).toEqual(['    link: 4 retries (timeout 4), 6 damaged lines, 0 conflicting replies — check the cable and the port\n']);
  });
});
