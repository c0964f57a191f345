import type { CodesFile } from './codes-schema.js';
import { CODES_SOURCE, bannerText } from './banner.js';

export const TABLES_BEGIN = '<!-- GENERATED:codes BEGIN -->';
export const TABLES_END = '<!-- GENERATED:codes END -->';

/** Table cells must not contain `|`; the schema already refuses it in texts, this guards names and numbers too. */
const cell = (value: string | number | boolean): string => String(value).replace(/\|/g, '\\|');

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean>>): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** Markdown between the GENERATED markers of PROTOCOL.md (markers excluded). */
export function renderProtocolTables(codes: CodesFile): string {
  const lines: string[] = [`<!-- ${bannerText(CODES_SOURCE)} -->`, ''];
  lines.push('### Protocol version', '');
  lines.push(...table(['major', 'minor', 'baud'], [[codes.protocol.major, codes.protocol.minor, codes.protocol.baud]]), '');
  lines.push('### Limits', '');
  lines.push(...table(['name', 'value'], Object.entries(codes.limits).map(([k, v]) => [`\`${k}\``, v])), '');
  lines.push('### States', '');
  lines.push(...table(['index', 'name', 'meaning'], codes.states.map((s, i) => [i, `\`${s.name}\``, s.text])), '');
  lines.push('### Errors (`error:N`)', '');
  lines.push(...table(['code', 'name', 'meaning'], codes.errors.map((e) => [e.code, `\`${e.name}\``, e.text])), '');
  lines.push('### Alarms (`ALARM:N`)', '');
  lines.push(...table(['code', 'name', 'latching', 'meaning'], codes.alarms.map((a) => [a.code, `\`${a.name}\``, a.latching ? 'yes' : 'no', a.text])));
  return lines.join('\n');
}

/** Replace what lies between the markers; refuses a document without exactly one pair, rather than appending. */
export function spliceProtocolTables(markdown: string, tables: string): string {
  const begin = markdown.indexOf(TABLES_BEGIN);
  const end = markdown.indexOf(TABLES_END);
  if (begin < 0 || end < begin || markdown.indexOf(TABLES_BEGIN, begin + 1) >= 0 || markdown.indexOf(TABLES_END, end + 1) >= 0) {
    throw new Error(`PROTOCOL.md must contain exactly one ${TABLES_BEGIN} ... ${TABLES_END} pair`);
  }
  return `${markdown.slice(0, begin + TABLES_BEGIN.length)}\n${tables}\n${markdown.slice(end)}`;
}
