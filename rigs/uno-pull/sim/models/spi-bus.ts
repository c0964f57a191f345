/** A device that answers bytes while its chip select is low. */
export interface SpiSlave {
  select(): void;
  transfer(mosiByte: number): number;
  deselect(): unknown;
}

/** A device with no chip select that sees every byte nobody else claims (the 74HC595 chain). */
export interface SpiListener {
  shiftIn(mosiByte: number): number;
}

/**
 * The rig's SPI bus: each byte goes to the slave whose CS is low, or to the shift-register chain
 * when no CS is low. MISO reads 0 when nobody drives it (the line has a pull-down).
 */
export class SpiBus {
  private readonly selected = new Set<SpiSlave>();

  constructor(
    private readonly fallback: SpiListener,
    private readonly warn: (message: string) => void,
  ) {}

  /** Call on every CS edge of a slave (selected = CS low). */
  setSelected(slave: SpiSlave, isSelected: boolean): void {
    if (isSelected === this.selected.has(slave)) return;
    if (isSelected) {
      this.selected.add(slave);
      slave.select();
    } else {
      this.selected.delete(slave);
      slave.deselect();
    }
  }

  /** One byte transferred by the master; returns the byte on MISO. */
  transfer(mosiByte: number): number {
    if (this.selected.size === 0) return this.fallback.shiftIn(mosiByte);
    if (this.selected.size > 1) this.warn('SPI: several chip selects low at once; MISO contention');
    let miso = 0;
    for (const slave of this.selected) miso |= slave.transfer(mosiByte);
    return miso & 0xff;
  }
}

/** Reverse the bits of a byte: the wire is MSB first, so an LSB-first master sees bytes mirrored. */
export function reverseBits(byte: number): number {
  let out = 0;
  for (let i = 0; i < 8; i++) out |= ((byte >> i) & 1) << (7 - i);
  return out;
}
