import type { CodesFile } from './codes-schema.js';
import { CODES_SOURCE, bannerText } from './banner.js';
import { screamingSnake } from './case-names.js';
import { cInteger, cNumber } from './c-literals.js';

/** Bit (code-1) set for every latching alarm, as `0x00000FBFUL`. */
function latchingMask(codes: CodesFile): string {
  let mask = 0;
  for (const a of codes.alarms) if (a.latching) mask = (mask | (1 << (a.code - 1))) >>> 0;
  return `0x${mask.toString(16).toUpperCase().padStart(8, '0')}UL`;
}

/** The firmware header `rigs/uno-pull/firmware/clampbench/codes.h`. */
export function renderCodesH(codes: CodesFile): string {
  const lines: string[] = [];
  lines.push(`// ${bannerText(CODES_SOURCE)}`);
  lines.push('#ifndef CLAMPBENCH_CODES_H', '#define CLAMPBENCH_CODES_H', '', '#include <avr/pgmspace.h>', '');

  lines.push('// Protocol version and link speed.');
  lines.push(`#define PROTOCOL_MAJOR ${codes.protocol.major}`);
  lines.push(`#define PROTOCOL_MINOR ${codes.protocol.minor}`);
  lines.push(`#define PROTOCOL_BAUD ${codes.protocol.baud}UL`, '');

  lines.push('// Limits of the wire format.');
  for (const [key, value] of Object.entries(codes.limits)) lines.push(`#define LIMIT_${screamingSnake(key)} ${cNumber(value)}`);
  lines.push('');

  lines.push('// Reply errors (error:N).');
  for (const e of codes.errors) lines.push(`#define ERR_${e.name} ${cInteger(e.code)}`);
  lines.push('');

  lines.push('// Alarms (ALARM:N).');
  for (const a of codes.alarms) lines.push(`#define ALARM_${a.name} ${cInteger(a.code)}`);
  lines.push('// Bit (code-1) is set for each alarm that latches until RESET.');
  lines.push(`#define ALARM_LATCHING_MASK ${latchingMask(codes)}`, '');

  lines.push('// States, numbered in table order; STATE_NAMES[state] is the name sent in status reports.');
  codes.states.forEach((s, index) => lines.push(`#define STATE_${s.name} ${index}`));
  lines.push(`#define STATE_COUNT ${codes.states.length}`, '');
  for (const s of codes.states) lines.push(`static const char STATE_NAME_${s.name}[] PROGMEM = "${s.name}";`);
  lines.push('static const char* const STATE_NAMES[] PROGMEM = {');
  for (const s of codes.states) lines.push(`  STATE_NAME_${s.name},`);
  lines.push('};', '');

  lines.push('#endif  // CLAMPBENCH_CODES_H');
  return `${lines.join('\n')}\n`;
}
