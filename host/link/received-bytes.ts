/**
 * The last bytes the device sent, kept whether or not they formed valid lines: the only evidence for a wrong
 * baud rate or a foreign sketch, which send bytes that never decode.
 */
export class ReceivedBytes {
  private tail = Buffer.alloc(0);
  private total = 0;

  constructor(private readonly keepBytes = 512) {}

  add(chunk: Buffer): void {
    this.total += chunk.length;
    const joined = Buffer.concat([this.tail, chunk]);
    this.tail = joined.length > this.keepBytes ? joined.subarray(joined.length - this.keepBytes) : joined;
  }

  /** Bytes received since the client started, counted even when no longer kept. */
  get totalBytes(): number {
    return this.total;
  }

  /** The kept tail, one character per byte (latin1), for quoting. */
  text(): string {
    return this.tail.toString('latin1');
  }

  /**
   * Share of kept bytes outside printable ASCII and line ends. Clampbench sends only ASCII, so a large share
   * means the UART is sampling at the wrong rate (characters decode as arbitrary bytes).
   */
  nonTextShare(): number {
    if (this.tail.length === 0) return 0;
    let odd = 0;
    for (const byte of this.tail) if (!(byte === 0x0a || byte === 0x0d || byte === 0x09 || (byte >= 0x20 && byte <= 0x7e))) odd++;
    return odd / this.tail.length;
  }
}
