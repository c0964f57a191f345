import { describe, expect, it } from 'vitest';
import { identifierProblem, printableText } from '../../host/shared/identifier-text.js';
import { serialProblem } from '../../host/station/serial-number.js';

const ONLY_PRINTABLE = 'only printable characters are allowed (no line breaks, tabs, escape sequences or invisible formatting characters)';

describe('identifiers people type or scan (serial numbers, operators, stations)', () => {
  it('names the control character, escaped, and its position counted from 1', () => {
    expect(serialProblem('U-00017\nX')).toBe(`serial number with a control character, \\n (line feed) at position 8: ${ONLY_PRINTABLE}`);
    expect(identifierProblem('operator', 'ana\u001b[2J')).toBe(`operator with a control character, \\x1B (ESC) at position 4: ${ONLY_PRINTABLE}`);
    expect(identifierProblem('operator', 'ana\tb')).toBe(`operator with a control character, \\t (tab) at position 4: ${ONLY_PRINTABLE}`);
    expect(identifierProblem('operator', 'a\rb')).toBe(`operator with a control character, \\r (carriage return) at position 2: ${ONLY_PRINTABLE}`);
  });

  it('refuses C0, DEL and C1 (U+0080 to U+009F), and takes every other character', () => {
    expect(serialProblem('U\u007f1')).toBe(`serial number with a control character, \\x7F (DEL) at position 2: ${ONLY_PRINTABLE}`);
    expect(serialProblem('U\u00801')).toBe(`serial number with a control character, \\x80 at position 2: ${ONLY_PRINTABLE}`);
    expect(serialProblem('U\u009b1')).toBe(`serial number with a control character, \\x9B at position 2: ${ONLY_PRINTABLE}`);
    expect(serialProblem('\u0000')).toBe(`serial number with a control character, \\x00 (NUL) at position 1: ${ONLY_PRINTABLE}`);
    expect(serialProblem('U-0017 Ä/ü_ß#é\u00a0x')).toBeNull();
    expect(identifierProblem('operator', 'Ana Müller')).toBeNull();
  });

  it('refuses the invisible Unicode characters that break lines or reorder text, by code point', () => {
    expect(serialProblem('U-1\u20282')).toBe(`serial number with a control character, \\u{2028} (line separator) at position 4: ${ONLY_PRINTABLE}`);
    expect(serialProblem('U-1\u20292')).toBe(`serial number with a control character, \\u{2029} (paragraph separator) at position 4: ${ONLY_PRINTABLE}`);
    expect(serialProblem('\u202e321-U')).toBe(`serial number with a control character, \\u{202E} (right-to-left override) at position 1: ${ONLY_PRINTABLE}`);
    expect(identifierProblem('operator', 'ana\u2066x\u2069')).toBe(`operator with a control character, \\u{2066} at position 4: ${ONLY_PRINTABLE}`);
    expect(serialProblem('U\u200b17')).toBe(`serial number with a control character, \\u{200B} (zero-width space) at position 2: ${ONLY_PRINTABLE}`);
    expect(serialProblem('\ufeffU17')).toBe(`serial number with a control character, \\u{FEFF} (byte order mark) at position 1: ${ONLY_PRINTABLE}`);
    expect(serialProblem('U-17 \u00e9\u4e2d\u{1F600}')).toBeNull();
    expect(printableText('a\u2028b\u202ec')).toBe('a\\u{2028}b\\u{202E}c');
  });

  it('keeps the serial number rules: not empty, at most 64 characters, not a station command', () => {
    expect(serialProblem('  ')).toBe('serial number is empty');
    expect(serialProblem('X'.repeat(65))).toBe('serial number of 65 characters: at most 64 allowed');
    expect(serialProblem('X'.repeat(64))).toBeNull();
    expect(serialProblem('!summary')).toBe('a serial number cannot start with "!"');
  });

  it('escapes control characters for messages, logs and tables', () => {
    expect(printableText('a\nb\u001bc\u009bd\te')).toBe('a\\nb\\x1Bc\\x9Bd\\te');
    expect(printableText('U-0017')).toBe('U-0017');
  });
});
