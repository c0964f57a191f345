import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDeviceLine, decodeRequestLine } from '../../firmware-protocol/codec/index.js';
import { repoRoot } from '../../firmware-protocol/codegen/codegen.js';

// PROTOCOL.md promises that every example line in it is exact, CRC included: a client author copies them.
const spec = readFileSync(`${repoRoot}firmware-protocol/PROTOCOL.md`, 'utf8');
const examples = [...spec.matchAll(/^[ ]*(->|<-) (.*)$/gm)].map((m) => ({ direction: m[1], line: m[2] ?? '' }));

describe('PROTOCOL.md examples', () => {
  it('has client and rig lines to check', () => {
    expect(examples.filter((e) => e.direction === '->').length).toBeGreaterThanOrEqual(8);
    expect(examples.filter((e) => e.direction === '<-').length).toBeGreaterThanOrEqual(15);
  });

  it('every rig line carries a correct CRC and decodes to a known message', () => {
    for (const { direction, line } of examples.filter((e) => e.direction === '<-')) {
      const decoded = decodeDeviceLine(line, { requireCrc: true });
      expect(decoded.ok, `${direction} ${line}`).toBe(true);
      if (decoded.ok) expect(decoded.message.kind, line).not.toBe('unknown');
    }
  });

  it('every client line carries a correct CRC and passes the envelope', () => {
    for (const { line } of examples.filter((e) => e.direction === '->')) {
      expect(line, line).toMatch(/\*[0-9A-F]{4}$/);
      expect(decodeRequestLine(line), line).toMatchObject({ ok: true });
    }
  });
});
