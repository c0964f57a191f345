import { z } from 'zod';

/**
 * Text a person types or scans that clampbench writes into records, run folder names, logs, events
 * and terminal tables: a serial number, an operator, a station. A control character is never part
 * of such a label (a scanner's stray suffix, a pasted line break, an escape sequence) and would
 * break a table or a log line or drive the terminal, so it is refused by name and position. So are
 * the invisible Unicode characters that do the same less visibly: line and paragraph separators
 * (U+2028, U+2029, line breaks to many viewers), bidirectional overrides (U+202E shows `ABC123` for
 * what is stored as another string) and other format characters (zero-width space, byte order mark),
 * which make two labels that look identical differ.
 */

/** Longest identifier: a serial number, an operator or a station name. */
const IDENTIFIER_MAX_CHARS = 64;

// Cc: C0 (NUL to US), DEL and C1 (U+0080 to U+009F: some terminals take U+009B as the start of an escape
// sequence); Cf: format characters (bidi controls, zero-width characters, BOM); Zl, Zp: line and paragraph separators.
const CONTROL_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const NAMES: Readonly<Record<string, string>> = {
  '\n': 'line feed',
  '\r': 'carriage return',
  '\t': 'tab',
  '\u001b': 'ESC',
  '\u007f': 'DEL',
  '\u0000': 'NUL',
  '\u2028': 'line separator',
  '\u2029': 'paragraph separator',
  '\u200b': 'zero-width space',
  '\u202e': 'right-to-left override',
  '\ufeff': 'byte order mark',
};
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (SHORT[char]) return SHORT[char];
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u{${code.toString(16).toUpperCase()}}`;
}

/** `text` with every control character escaped (`\n`, `\x1B`): safe to print in a message, a log line or a table. */
export function printableText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escaped);
}

/** Why `text` cannot be `what` (`serial number`, `operator`), or null. */
export function identifierProblem(what: string, text: string, maxChars = IDENTIFIER_MAX_CHARS): string | null {
  if (text.trim() === '') return `${what} is empty`;
  if (text.length > maxChars) return `${what} of ${text.length} characters: at most ${maxChars} allowed`;
  const control = new RegExp(CONTROL_CHARACTERS.source, 'u').exec(text);
  if (control === null) return null;
  const char = control[0];
  const name = NAMES[char] ? ` (${NAMES[char]})` : '';
  return `${what} with a control character, ${escaped(char)}${name} at position ${control.index + 1}: only printable characters are allowed (no line breaks, tabs, escape sequences or invisible formatting characters)`;
}

/** A schema for an identifier in a data file (a station's name, its operator). */
export function identifierSchema(what: string) {
  return z.string().superRefine((text, ctx) => {
    const problem = identifierProblem(what, text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}
