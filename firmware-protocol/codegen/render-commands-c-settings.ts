import type { Command, Setting } from './commands-schema.js';
import { fail, settingCaseLabel, settingIndexMacro, settingPrefix, type TextSetting } from './render-commands-c-common.js';
import type { CommandTable } from './render-commands-c-table.js';

// The functions of commands_table.cpp that depend on the settings of commands.yaml: the text
// checks, reporting one setting, SETTINGS, and SET's check and store (which command_check.cpp calls).

/** A C char literal of one character of a chars class (the schema allows [A-Za-z0-9_-] only). */
const cChar = (c: string): string => `'${c}'`;

/** `A-Za-z0-9_-` -> `(c >= 'A' && c <= 'Z') || ... || c == '-'`. */
function charClassCondition(body: string, variable = 'c'): string {
  const parts: string[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2]!;
      if (to < c) throw new Error(`character class ${body}: range ${c}-${to} is reversed`);
      parts.push(`(${variable} >= ${cChar(c)} && ${variable} <= ${cChar(to)})`);
      i += 3;
    } else {
      parts.push(`${variable} == ${cChar(c)}`);
      i += 1;
    }
  }
  return parts.join(' || ');
}

const isText = (s: Setting): s is TextSetting => s.type === 'text';

function textSettingValid(settings: readonly Setting[]): string[] {
  const lines = ['bool commands_text_setting_valid(uint8_t index, const char* text) {'];
  for (const s of settings.filter(isText)) {
    const prefix = settingPrefix(s.name);
    lines.push(
      `  if (index == ${settingIndexMacro(s.name)}) {`,
      '    uint8_t n = 0;',
      '    for (char c; (c = text[n]) != 0; n++) {',
      `      if (!(${charClassCondition(s.chars)})) return false;`,
      `      if (n == ${prefix}_MAX_CHARS) return false;`,
      '    }',
      `    return n >= ${prefix}_MIN_CHARS;`,
      '  }',
    );
  }
  return [...lines, '  return false;', '}', ''];
}

/** The report call that appends one setting's value. */
function reportCall(s: Setting): string {
  if (s.type === 'text') return `report_str(settings.${s.name});`;
  if (s.type === 'decimal') {
    if (s.decimals !== undefined && s.decimals > 4) fail(`settings ${s.name}.decimals`, 'the firmware sends at most 4 decimals');
    return s.decimals === undefined ? `report_compact(settings.${s.name});` : `report_fixed(settings.${s.name}, ${s.decimals});`;
  }
  const signed = s.min === undefined || typeof s.min !== 'number' || s.min < 0 || (s.minExclusive !== undefined && s.minExclusive < 0);
  return signed ? `report_i32(settings.${s.name});` : `report_u32(settings.${s.name});`;
}

function reportSetting(settings: readonly Setting[]): string[] {
  return [
    'void commands_report_setting(uint8_t index) {',
    "  report_char(' ');",
    '  command_check_report_word(SETTING_NAMES, index);',
    "  report_char('=');",
    '  switch (index) {',
    ...settings.map((s, i) => `${settingCaseLabel(settings, i)} ${reportCall(s)} break;`),
    '  }',
    '}',
    '',
  ];
}

const SETTINGS_REPLY = [
  'static uint8_t settings_reply(uint16_t id, uint8_t, const ArgValue*) {',
  '  report_ok_begin(id);',
  '  for (uint8_t i = 0; i < SETTING_COUNT; i++) commands_report_setting(i);',
  '  report_end();',
  '  return 0;',
  '}',
  '',
];

function checkSetting(setCommand: Command, settings: readonly Setting[]): string[] {
  const texts = settings.filter(isText);
  const textCheck = `  if (${texts.map((s) => `index == ${settingIndexMacro(s.name)}`).join(' || ')}) return commands_text_setting_valid((uint8_t)index, argv[1]) ? 0 : ERR_OUT_OF_RANGE;`;
  return [
    `// ${setCommand.name} <setting> <value>: the setting by name (any case), then its value checked like an argument.`,
    'uint8_t commands_check_setting(char** argv, ArgValue* v) {',
    '  int8_t index = command_check_word_index(argv[0], SETTING_NAMES);',
    '  if (index < 0) return ERR_UNKNOWN_SETTING;',
    '  v[0].i = index;',
    '  v[0].f = index;',
    ...(texts.length > 0 ? [textCheck] : []),
    '  return command_check_args(SETTING_SPECS_FIRST + (uint8_t)index, 1, 1, argv + 1, v + 1);',
    '}',
    '',
  ];
}

function storeSetting(settings: readonly Setting[]): string[] {
  const store = (s: Setting) =>
    s.type === 'text' ? `strcpy(settings.${s.name}, text);` : s.type === 'integer' ? `settings.${s.name} = value->i;` : `settings.${s.name} = value->f;`;
  return [
    '// Store the checked value, then answer ok <name>=<value>.',
    'uint8_t commands_store_setting(uint16_t id, uint8_t index, const ArgValue* value, const char* text) {',
    '  switch (index) {',
    ...settings.map((s, i) => `${settingCaseLabel(settings, i)} ${store(s)} break;`),
    '  }',
    '  if (!settings_store()) return ERR_EEPROM_FAILED;',
    '  report_ok_begin(id);',
    '  commands_report_setting(index);',
    '  report_end();',
    '  return 0;',
    '}',
    '',
  ];
}

export function settingFunctions(table: CommandTable): string[] {
  const { settings, commands } = table.commands;
  return [
    ...textSettingValid(settings),
    ...reportSetting(settings),
    ...(commands.some((c) => c.reply === 'settings') ? SETTINGS_REPLY : []),
    ...(table.setCommand ? [...checkSetting(table.setCommand, settings), ...storeSetting(settings)] : []),
  ];
}
