import { COMMANDS_SOURCE, bannerText } from './banner.js';
import { FLAG_INTEGER, FLAG_OR_ZERO, KIND_ARG, KIND_POOL, KIND_POOL_EXCLUSIVE, comment, hexByte, type Row } from './render-commands-c-common.js';
import { settingFunctions } from './render-commands-c-settings.js';
import type { PoolEntry } from './render-commands-c-specs.js';
import type { CommandTable } from './render-commands-c-table.js';

// commands_table.cpp: the tables of commands.yaml that command_check.cpp reads, and the code that
// depends on the settings (text checks, reporting, SET and SETTINGS).

/** The #if that stops the build when command_check.h encodes descriptors otherwise than these tables. */
function flagGuard(): string[] {
  const expected: [string, string][] = [
    ['A_INTEGER', hexByte(FLAG_INTEGER)],
    ['A_OR_ZERO', hexByte(FLAG_OR_ZERO)],
    ['K_POOL', String(KIND_POOL)],
    ['K_ARG', String(KIND_ARG)],
    ['K_POOL_EXCLUSIVE', String(KIND_POOL_EXCLUSIVE)],
  ];
  return [
    `#if ${expected.map(([name, value]) => `${name} != ${value}`).join(' || ')}`,
    '#error command_check.h encodes ArgSpec flags otherwise than render-commands-c-common.ts',
    '#endif',
    '',
  ];
}

/** A flash table, a placeholder element when it would be empty. */
function table(declaration: string, rows: readonly Row[], empty = '0'): string[] {
  return [
    `${declaration}[] PROGMEM = {`,
    ...(rows.length === 0 ? [`  ${empty},  // (none)`] : rows.map((r) => `  ${r.init},  // ${comment(r.note)}`)),
    '};',
  ];
}

const poolRows = (pool: readonly PoolEntry[]): Row[] => pool.map((p) => ({ init: p.expr, note: p.uses.join(', ') }));

function tables(t: CommandTable): string[] {
  const { commands } = t;
  const { pools, specs } = t.descriptors;
  const hasSettingsReply = commands.commands.some((c) => c.reply === 'settings');
  return [
    ...table('const int32_t COMMANDS_INT_POOL', poolRows(pools.ints)),
    ...table('const float COMMANDS_FLOAT_POOL', poolRows(pools.floats)),
    '',
    ...table('const ArgSpec COMMANDS_ARG_SPECS', specs.map((s, index) => ({ init: s.init, note: `${index} ${s.note}` })), '{0x00, 0, 0, 0}'),
    `#define SETTING_SPECS_FIRST ${t.firstSettingSpec}`,
    '',
    ...table('const uint8_t COMMANDS_GATES', t.gates),
    '',
    ...table('const Interlock COMMANDS_INTERLOCKS', commands.interlocks.map((lock) => ({ init: `{${lock.firmware}, ERR_${lock.error}}`, note: lock.name })), '{0, 0}'),
    '',
    ...(hasSettingsReply ? ['static uint8_t settings_reply(uint16_t id, uint8_t argc, const ArgValue* v);', ''] : []),
    ...table('const CommandDef COMMANDS_DEFS', t.commandRows),
    '',
    `const char COMMANDS_HELP_TEXT[] PROGMEM = "${commands.commands.map((c) => c.name).join(' ')}";`,
    `static const char SETTING_NAMES[] PROGMEM = "${commands.settings.map((s) => s.name).join(' ')}";`,
    '',
  ];
}

export function renderCommandsSource(t: CommandTable): string {
  const lines = [
    `// ${bannerText(COMMANDS_SOURCE)}`,
    '// The tables command_check.cpp checks requests against, the HELP line, and the settings: the',
    '// text checks, reporting, SET and SETTINGS.',
    '#include "commands_table.h"',
    '#include <string.h>',
    '#include "codes.h"',
    '#include "config.h"',
    '#include "report.h"',
    '#include "settings.h"',
    '',
    ...flagGuard(),
    ...tables(t),
    ...settingFunctions(t),
  ];
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
