import { ReadlineParser } from '@serialport/parser-readline';
import { describe, expect, it } from 'vitest';
import { decodeDeviceLine, type DecodedDeviceLine } from '../../firmware-protocol/codec/index.js';
import { deviceLineVectors } from './load-vectors.js';

/** Feed chunks through a ReadlineParser ('\n') and decode every line it emits. */
function decodeStream(chunks: readonly string[]): DecodedDeviceLine[] {
  const parser = new ReadlineParser({ delimiter: '\n' });
  const decoded: DecodedDeviceLine[] = [];
  parser.on('data', (line: string) => decoded.push(decodeDeviceLine(line, { requireCrc: true })));
  for (const chunk of chunks) parser.write(Buffer.from(chunk, 'latin1'));
  parser.end();
  return decoded;
}

// A session-like mix: banner, replies, CRLF, samples, a corrupted line in the middle.
const lines = [
  ...deviceLineVectors.valid.slice(0, 12).map((v) => v.line),
  `${deviceLineVectors.valid[1]?.line}\r`,
  ...deviceLineVectors.rejected.slice(0, 3).map((v) => v.line),
  ...deviceLineVectors.valid.slice(12).map((v) => v.line),
];
const stream = lines.map((l) => `${l}\n`).join('');
const whole = decodeStream([stream]);

describe('device lines split across chunks', () => {
  it('decodes the stream in one chunk line by line', () => {
    expect(whole).toHaveLength(lines.length);
    expect(whole.filter((d) => !d.ok)).toHaveLength(3);
  });

  it('decodes the same messages whatever position the stream is cut at', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(decodeStream([stream.slice(0, cut), stream.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('decodes the same messages when every byte arrives alone', () => {
    expect(decodeStream([...stream])).toEqual(whole);
  });
});
