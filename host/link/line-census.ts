import type { DecodedDeviceLine } from '../../firmware-protocol/codec/device-line.js';
import { isLineDamageError } from './retry-policy.js';

const SEALED = /\*[0-9A-F]{4}\r?$/;

/**
 * What kinds of lines a device has sent, so that a failed handshake can say why: a clampbench rig sends lines
 * with a valid CRC; another sketch sends plain text without one; a port at the wrong baud rate sends lines
 * that are damaged (bad CRC, bytes that are not text).
 */
export class LineCensus {
  /** Lines with a valid CRC that decode to a clampbench message. */
  clampbenchLines = 0;
  /** Readable text without a CRC, or with a valid CRC but a body clampbench never sends. */
  foreignLines = 0;
  /** Lines that fail the CRC or contain bytes that are not text. */
  damagedLines = 0;
  /**
   * Damaged lines that still end in a well-formed `*XXXX` CRC suffix: what a rig's line looks like after a
   * few bit errors. A UART at the wrong rate practically never produces one.
   */
  damagedButSealed = 0;
  /** The rig's id-less refusals of our lines as damaged on the way (PROTOCOL.md 1.3: error 6, 7, 19, 23). */
  refusedAsDamaged = 0;
  private readonly foreignSamples: string[] = [];
  private readonly damagedSamples: string[] = [];

  constructor(private readonly keepSamples = 3) {}

  record(line: string, decoded: DecodedDeviceLine): void {
    // An empty line (a bare "\r\n" between other output) says nothing about who is talking.
    if (line === '' || line === '\r') return;
    if (decoded.ok && decoded.message.kind !== 'unknown') {
      this.clampbenchLines++;
      if (decoded.message.kind === 'error' && decoded.id === undefined && isLineDamageError(decoded.message.code)) this.refusedAsDamaged++;
    } else if ((decoded.ok && decoded.message.kind === 'unknown') || (!decoded.ok && decoded.reason === 'missing-crc')) {
      this.foreignLines++;
      this.keep(this.foreignSamples, line);
    } else {
      this.damagedLines++;
      if (SEALED.test(line)) this.damagedButSealed++;
      this.keep(this.damagedSamples, line);
    }
  }

  /** Every line counted, of any kind. */
  get totalLines(): number {
    return this.clampbenchLines + this.foreignLines + this.damagedLines;
  }

  /** The first few foreign lines, as received. */
  get foreign(): readonly string[] {
    return this.foreignSamples;
  }

  /** The first few damaged lines, as received. */
  get damaged(): readonly string[] {
    return this.damagedSamples;
  }

  private keep(samples: string[], line: string): void {
    if (samples.length < this.keepSamples) samples.push(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
