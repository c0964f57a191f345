import type { CodesFile } from './codes-schema.js';
import type { Argument, Bound, Command, CommandsFile, Setting } from './commands-schema.js';
import { COMMANDS_SOURCE, bannerText } from './banner.js';
import { screamingSnake } from './case-names.js';
import { cFloat, cInteger } from './c-literals.js';

// The firmware's command table (`commands_table.h` / `commands_table.cpp`) from commands.yaml:
// dispatch, argument parsing, range checks, defaults, interlock order, SET / SETTINGS and HELP.
//
// The checks are table-driven (a small interpreter in the generated .cpp reads 4-byte argument
// descriptors and two pools of bound values from flash): per-command C code would cost several
// times the flash. The interpreter keeps the error precedence of PROTOCOL.md 2 / 2.2:
//   unknown command 1, too few 4, too many 5, every given argument as a number (2, or 3 above 9
//   significant digits), every integer argument whole (2), every range in order (3), defaults,
//   then the command's gates in order, then the hand-written handler.

/** Errors the interpreter itself answers; codes.yaml must define them. */
const ENGINE_ERRORS = ['UNKNOWN_COMMAND', 'OUT_OF_RANGE', 'MISSING_ARGUMENT', 'TOO_MANY_ARGUMENTS', 'UNKNOWN_SETTING', 'EEPROM_FAILED'] as const;

// ArgSpec.flags: bit 0 integer, bit 1 orZero, bits 2-3 min kind, bits 4-5 max kind, bits 6-7 default kind.
const KIND_NONE = 0;
const KIND_POOL = 1;
const KIND_ARG = 2;
/** min only: a pool value the argument must be above (minExclusive). */
const KIND_POOL_EXCLUSIVE = 3;

type NumberArgument = Extract<Argument, { type: 'integer' | 'decimal' }>;
type NumberSetting = Extract<Setting, { type: 'integer' | 'decimal' }>;
type TextSetting = Extract<Setting, { type: 'text' }>;
type NumberSpec = NumberArgument | NumberSetting;

/** A bound or default as the renderer sees it: a constant, a C macro of the rig, or an earlier argument. */
type Resolved = { kind: 'number'; value: number } | { kind: 'macro'; macro: string; integer: boolean } | { kind: 'arg'; index: number };

const isNumberArgument = (a: Argument): a is NumberArgument => a.type === 'integer' || a.type === 'decimal';

function fail(where: string, message: string): never {
  throw new Error(`commands.yaml ${where}: ${message} (render-commands-c)`);
}

/** A C comment text: no comment terminator can appear. */
const comment = (text: string): string => text.replace(/\*\//g, '*_/');

/** A C char literal of one character of a chars class (the schema allows [A-Za-z0-9_-] only). */
const cChar = (c: string): string => `'${c}'`;

/** `A-Za-z0-9_-` -> `(c >= 'A' && c <= 'Z') || ... || c == '-'`. */
export function charClassCondition(body: string, variable = 'c'): string {
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

interface Pools {
  ints: { expr: string; key: string; uses: string[] }[];
  floats: { expr: string; key: string; uses: string[] }[];
}

function poolIndex(pools: Pools, integer: boolean, expr: string, use: string): number {
  const pool = integer ? pools.ints : pools.floats;
  const found = pool.findIndex((p) => p.key === expr);
  if (found >= 0) {
    pool[found]!.uses.push(use);
    return found;
  }
  if (pool.length >= 256) throw new Error('more than 256 distinct bounds: the descriptors index them with a byte');
  pool.push({ expr, key: expr, uses: [use] });
  return pool.length - 1;
}

export function renderCommandsC(commands: CommandsFile, codes: CodesFile): { header: string; source: string } {
  const errorNames = new Set(codes.errors.map((e) => e.name));
  for (const name of ENGINE_ERRORS) if (!errorNames.has(name)) throw new Error(`codes.yaml has no error ${name}, which the firmware command table answers`);

  const rigMacro = new Map(commands.rigValues.map((r) => [r.name, r]));
  const interlockIndex = new Map(commands.interlocks.map((i, index) => [i.name, index]));
  commands.interlocks.forEach((lock, index) => {
    if (!errorNames.has(lock.error)) fail(`interlocks[${index}]`, `error ${lock.error} is not in codes.yaml`);
  });
  if (commands.interlocks.length > 16) fail('interlocks', 'at most 16 interlocks (a gate is one byte: interlock in the low nibble)');

  /** C expression of a rig value for an argument of the given type. */
  const rigExpr = (where: string, rig: string, integer: boolean): Resolved => {
    const value = rigMacro.get(rig);
    if (!value) return fail(where, `unknown rig value ${rig}`);
    if (integer && value.type !== 'integer') fail(where, `an integer is bounded by the decimal rig value ${rig}`);
    return { kind: 'macro', macro: value.firmware, integer };
  };

  const resolve = (where: string, bound: Bound | undefined, integer: boolean, earlier: readonly NumberArgument[]): Resolved | undefined => {
    if (bound === undefined) return undefined;
    if (typeof bound === 'number') {
      if (integer && !Number.isInteger(bound)) fail(where, `${bound} bounds an integer`);
      return { kind: 'number', value: bound };
    }
    if ('rig' in bound) return rigExpr(where, bound.rig, integer);
    const index = earlier.findIndex((a) => a.name === bound.arg);
    if (index < 0) return fail(where, `${bound.arg} is not an earlier argument`);
    if (integer && earlier[index]!.type !== 'integer') fail(where, `an integer argument is bounded by the decimal argument ${bound.arg}`);
    return { kind: 'arg', index };
  };

  /** A constant's C literal for an integer or a decimal value. */
  const literal = (value: number, integer: boolean): string => (integer ? cInteger(value) : cFloat(value));
  /** A macro's C expression, a float cast for decimals. */
  const macroExpr = (macro: string, integer: boolean): string => (integer ? macro : `((float)${macro})`);

  const header: string[] = [];
  const source: string[] = [];
  const pools: Pools = { ints: [], floats: [] };
  /** Descriptor rows: C initialiser and comment. */
  const specs: { init: string; note: string }[] = [];

  /** The header macros of a number spec (constant and rig bounds, default) and its descriptor row. */
  const describeNumber = (prefix: string, where: string, spec: NumberSpec, earlier: readonly NumberArgument[], label: string, tableDefault: boolean) => {
    const integer = spec.type === 'integer';
    const min = resolve(`${where}.min`, spec.min, integer, earlier);
    const max = resolve(`${where}.max`, spec.max, integer, earlier);
    const def =
      spec.default === undefined
        ? undefined
        : typeof spec.default === 'object' && 'rigFile' in spec.default
          ? ({ kind: 'macro', macro: spec.default.firmware, integer } as Resolved)
          : resolve(`${where}.default`, spec.default as Bound, integer, earlier);
    if (spec.minExclusive !== undefined && min !== undefined) fail(where, 'min and minExclusive together are not supported by the firmware table');
    if (spec.minExclusive !== undefined && integer && !Number.isInteger(spec.minExclusive)) fail(where, `${spec.minExclusive} bounds an integer`);
    if (def?.kind === 'arg') fail(`${where}.default`, 'a default taken from another argument is not supported by the firmware table');
    if (def?.kind === 'number' && integer && !Number.isInteger(def.value)) fail(`${where}.default`, `${def.value} is the default of an integer`);

    const macroLine = (suffix: string, r: Resolved | undefined) => {
      if (r?.kind === 'number') header.push(`#define ${prefix}_${suffix} ${literal(r.value, integer)}`);
      else if (r?.kind === 'macro') header.push(`#define ${prefix}_${suffix} ${macroExpr(r.macro, integer)}`);
    };
    macroLine('MIN', min);
    if (spec.minExclusive !== undefined) header.push(`#define ${prefix}_MIN_EXCLUSIVE ${literal(spec.minExclusive, integer)}`);
    macroLine('MAX', max);
    macroLine('DEFAULT', def);

    const slot = (r: Resolved | undefined, use: string): { kind: number; index: number } => {
      if (r === undefined) return { kind: KIND_NONE, index: 0 };
      if (r.kind === 'arg') return { kind: KIND_ARG, index: r.index };
      const expr = r.kind === 'number' ? literal(r.value, integer) : macroExpr(r.macro, integer);
      return { kind: KIND_POOL, index: poolIndex(pools, integer, expr, use) };
    };
    const minSlot =
      spec.minExclusive !== undefined
        ? { kind: KIND_POOL_EXCLUSIVE, index: poolIndex(pools, integer, literal(spec.minExclusive, integer), `${label} > min`) }
        : slot(min, `${label} min`);
    const maxSlot = slot(max, `${label} max`);
    // A setting's default is for settings_defaults() (the header macro), never for a missing value.
    const defSlot = tableDefault ? slot(def, `${label} default`) : { kind: KIND_NONE, index: 0 };
    const flags = (integer ? 1 : 0) | (spec.orZero ? 2 : 0) | (minSlot.kind << 2) | (maxSlot.kind << 4) | (defSlot.kind << 6);
    const show = (r: Resolved | undefined, fallback: string) =>
      r === undefined ? fallback : r.kind === 'number' ? String(r.value) : r.kind === 'macro' ? r.macro : `arg ${earlier[r.index]!.name}`;
    const range = `${spec.minExclusive !== undefined ? `>${spec.minExclusive}` : show(min, '')}..${show(max, '')}`;
    const note = `${label}: ${spec.type} ${range}${spec.orZero ? ' or 0' : ''}${def && tableDefault ? `, default ${show(def, '')}` : ''}`;
    specs.push({ init: `{0x${flags.toString(16).toUpperCase().padStart(2, '0')}, ${minSlot.index}, ${maxSlot.index}, ${defSlot.index}}`, note });
  };

  header.push(`// ${bannerText(COMMANDS_SOURCE)}`);
  header.push('// The command table: argument indices, constant bounds and defaults, settings, the interlock');
  header.push('// predicates and command handlers the firmware implements, and the HELP line.');
  header.push('#ifndef CLAMPBENCH_COMMANDS_TABLE_H', '#define CLAMPBENCH_COMMANDS_TABLE_H', '');
  header.push('#include <stdint.h>', '#include <avr/pgmspace.h>', '#include "config.h"', '');
  header.push('// One argument: f always; i as well for an integer argument (and for SET, v[0].i is the setting).');
  header.push('struct ArgValue {', '  float f;', '  int32_t i;', '};', '');

  // ---- commands ----
  const setCommands = commands.commands.filter((c) => c.args.some((a) => !isNumberArgument(a)));
  for (const c of setCommands) {
    if (c.args.length !== 2 || c.args[0]!.type !== 'setting' || c.args[1]!.type !== 'settingValue' || c.reply !== 'setting') {
      fail(`command ${c.name}`, 'a command with a setting argument must take exactly <setting> <settingValue> and reply `setting`');
    }
  }
  const setCommand = setCommands[0];
  if (setCommands.length > 1) fail('commands', 'only one command may set a setting');
  for (const c of commands.commands) {
    if (c.reply === 'setting' && c !== setCommand) fail(`command ${c.name}`, 'reply `setting` belongs to the command that takes <setting> <settingValue>');
  }
  const generatedHandler = (c: Command) => c === setCommand || c.reply === 'settings';
  const handlerName = (c: Command) => (c === setCommand ? '0' : c.reply === 'settings' ? 'settings_reply' : `cmd_${c.name.toLowerCase()}`);

  header.push('// Commands in table order (the order of the HELP line).');
  commands.commands.forEach((c, index) => header.push(`#define CMD_${c.name} ${index}`));
  header.push(`#define COMMAND_COUNT ${commands.commands.length}`);
  const argsMax = Math.max(0, ...commands.commands.map((c) => c.args.length));
  if (argsMax > 15) fail('commands', 'at most 15 arguments');
  header.push('// Most arguments any command takes.', `#define COMMAND_ARGS_MAX ${argsMax}`, '');

  const commandRows: { init: string; note: string }[] = [];
  const gates: { byte: number; note: string }[] = [];
  for (const c of commands.commands) {
    const firstArg = specs.length;
    const firstGate = gates.length;
    const line = `${c.name}${c.args.map((a) => (isNumberArgument(a) && a.default !== undefined ? ` [${a.name}]` : ` <${a.name}>`)).join('')}`;
    header.push(`// ${comment(line)}`);
    const numberArgs: NumberArgument[] = [];
    c.args.forEach((a, index) => {
      const prefix = `ARG_${c.name}_${screamingSnake(a.name)}`;
      header.push(`#define ${prefix} ${index}`);
      if (!isNumberArgument(a)) return;
      describeNumber(prefix, `commands ${c.name} args ${a.name}`, a, numberArgs, `${c.name} ${a.name}`, true);
      numberArgs.push(a);
    });
    const required = c.args.filter((a) => !isNumberArgument(a) || a.default === undefined).length;
    c.gates.forEach((gate, g) => {
      const name = typeof gate === 'string' ? gate : gate.name;
      const lock = interlockIndex.get(name);
      if (lock === undefined) return fail(`command ${c.name} gates[${g}]`, `unknown interlock ${name}`);
      let unless = 0;
      if (typeof gate !== 'string') {
        const arg = c.args.findIndex((a) => a.name === gate.unlessZero);
        if (arg < 0 || !isNumberArgument(c.args[arg]!)) return fail(`command ${c.name} gates[${g}]`, `unlessZero names no number argument: ${gate.unlessZero}`);
        unless = arg + 1;
      }
      gates.push({ byte: (unless << 4) | lock, note: `${c.name}: ${name}${unless ? ` unless ${typeof gate === 'string' ? '' : gate.unlessZero} is 0` : ''}` });
    });
    if (gates.length - firstGate > 255 || gates.length > 255) fail('commands', 'too many gates for the byte-indexed gate table');
    commandRows.push({
      init: `{0x${((required << 4) | c.args.length).toString(16).toUpperCase().padStart(2, '0')}, ${c === setCommand ? 0 : firstArg}, ${firstGate}, ${gates.length}, ${handlerName(c)}}`,
      note: c.name,
    });
  }
  header.push('');

  // ---- settings ----
  const settingIndex = (name: string) => `SET_${screamingSnake(name)}`;
  header.push('// Settings, in the order SETTINGS lists them; the Settings struct (settings.h) has a field of each name.');
  commands.settings.forEach((s, index) => header.push(`#define ${settingIndex(s.name)} ${index}`));
  header.push(`#define SETTING_COUNT ${commands.settings.length}`);
  const firstSettingSpec = specs.length;
  for (const s of commands.settings) {
    const prefix = `SETTING_${screamingSnake(s.name)}`;
    header.push(`// ${s.name}: ${comment(s.text)}`);
    if (s.type === 'text') {
      header.push(`#define ${prefix}_MIN_CHARS ${s.minChars}`, `#define ${prefix}_MAX_CHARS ${s.maxChars}`);
      if (s.minChars > s.maxChars) fail(`settings ${s.name}`, 'minChars above maxChars');
      if (typeof s.default === 'number') fail(`settings ${s.name}.default`, 'a text setting needs a text default from the rig');
      if ('rig' in s.default) fail(`settings ${s.name}.default`, 'a text setting cannot default to a rig figure');
      header.push(`#define ${prefix}_DEFAULT ${s.default.firmware}`);
      specs.push({ init: '{0x00, 0, 0, 0}', note: `${s.name}: text (checked by commands_text_setting_valid)` });
    } else {
      describeNumber(prefix, `settings ${s.name}`, s, [], s.name, false);
    }
  }
  header.push('');
  if (specs.length > 256) fail('commands', 'more than 256 argument descriptors');

  // ---- declarations ----
  header.push('// Interlocks: each is true while its condition holds; a command lists the ones that refuse it.');
  for (const lock of commands.interlocks) header.push(`bool ${lock.firmware}();  // ${lock.name} -> ${lock.error}: ${comment(lock.text)}`);
  header.push('');
  header.push('// Handlers (hand-written): argc arguments were given; v holds every argument, defaults filled in,');
  header.push('// all checked. Return an error code, or 0 when the handler replied or started an operation.');
  for (const c of commands.commands) {
    if (!generatedHandler(c)) header.push(`uint8_t ${handlerName(c)}(uint16_t id, uint8_t argc, const ArgValue* v);`);
  }
  header.push('');
  header.push('// Run one request (name upper-cased, argv its arguments, tooMany: more than the line parser kept):');
  header.push('// checks it, runs its handler and answers error:N itself when something refuses it.');
  header.push('void commands_execute(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany);');
  header.push('// Append " <name>=<value>" of one setting to the line being sent.');
  header.push('void commands_report_setting(uint8_t index);');
  header.push('// True when text is a valid value of the text setting `index` (length and characters).');
  header.push('bool commands_text_setting_valid(uint8_t index, const char* text);');
  header.push('// The HELP line: the command names, space-separated, in table order (flash).');
  header.push('extern const char COMMANDS_HELP_TEXT[] PROGMEM;');
  header.push('', '#endif  // CLAMPBENCH_COMMANDS_TABLE_H');

  // ---- source ----
  const textSettings = commands.settings.filter((s): s is TextSetting => s.type === 'text');
  const helpText = commands.commands.map((c) => c.name).join(' ');
  const settingNames = commands.settings.map((s) => s.name).join(' ');

  source.push(`// ${bannerText(COMMANDS_SOURCE)}`);
  source.push('// Dispatch, argument checks, defaults, interlock order, SET, SETTINGS and the HELP line.');
  source.push('#include "commands_table.h"', '#include <string.h>', '#include "codes.h"', '#include "config.h"', '#include "protocol.h"', '#include "report.h"', '#include "settings.h"', '');
  source.push('#if defined(PROTOCOL_MAX_ARGS) && PROTOCOL_MAX_ARGS < COMMAND_ARGS_MAX', '#error PROTOCOL_MAX_ARGS is below the most arguments a command takes', '#endif', '');
  source.push('typedef uint8_t (*Handler)(uint16_t id, uint8_t argc, const ArgValue* v);', '');
  source.push('// An argument: flags bit 0 integer, bit 1 zero allowed besides the range, bits 2-3 min, 4-5 max,');
  source.push('// 6-7 default, each 0 none, 1 a pool value (INT_POOL for integers, FLOAT_POOL for decimals),');
  source.push('// 2 an earlier argument, 3 (min only) a pool value the argument must be above.');
  source.push('struct ArgSpec {', '  uint8_t flags;', '  uint8_t min;', '  uint8_t max;', '  uint8_t def;', '};');
  source.push('#define A_INTEGER 0x01', '#define A_OR_ZERO 0x02', `#define K_POOL ${KIND_POOL}`, `#define K_ARG ${KIND_ARG}`, `#define K_POOL_EXCLUSIVE ${KIND_POOL_EXCLUSIVE}`, '');
  source.push('// A command: args = required << 4 | most; its descriptors from firstArg; its gates firstGate..endGate-1.');
  source.push('struct CommandDef {', '  uint8_t args;', '  uint8_t firstArg;', '  uint8_t firstGate;', '  uint8_t endGate;', '  Handler handler;', '};', '');
  source.push('struct Interlock {', '  bool (*holds)();', '  uint8_t error;', '};', '');

  const poolLines = (type: string, name: string, pool: Pools['ints']) => {
    source.push(`static const ${type} ${name}[] PROGMEM = {`);
    if (pool.length === 0) source.push('  0,  // (none)');
    for (const p of pool) source.push(`  ${p.expr},  // ${comment(p.uses.join(', '))}`);
    source.push('};');
  };
  poolLines('int32_t', 'INT_POOL', pools.ints);
  poolLines('float', 'FLOAT_POOL', pools.floats);
  source.push('');
  source.push('static const ArgSpec ARG_SPECS[] PROGMEM = {');
  specs.forEach((s, index) => source.push(`  ${s.init},  // ${index} ${comment(s.note)}`));
  source.push('};');
  source.push(`#define SETTING_SPECS_FIRST ${firstSettingSpec}`, '');
  source.push('static const uint8_t GATES[] PROGMEM = {');
  if (gates.length === 0) source.push('  0,  // (none)');
  for (const g of gates) source.push(`  0x${g.byte.toString(16).toUpperCase().padStart(2, '0')},  // ${comment(g.note)}`);
  source.push('};', '');
  source.push('static const Interlock INTERLOCKS[] PROGMEM = {');
  for (const lock of commands.interlocks) source.push(`  {${lock.firmware}, ERR_${lock.error}},  // ${lock.name}`);
  source.push('};', '');
  if (commands.commands.some((c) => c.reply === 'settings')) {
    source.push('static uint8_t settings_reply(uint16_t id, uint8_t argc, const ArgValue* v);', '');
  }
  source.push('static const CommandDef COMMAND_DEFS[] PROGMEM = {');
  commandRows.forEach((r) => source.push(`  ${r.init},  // ${r.note}`));
  source.push('};', '');
  source.push(`const char COMMANDS_HELP_TEXT[] PROGMEM = "${helpText}";`);
  source.push(`static const char SETTING_NAMES[] PROGMEM = "${settingNames}";`, '');

  source.push(ENGINE);

  // Text settings.
  source.push('bool commands_text_setting_valid(uint8_t index, const char* text) {');
  for (const s of textSettings) {
    const prefix = `SETTING_${screamingSnake(s.name)}`;
    source.push(`  if (index == ${settingIndex(s.name)}) {`);
    source.push('    uint8_t n = 0;');
    source.push('    for (char c; (c = text[n]) != 0; n++) {');
    source.push(`      if (!(${charClassCondition(s.chars)})) return false;`);
    source.push(`      if (n == ${prefix}_MAX_CHARS) return false;`);
    source.push('    }');
    source.push(`    return n >= ${prefix}_MIN_CHARS;`);
    source.push('  }');
  }
  source.push('  return false;', '}', '');

  // Settings reply.
  source.push('void commands_report_setting(uint8_t index) {');
  source.push('  report_char(\' \');', '  report_word(SETTING_NAMES, index);', '  report_char(\'=\');', '  switch (index) {');
  commands.settings.forEach((s, i) => {
    const label = i === commands.settings.length - 1 ? '    default:' : `    case ${settingIndex(s.name)}:`;
    let call: string;
    if (s.type === 'text') call = `report_str(settings.${s.name});`;
    else if (s.type === 'decimal') {
      if (s.decimals !== undefined && s.decimals > 4) fail(`settings ${s.name}.decimals`, 'the firmware sends at most 4 decimals');
      call = s.decimals === undefined ? `report_compact(settings.${s.name});` : `report_fixed(settings.${s.name}, ${s.decimals});`;
    } else {
      const signed = s.min === undefined || typeof s.min !== 'number' || s.min < 0 || (s.minExclusive !== undefined && s.minExclusive < 0);
      call = signed ? `report_i32(settings.${s.name});` : `report_u32(settings.${s.name});`;
    }
    source.push(`${label} ${call} break;`);
  });
  source.push('  }', '}', '');

  if (commands.commands.some((c) => c.reply === 'settings')) {
    source.push('static uint8_t settings_reply(uint16_t id, uint8_t, const ArgValue*) {');
    source.push('  report_ok_begin(id);', '  for (uint8_t i = 0; i < SETTING_COUNT; i++) commands_report_setting(i);', '  report_end();', '  return 0;', '}', '');
  }

  if (setCommand) {
    source.push(`// ${setCommand.name} <setting> <value>: the setting by name (any case), then its value checked like an argument.`);
    source.push('static uint8_t check_setting(char** argv, ArgValue* v) {');
    source.push('  int8_t index = word_index(argv[0], SETTING_NAMES);');
    source.push('  if (index < 0) return ERR_UNKNOWN_SETTING;');
    source.push('  v[0].i = index;');
    source.push('  v[0].f = index;');
    if (textSettings.length > 0) {
      source.push(`  if (${textSettings.map((s) => `index == ${settingIndex(s.name)}`).join(' || ')}) return commands_text_setting_valid((uint8_t)index, argv[1]) ? 0 : ERR_OUT_OF_RANGE;`);
    }
    source.push('  return check_args(SETTING_SPECS_FIRST + (uint8_t)index, 1, 1, argv + 1, v + 1);');
    source.push('}', '');
    source.push('// Store the checked value, then answer ok <name>=<value>.');
    source.push('static uint8_t store_setting(uint16_t id, uint8_t index, const ArgValue* v, const char* text) {');
    source.push('  switch (index) {');
    commands.settings.forEach((s, i) => {
      const label = i === commands.settings.length - 1 ? '    default:' : `    case ${settingIndex(s.name)}:`;
      const store = s.type === 'text' ? `strcpy(settings.${s.name}, text);` : s.type === 'integer' ? `settings.${s.name} = v->i;` : `settings.${s.name} = v->f;`;
      source.push(`${label} ${store} break;`);
    });
    source.push('  }');
    source.push('  if (!settings_store()) return ERR_EEPROM_FAILED;');
    source.push('  report_ok_begin(id);', '  commands_report_setting(index);', '  report_end();', '  return 0;', '}', '');
  }
  source.push('static uint8_t run(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany) {');
  source.push('  int8_t index = word_index(name, COMMANDS_HELP_TEXT);');
  source.push('  if (index < 0) return ERR_UNKNOWN_COMMAND;');
  source.push('  CommandDef c;');
  source.push('  memcpy_P(&c, &COMMAND_DEFS[index], sizeof(c));');
  source.push('  uint8_t most = c.args & 0x0F;');
  source.push('  if (argc < (c.args >> 4)) return ERR_MISSING_ARGUMENT;');
  source.push('  if (tooMany || argc > most) return ERR_TOO_MANY_ARGUMENTS;');
  source.push(`  ArgValue v[${Math.max(1, argsMax)}];`);
  source.push(
    setCommand
      ? `  uint8_t err = index == CMD_${setCommand.name} ? check_setting(argv, v) : check_args(c.firstArg, most, argc, argv, v);`
      : '  uint8_t err = check_args(c.firstArg, most, argc, argv, v);',
  );
  source.push('  if (err) return err;');
  source.push('  for (uint8_t g = c.firstGate; g < c.endGate; g++) {');
  source.push('    uint8_t gate = pgm_read_byte(&GATES[g]);');
  source.push('    uint8_t unless = gate >> 4;  // 1 + the argument whose 0 skips this gate, or 0');
  source.push('    if (unless && v[unless - 1].f == 0) continue;');
  source.push('    Interlock lock;');
  source.push('    memcpy_P(&lock, &INTERLOCKS[gate & 0x0F], sizeof(lock));');
  source.push('    if (lock.holds()) return lock.error;');
  source.push('  }');
  if (setCommand) source.push(`  if (index == CMD_${setCommand.name}) return store_setting(id, (uint8_t)v[0].i, &v[1], argv[1]);`);
  source.push('  return c.handler(id, argc, v);');
  source.push('}', '');
  source.push('void commands_execute(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany) {');
  source.push('  uint8_t err = run(id, name, argc, argv, tooMany);');
  source.push('  if (err) report_error(id, err);');
  source.push('}');

  return { header: `${header.join('\n')}\n`, source: `${source.join('\n')}\n` };
}

/** The interpreter: the same for every commands.yaml. */
const ENGINE = `static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c; }

// Index of name among the space-separated words of listP (flash), any case, or -1.
static int8_t word_index(const char* name, const char* listP) {
  int8_t index = 0;
  const char* n = name;
  for (;;) {
    char c = (char)pgm_read_byte(listP++);
    if (c == ' ' || c == 0) {
      if (n && !*n) return index;
      if (!c) return -1;
      index++;
      n = name;
    } else if (n && *n && lower(*n) == lower(c)) {
      n++;
    } else {
      n = 0;
    }
  }
}

// Append word index of the space-separated listP (flash).
static void report_word(const char* listP, uint8_t index) {
  char c;
  while (index) {
    if (pgm_read_byte(listP++) == ' ') index--;
  }
  while ((c = (char)pgm_read_byte(listP++)) != 0 && c != ' ') report_char(c);
}

// A bound or default: a pool value (both fields for an integer), or an earlier argument.
static ArgValue bound_value(uint8_t kind, uint8_t index, bool integer, const ArgValue* v) {
  if (kind == K_ARG) return v[index];
  ArgValue b;
  if (integer) {
    memcpy_P(&b.i, &INT_POOL[index], sizeof(b.i));
    b.f = (float)b.i;
  } else {
    memcpy_P(&b.f, &FLOAT_POOL[index], sizeof(b.f));
    b.i = 0;
  }
  return b;
}

// -1, 0, 1 as a is below, equal to, above b: integers exactly, decimals as floats.
static int8_t compare(const ArgValue& a, const ArgValue& b, bool integer) {
  if (integer) return a.i < b.i ? -1 : a.i > b.i;
  return a.f < b.f ? -1 : a.f > b.f;
}

static bool out_of_range(const ArgSpec& s, const ArgValue* v, uint8_t i) {
  bool integer = s.flags & A_INTEGER;
  if ((s.flags & A_OR_ZERO) && v[i].f == 0) return false;
  uint8_t minKind = (s.flags >> 2) & 3, maxKind = (s.flags >> 4) & 3;
  if (minKind) {
    int8_t c = compare(v[i], bound_value(minKind, s.min, integer, v), integer);
    if (c < 0 || (c == 0 && minKind == K_POOL_EXCLUSIVE)) return true;
  }
  return maxKind && compare(v[i], bound_value(maxKind, s.max, integer, v), integer) > 0;
}

// Arguments 0..argc-1 given (of count): every one a number (BAD_NUMBER, or OUT_OF_RANGE above 9
// significant digits), then every integer whole, then every range in order; then the defaults of
// the missing ones (a default above an argument that bounds it becomes that argument).
static uint8_t check_args(uint8_t first, uint8_t count, uint8_t argc, char** argv, ArgValue* v) {
  const ArgSpec* specs = &ARG_SPECS[first];
  for (uint8_t i = 0; i < argc; i++) {
    if (uint8_t e = protocol_parse_number(argv[i], &v[i].f)) return e;
  }
  for (uint8_t i = 0; i < argc; i++) {
    if (pgm_read_byte(&specs[i].flags) & A_INTEGER) {
      if (uint8_t e = protocol_parse_integer(argv[i], &v[i].i)) return e;
    }
  }
  for (uint8_t i = 0; i < count; i++) {
    ArgSpec s;
    memcpy_P(&s, &specs[i], sizeof(s));
    bool integer = s.flags & A_INTEGER;
    if (i < argc) {
      if (out_of_range(s, v, i)) return ERR_OUT_OF_RANGE;
      continue;
    }
    v[i] = bound_value(s.flags >> 6, s.def, integer, v);
    uint8_t maxKind = (s.flags >> 4) & 3;
    if (maxKind == K_ARG && compare(v[i], v[s.max], integer) > 0) v[i] = v[s.max];
  }
  return 0;
}
`;
