import { z } from 'zod';

/**
 * Text a person types or scans that clampbench writes into records, run folder names, logs, events
 * and terminal tables: a serial number, an operator, a station. A control character is never part
 * of such a label (a scanner's stray suffix, a pasted line break, an escape sequence) and would
 * break a table or a log line or drive the terminal, so it is refused by name and position.
 */

/** Longest identifier: a serial number, an operator or a station name. */
export const IDENTIFIER_MAX_CHARS = 64;

// C0 (NUL to US), DEL, and C1 (U+0080 to U+009F: some terminals take U+009B as the start of an escape sequence).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

const NAMES: Readonly<Record<string, string>> = { '\n': 'line feed', '\r': 'carriage return', '\t': 'tab', '\u001b': 'ESC', '\u007f': 'DEL', '\u0000': 'NUL' };
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(char: string): string {
  return SHORT[char] ?? `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** `text` with every control character escaped (`\n`, `\x1B`): safe to print in a message, a log line or a table. */
export function printableText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escaped);
}

/** Why `text` cannot be `what` (`serial number`, `operator`), or null. */
export function identifierProblem(what: string, text: string, maxChars = IDENTIFIER_MAX_CHARS): string | null {
  if (text.trim() === '') return `${what} is empty`;
  if (text.length > maxChars) return `${what} of ${text.length} characters: at most ${maxChars} allowed`;
  const control = new RegExp(CONTROL_CHARACTERS.source).exec(text);
  if (control === null) return null;
  const char = control[0];
  const name = NAMES[char] ? ` (${NAMES[char]})` : '';
  return `${what} with a control character, ${escaped(char)}${name} at position ${control.index + 1}: only printable characters are allowed (no line breaks, tabs or escape sequences)`;
}

/** A schema for an identifier in a data file (a station's name, its operator). */
export function identifierSchema(what: string) {
  return z.string().superRefine((text, ctx) => {
    const problem = identifierProblem(what, text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}
