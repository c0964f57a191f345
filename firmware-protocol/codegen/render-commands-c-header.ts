import { COMMANDS_SOURCE, bannerText } from './banner.js';
import { comment, settingIndexMacro } from './render-commands-c-common.js';
import { generatedHandler, handlerName, type CommandTable } from './render-commands-c-table.js';

// commands_table.h: the macros of commands.yaml (command, argument and setting indices, constant
// bounds and defaults), the tables command_check.cpp reads, and what the firmware must implement.

function changeStateMask(table: CommandTable): number {
  if (table.commands.commands.length > 32) throw new Error('COMMANDS_CHANGE_STATE_MASK holds 32 commands');
  return table.commands.commands.reduce((mask, c, index) => (c.changesState ? mask + 2 ** index : mask), 0);
}

function indexMacros(table: CommandTable): string[] {
  const { commands, setCommand } = table;
  return [
    '// Commands in table order (the order of the HELP line).',
    ...commands.commands.map((c, index) => `#define CMD_${c.name} ${index}`),
    `#define COMMAND_COUNT ${commands.commands.length}`,
    '// Bit CMD_x set for each command that changes state: only those are answered from the id memory',
    '// (PROTOCOL.md 1.2); a read runs again under any id.',
    `#define COMMANDS_CHANGE_STATE_MASK 0x${changeStateMask(table).toString(16).toUpperCase()}UL`,
    '// Most arguments any command takes.',
    `#define COMMAND_ARGS_MAX ${table.argsMax}`,
    '// The command that takes <setting> <value>: command_check.cpp checks and runs it with',
    '// commands_check_setting and commands_store_setting instead of descriptors and a handler (-1: none).',
    `#define COMMAND_SETTER ${setCommand ? `CMD_${setCommand.name}` : '-1'}`,
    '',
    ...table.commandMacros,
    '',
    '// Settings, in the order SETTINGS lists them; the Settings struct (settings.h) has a field of each name.',
    ...commands.settings.map((s, index) => `#define ${settingIndexMacro(s.name)} ${index}`),
    `#define SETTING_COUNT ${commands.settings.length}`,
    ...table.settingMacros,
    '',
  ];
}

function declarations(table: CommandTable): string[] {
  const { commands, setCommand } = table;
  const lines = ['// Interlocks: each is true while its condition holds; a command lists the ones that refuse it.'];
  for (const lock of commands.interlocks) lines.push(`bool ${lock.firmware}();  // ${lock.name} -> ${lock.error}: ${comment(lock.text)}`);
  lines.push(
    '',
    '// Handlers (hand-written): argc arguments were given; v holds every argument, defaults filled in,',
    '// all checked. Return an error code, or 0 when the handler replied or started an operation.',
  );
  for (const c of commands.commands) {
    if (!generatedHandler(c, setCommand)) lines.push(`uint8_t ${handlerName(c, setCommand)}(uint16_t id, uint8_t argc, const ArgValue* v);`);
  }
  lines.push(
    '',
    '// The tables command_check.cpp reads (flash): bound values, argument descriptors, gates, interlocks',
    '// and commands in table order.',
    'extern const int32_t COMMANDS_INT_POOL[] PROGMEM;',
    'extern const float COMMANDS_FLOAT_POOL[] PROGMEM;',
    'extern const ArgSpec COMMANDS_ARG_SPECS[] PROGMEM;',
    'extern const uint8_t COMMANDS_GATES[] PROGMEM;',
    'extern const Interlock COMMANDS_INTERLOCKS[] PROGMEM;',
    'extern const CommandDef COMMANDS_DEFS[] PROGMEM;',
    '// The HELP line: the command names, space-separated, in table order (flash).',
    'extern const char COMMANDS_HELP_TEXT[] PROGMEM;',
    '',
    '// Append " <name>=<value>" of one setting to the line being sent.',
    'void commands_report_setting(uint8_t index);',
    '// True when text is a valid value of the text setting `index` (length and characters).',
    'bool commands_text_setting_valid(uint8_t index, const char* text);',
  );
  if (setCommand) {
    lines.push(
      `// ${setCommand.name}'s arguments: argv[0] a setting name (any case), argv[1] its value, checked like an`,
      '// argument. Sets v[0] (i and f) to the setting index and v[1] to the value; 0 or the error code.',
      'uint8_t commands_check_setting(char** argv, ArgValue* v);',
      `// ${setCommand.name} once checked and its gates passed: store value (text for a text setting) in setting`,
      '// index, save the settings and reply ok <name>=<value>; 0 or ERR_EEPROM_FAILED.',
      'uint8_t commands_store_setting(uint16_t id, uint8_t index, const ArgValue* value, const char* text);',
    );
  }
  return lines;
}

export function renderCommandsHeader(table: CommandTable): string {
  const lines = [
    `// ${bannerText(COMMANDS_SOURCE)}`,
    '// The command table: argument indices, constant bounds and defaults, settings, the interlock',
    '// predicates and command handlers the firmware implements, and the HELP line.',
    '#ifndef CLAMPBENCH_COMMANDS_TABLE_H',
    '#define CLAMPBENCH_COMMANDS_TABLE_H',
    '',
    '#include <stdint.h>',
    '#include <avr/pgmspace.h>',
    '#include "command_check.h"',
    '#include "config.h"',
    '',
    ...indexMacros(table),
    ...declarations(table),
    '',
    '#endif  // CLAMPBENCH_COMMANDS_TABLE_H',
  ];
  return `${lines.join('\n')}\n`;
}
