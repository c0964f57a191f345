import { describe, expect, it } from 'vitest';
import { parseIntelHex } from '../../rigs/uno-pull/sim/intel-hex.js';

function record(address: number, type: number, data: number[]): string {
  const bytes = [data.length, address >> 8, address & 0xff, type, ...data];
  const checksum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return `:${[...bytes, checksum].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

describe('parseIntelHex', () => {
  it('places data records and leaves the rest erased (0xFF)', () => {
    const flash = parseIntelHex([record(0x0010, 0, [1, 2, 3]), record(0, 1, [])].join('\n'), 64);
    expect([...flash.subarray(0x0f, 0x14)]).toEqual([0xff, 1, 2, 3, 0xff]);
  });

  it('honours extended linear addresses', () => {
    const flash = parseIntelHex([record(0, 4, [0, 0]), record(4, 0, [9]), record(0, 1, [])].join('\r\n'), 16);
    expect(flash[4]).toBe(9);
  });

  it('refuses a bad checksum, data beyond flash and a missing end record', () => {
    expect(() => parseIntelHex(':0100000001FF\n:00000001FF\n', 16)).toThrow(/checksum/);
    expect(() => parseIntelHex([record(0x20, 0, [1]), record(0, 1, [])].join('\n'), 16)).toThrow(/beyond/);
    expect(() => parseIntelHex(record(0, 0, [1]), 16)).toThrow(/end-of-file/);
  });
});
