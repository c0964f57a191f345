import { describe, expect, it } from 'vitest';
import { crc16, crcHex } from '../../firmware-protocol/codec/crc16.js';

describe('crc16 (CRC-16/CCITT-FALSE)', () => {
  it('gives the standard check value 0x29B1 for "123456789"', () => {
    expect(crc16('123456789')).toBe(0x29b1);
  });

  it('gives the initial value 0xFFFF for an empty string', () => {
    expect(crc16('')).toBe(0xffff);
  });

  it('formats as four upper-case hex digits with leading zeros', () => {
    expect(crcHex('123456789')).toBe('29B1');
    expect(crcHex('ok')).toMatch(/^[0-9A-F]{4}$/);
  });

  it('refuses characters that are not single bytes', () => {
    expect(() => crc16('€')).toThrow(RangeError);
  });
});
