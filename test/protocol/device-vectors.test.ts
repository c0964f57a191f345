import { describe, expect, it } from 'vitest';
import { DeviceMessage, decodeDeviceLine, encodeDeviceLine } from '../../firmware-protocol/codec/index.js';
import { deviceLineVectors } from './load-vectors.js';

const expectedDecode = (v: { id?: number; message: unknown }) => (v.id === undefined ? { ok: true, message: v.message } : { ok: true, id: v.id, message: v.message });

describe('device-lines.json golden vectors', () => {
  it('covers every message kind', () => {
    const kinds = new Set(deviceLineVectors.valid.map((v) => (v.message as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['alarm', 'banner', 'done', 'error', 'msg', 'ok', 'sample', 'status', 'unknown']);
  });

  it.each(deviceLineVectors.valid)('decodes $name', (v) => {
    expect(decodeDeviceLine(v.line, { requireCrc: true })).toEqual(expectedDecode(v));
  });

  it.each(deviceLineVectors.valid)('encodes $name to the exact line', (v) => {
    expect(encodeDeviceLine(DeviceMessage.parse(v.message), v.id)).toBe(v.line);
  });

  it.each(deviceLineVectors.decodeOnly)('decodes $name', (v) => {
    expect(decodeDeviceLine(v.line, { requireCrc: true })).toEqual(expectedDecode(v));
  });

  it.each(deviceLineVectors.rejected)('rejects $name as $reason', (v) => {
    const decoded = decodeDeviceLine(v.line, { requireCrc: true });
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? undefined : decoded.reason).toBe(v.reason);
  });
});
