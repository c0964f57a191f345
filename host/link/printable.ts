/**
 * Text received from an unknown device, made safe to quote in one line of an error message: printable ASCII
 * stays, everything else becomes `\xNN` (`\r`, `\n`, `\t` by name), and long text is cut with `…` so that a
 * device spewing garbage cannot flood the message.
 */
export function printableQuote(text: string, maxChars = 60): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else if (char === '\r') out += '\\r';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else out += `\\x${(code & 0xff).toString(16).padStart(2, '0')}`;
    if (out.length >= maxChars) return `"${out.slice(0, maxChars)}…"`;
  }
  return `"${out}"`;
}
