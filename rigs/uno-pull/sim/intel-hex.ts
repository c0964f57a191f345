/**
 * Intel HEX -> flash image. Small enough to keep here rather than add a dependency; it checks
 * every record's checksum and refuses data outside the flash, because a truncated or mangled
 * .hex would otherwise boot into nonsense that looks like a firmware bug.
 */
export function parseIntelHex(text: string, flashBytes: number): Uint8Array {
  const flash = new Uint8Array(flashBytes).fill(0xff); // erased flash reads 0xFF
  let baseAddress = 0;
  let sawEnd = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length && !sawEnd; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    const where = `line ${index + 1}`;
    if (!/^:[0-9A-Fa-f]+$/.test(line) || line.length < 11 || line.length % 2 === 0) {
      throw new Error(`Intel HEX ${where}: not a record: ${line.slice(0, 40)}`);
    }
    const bytes = Buffer.from(line.slice(1), 'hex');
    const count = bytes[0] ?? 0;
    if (bytes.length !== count + 5) throw new Error(`Intel HEX ${where}: length byte says ${count} data bytes, record has ${bytes.length - 5}`);
    const sum = bytes.reduce((acc, b) => (acc + b) & 0xff, 0);
    if (sum !== 0) throw new Error(`Intel HEX ${where}: bad checksum`);
    const offset = ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
    const type = bytes[3];
    const data = bytes.subarray(4, 4 + count);
    switch (type) {
      case 0x00: {
        const address = baseAddress + offset;
        if (address + count > flashBytes) throw new Error(`Intel HEX ${where}: data at 0x${address.toString(16)} beyond the ${flashBytes}-byte flash`);
        flash.set(data, address);
        break;
      }
      case 0x01:
        sawEnd = true;
        break;
      case 0x02:
        baseAddress = (((data[0] ?? 0) << 8) | (data[1] ?? 0)) * 16;
        break;
      case 0x04:
        baseAddress = (((data[0] ?? 0) << 8) | (data[1] ?? 0)) << 16;
        break;
      case 0x03:
      case 0x05:
        break; // start address records: the AVR always starts at 0
      default:
        throw new Error(`Intel HEX ${where}: unknown record type ${type}`);
    }
  }
  if (!sawEnd) throw new Error('Intel HEX: no end-of-file record (file truncated?)');
  return flash;
}
