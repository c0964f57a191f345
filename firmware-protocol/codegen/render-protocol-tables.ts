import type { CodesFile } from './codes-schema.js';
import type { Command, CommandsFile } from './commands-schema.js';
import { CODES_SOURCE, COMMANDS_SOURCE, bannerText } from './banner.js';
import { boundText, gateNames, isNumericArgument, rangeText, usageText } from './describe-ranges.js';

/** Each generated part of PROTOCOL.md sits between its own pair of markers. */
const MARKERS = {
  codes: ['<!-- GENERATED:codes BEGIN -->', '<!-- GENERATED:codes END -->'],
  commands: ['<!-- GENERATED:commands BEGIN -->', '<!-- GENERATED:commands END -->'],
  settings: ['<!-- GENERATED:settings BEGIN -->', '<!-- GENERATED:settings END -->'],
} as const;
export type TablePart = keyof typeof MARKERS;

/** Table cells must not contain `|`; the schemas already refuse it in texts, this guards names and numbers too. */
const cell = (value: string | number | boolean): string => String(value).replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text}\``;

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean>>): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

const withUnit = (text: string, unit: string): string => (unit === '' ? text : `${text} ${unit}`);

function replyText(reply: Command['reply']): string {
  if (reply === 'status') return '`ok` + the status fields (3.1)';
  if (reply === 'setting') return '`ok <name>=<value>`';
  if (reply === 'settings') return '`ok` + every setting as `name=value` (2.4)';
  if (reply.length === 0) return '`ok`';
  return `\`ok ${reply.map((f) => `${f.key}=`).join(' ')}\``;
}

function codesPart(codes: CodesFile): string[] {
  const lines: string[] = [`<!-- ${bannerText(CODES_SOURCE)} -->`, ''];
  lines.push('### Protocol version', '');
  lines.push(...table(['major', 'minor', 'baud'], [[codes.protocol.major, codes.protocol.minor, codes.protocol.baud]]), '');
  lines.push('### Limits of the wire format', '');
  lines.push(...table(['name', 'value'], Object.entries(codes.limits).map(([k, v]) => [code(k), v])), '');
  lines.push('### States', '');
  lines.push(...table(['index', 'name', 'meaning'], codes.states.map((s, i) => [i, code(s.name), s.text])), '');
  lines.push('### Errors (`error:N`)', '');
  lines.push(...table(['code', 'name', 'meaning'], codes.errors.map((e) => [e.code, code(e.name), e.text])), '');
  lines.push('### Alarms (`ALARM:N`)', '');
  lines.push(...table(['code', 'name', 'latching', 'meaning'], codes.alarms.map((a) => [a.code, code(a.name), a.latching ? 'yes' : 'no', a.text])));
  return lines;
}

function commandsPart(commands: CommandsFile, codes: CodesFile): string[] {
  const errorCode = (name: string) => codes.errors.find((e) => e.name === name)?.code ?? '?';
  const lines: string[] = [`<!-- ${bannerText(COMMANDS_SOURCE)} -->`, ''];
  lines.push(
    ...table(
      ['request', 'kind', 'retry with', 'keep-alive', 'interlocks, in order', 'reply', 'what it does'],
      commands.commands.map((c) => [
        code(usageText(c)),
        c.kind,
        c.changesState ? 'same id' : 'new id',
        c.keepAlive ? 'yes' : 'no',
        gateNames(c).join(', ') || '–',
        replyText(c.reply),
        c.text,
      ]),
    ),
    '',
  );
  lines.push('#### Arguments', '');
  const argRows: Array<Array<string | number>> = [];
  for (const c of commands.commands) {
    for (const a of c.args) {
      if (!isNumericArgument(a)) {
        argRows.push([c.name, code(a.name), a.type === 'setting' ? 'setting name' : 'per setting', 'see 2.4', '–', '', a.text]);
        continue;
      }
      argRows.push([c.name, code(a.name), a.type, rangeText(a), a.default !== undefined ? boundText(a.default) : 'required', a.unit, a.text ?? '']);
    }
  }
  lines.push(...table(['command', 'argument', 'type', 'range', 'default', 'unit', 'meaning'], argRows), '');
  lines.push('#### Reply fields', '');
  const replyRows: Array<Array<string | number>> = [];
  for (const c of commands.commands) {
    if (!Array.isArray(c.reply)) continue;
    for (const f of c.reply) {
      const meaning = f.text ?? (f.rig === undefined ? '' : commands.rigValues.find((r) => r.name === f.rig)?.text ?? '');
      replyRows.push([c.name, code(f.key), f.type, f.decimals ?? '', f.unit, f.since === undefined ? '' : `${codes.protocol.major}.${f.since}`, meaning]);
    }
  }
  lines.push(...table(['command', 'key', 'type', 'decimals', 'unit', 'since', 'meaning'], replyRows), '');
  lines.push('#### Interlocks', '');
  lines.push(...table(['interlock', 'reply', 'holds when'], commands.interlocks.map((i) => [code(i.name), `error:${errorCode(i.error)} (${i.error})`, i.text])), '');
  lines.push('#### Rig figures (reported by LIMITS, used in ranges; poles by INFO)', '');
  lines.push(...table(['name', 'type', 'unit', 'meaning'], commands.rigValues.map((r) => [code(r.name), r.type, r.unit, r.text])));
  return lines;
}

function settingsPart(commands: CommandsFile): string[] {
  const lines: string[] = [`<!-- ${bannerText(COMMANDS_SOURCE)} -->`, ''];
  lines.push(
    ...table(
      ['name', 'type', 'range', 'default', 'unit', 'decimals sent', 'meaning'],
      commands.settings.map((s) => [
        code(s.name),
        s.type,
        rangeText(s),
        boundText(s.default),
        s.type === 'text' ? '' : s.unit,
        s.type === 'text' ? '' : (s.decimals ?? ''),
        s.text,
      ]),
    ),
  );
  return lines;
}

/** Markdown for each marked part of PROTOCOL.md (markers excluded). */
export function renderProtocolTables(codes: CodesFile, commands: CommandsFile): Record<TablePart, string> {
  return {
    codes: codesPart(codes).join('\n'),
    commands: commandsPart(commands, codes).join('\n'),
    settings: settingsPart(commands).join('\n'),
  };
}

/** Replace what lies between each pair of markers; refuses a document without exactly one of each pair, rather than appending. */
export function spliceProtocolTables(markdown: string, parts: Record<TablePart, string>): string {
  let out = markdown;
  for (const part of Object.keys(MARKERS) as TablePart[]) {
    const [beginMarker, endMarker] = MARKERS[part];
    const begin = out.indexOf(beginMarker);
    const end = out.indexOf(endMarker);
    if (begin < 0 || end < begin || out.indexOf(beginMarker, begin + 1) >= 0 || out.indexOf(endMarker, end + 1) >= 0) {
      throw new Error(`PROTOCOL.md must contain exactly one ${beginMarker} ... ${endMarker} pair`);
    }
    out = `${out.slice(0, begin + beginMarker.length)}\n${parts[part]}\n${out.slice(end)}`;
  }
  return out;
}
