import { describe, expect, it } from 'vitest';
import { decodeDeviceLine } from '../../firmware-protocol/codec/index.js';
import { deviceLineVectors } from './load-vectors.js';

// CRC-16 detects every single-bit error and every burst up to 16 bits, so no corruption of this kind may pass.
const lines = deviceLineVectors.valid.map((v) => v.line);

describe('the lines to corrupt', () => {
  it('are the valid lines of firmware-protocol/vectors/device-lines.json, at least 40', () => {
    expect(lines.length).toBeGreaterThanOrEqual(40);
  });
});

describe('corrupted device lines are rejected whole', () => {
  it('rejects a line with any single bit flipped anywhere', () => {
    for (const line of lines) {
      for (let index = 0; index < line.length; index++) {
        for (let bit = 0; bit < 8; bit++) {
          const corrupted = line.slice(0, index) + String.fromCharCode(line.charCodeAt(index) ^ (1 << bit)) + line.slice(index + 1);
          expect(decodeDeviceLine(corrupted, { requireCrc: true }).ok, `${JSON.stringify(corrupted)}`).toBe(false);
        }
      }
    }
  });

  it('rejects a line with any one character dropped', () => {
    for (const line of lines) {
      for (let index = 0; index < line.length; index++) {
        const corrupted = line.slice(0, index) + line.slice(index + 1);
        expect(decodeDeviceLine(corrupted, { requireCrc: true }).ok, JSON.stringify(corrupted)).toBe(false);
      }
    }
  });

  it('rejects every line without its CRC when the CRC is required, and accepts it when not', () => {
    for (const line of lines) {
      const bare = line.slice(0, line.lastIndexOf('*'));
      expect(decodeDeviceLine(bare, { requireCrc: true })).toMatchObject({ ok: false, reason: 'missing-crc' });
      expect(decodeDeviceLine(bare, { requireCrc: false }).ok).toBe(true);
    }
  });

  it('still rejects a wrong CRC when the CRC is optional', () => {
    expect(decodeDeviceLine('ok*0000', { requireCrc: false })).toMatchObject({ ok: false, reason: 'bad-crc' });
  });
});
