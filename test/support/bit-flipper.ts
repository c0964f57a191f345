import { SeededRandom } from '../../host/shared/seeded-random.js';

const BITS_PER_BYTE = 8;

/**
 * Random bit errors on one direction of a serial line: every data bit flips on its own with the
 * probability that makes `errorPerByte` the chance of a byte arriving changed. Seeded, so a run
 * replays exactly. Start and stop bits are not modelled (a flipped stop bit is a framing error,
 * which a UART reports instead of delivering a wrong byte).
 */
export class BitFlipper {
  bytes = 0;
  bytesChanged = 0;
  bitFlips = 0;
  private readonly random: SeededRandom;
  /** log(1 - p) for the per-bit probability p, for drawing the gap to the next flipped bit. */
  private readonly logKeepBit: number;
  /** Bits still to pass unchanged before the next flip. */
  private bitsToNextFlip: number;

  constructor(errorPerByte: number, seed: number) {
    if (!(errorPerByte >= 0 && errorPerByte < 1)) throw new RangeError(`errorPerByte ${errorPerByte}: expected 0 <= p < 1`);
    this.random = new SeededRandom(seed);
    const bitErrorRate = 1 - Math.pow(1 - errorPerByte, 1 / BITS_PER_BYTE);
    this.logKeepBit = Math.log(1 - bitErrorRate);
    this.bitsToNextFlip = this.drawGap();
  }

  /** The bytes as they arrive at the far end (a new buffer; `clean` is not changed). */
  pass(clean: Uint8Array): Buffer {
    const out = Buffer.from(clean);
    for (let i = 0; i < out.length; i++) {
      this.bytes++;
      if (this.bitsToNextFlip >= BITS_PER_BYTE) {
        this.bitsToNextFlip -= BITS_PER_BYTE;
        continue;
      }
      let mask = 0;
      while (this.bitsToNextFlip < BITS_PER_BYTE) {
        mask |= 1 << this.bitsToNextFlip;
        this.bitFlips++;
        this.bitsToNextFlip += 1 + this.drawGap();
      }
      this.bitsToNextFlip -= BITS_PER_BYTE;
      out[i] = (out[i] as number) ^ mask;
      this.bytesChanged++;
    }
    return out;
  }

  /** Geometric: unchanged bits before the next flip. */
  private drawGap(): number {
    if (this.logKeepBit === 0) return Number.POSITIVE_INFINITY;
    return Math.floor(Math.log(1 - this.random.uniform()) / this.logKeepBit);
  }
}
