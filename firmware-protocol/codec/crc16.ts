/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
 * Chosen because it is a few lines on an AVR (no table needed) and is the common "CCITT" variant.
 * Check value: crc16("123456789") === 0x29B1.
 */
export function crc16(text: string): number {
  let crc = 0xffff;
  for (let i = 0; i < text.length; i++) {
    // Lines are ASCII; a wider character cannot be a byte on the wire, so it is a caller bug.
    const byte = text.charCodeAt(i);
    if (byte > 0xff) throw new RangeError(`character U+${byte.toString(16)} at ${i} is not a single byte`);
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The four upper-case hex digits that follow `*` on the wire. */
export function crcHex(text: string): string {
  return crc16(text).toString(16).toUpperCase().padStart(4, '0');
}
