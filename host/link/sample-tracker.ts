/** A break in the numbered sample stream of a pull (PROTOCOL.md 3.4: numbered from 1 without gaps). */
export interface SampleGap {
  /** The number that should have come next. */
  expected: number;
  /** The number that came; for source 'done', the last number the firmware says it sent. */
  got: number;
  /** Samples lost by this gap; 0 for a repeated or out-of-order number. */
  missing: number;
  source: 'sample' | 'done';
}

export interface SampleStats {
  received: number;
  lost: number;
  /** Samples whose number was not above the last one seen (repeated or reordered lines). */
  outOfOrder: number;
  /** Highest sample number seen in this pull, 0 before the first. */
  lastSampleNumber: number;
}

/** Counts the samples of one pull and reports every number that was skipped or came out of order. */
export class SampleTracker {
  private received = 0;
  private lost = 0;
  private outOfOrder = 0;
  private last = 0;

  /** A PULL was accepted: its samples start again from 1. */
  startPull(): void {
    this.received = 0;
    this.lost = 0;
    this.outOfOrder = 0;
    this.last = 0;
  }

  /** Returns the gap this sample reveals, or null when it is the expected next number. */
  onSample(sampleNumber: number): SampleGap | null {
    // Number 1 after a finished stream is a new pull whose acceptance we did not see (a PULL retried with the
    // same id is answered `dup=1` only after its first samples may already have arrived).
    if (sampleNumber === 1 && this.last > 0) this.startPull();
    const expected = this.last + 1;
    this.received++;
    if (sampleNumber === expected) {
      this.last = sampleNumber;
      return null;
    }
    if (sampleNumber > expected) {
      const missing = sampleNumber - expected;
      this.lost += missing;
      this.last = sampleNumber;
      return { expected, got: sampleNumber, missing, source: 'sample' };
    }
    this.outOfOrder++;
    return { expected, got: sampleNumber, missing: 0, source: 'sample' };
  }

  /** DONE:PULL names its last sample number; samples after the last one seen were lost at the end. */
  onDone(lastSampleNumber: number): SampleGap | null {
    if (lastSampleNumber <= this.last) return null;
    const expected = this.last + 1;
    const missing = lastSampleNumber - this.last;
    this.lost += missing;
    this.last = lastSampleNumber;
    return { expected, got: lastSampleNumber, missing, source: 'done' };
  }

  stats(): SampleStats {
    return { received: this.received, lost: this.lost, outOfOrder: this.outOfOrder, lastSampleNumber: this.last };
  }
}
