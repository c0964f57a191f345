import type { CodesFile } from './codes-schema.js';
import type { Command, CommandsFile } from './commands-schema.js';
import { screamingSnake } from './case-names.js';
import { comment, fail, hexByte, settingPrefix, type Row } from './render-commands-c-common.js';
import { isNumericArgument, isOptional, usageText, type NumericArgument } from './describe-ranges.js';
import { Descriptors } from './render-commands-c-specs.js';

// What commands.yaml becomes in the firmware's command table, before it is written out as C: the
// descriptor rows and pools, the gate bytes, one CommandDef row per command, and the header macros
// of every argument and setting.

/** The command table of one commands.yaml. */
export interface CommandTable {
  commands: CommandsFile;
  descriptors: Descriptors;
  /** Header lines per command: its usage comment, argument indices, bounds and defaults. */
  commandMacros: string[];
  /** Header lines per setting: its comment, bounds or lengths, and default. */
  settingMacros: string[];
  /** COMMAND_DEFS, in table order. */
  commandRows: Row[];
  /** GATES: interlock index in the low nibble, 1 + the argument whose 0 skips the gate in the high one. */
  gates: Row[];
  /** Index of the first setting's descriptor row. */
  firstSettingSpec: number;
  /** Most arguments any command takes. */
  argsMax: number;
  /** The command that takes <setting> <settingValue> (SET), if any. */
  setCommand: Command | undefined;
}

/** The one command that sets a setting: exactly `<setting> <settingValue>`, reply `setting`. */
function findSetCommand(commands: CommandsFile): Command | undefined {
  const setCommands = commands.commands.filter((c) => c.args.some((a) => !isNumericArgument(a)));
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
  return setCommand;
}

/** The C handler a command's row names: 0 for SET (the checker runs it), settings_reply, or cmd_<name>. */
export function handlerName(c: Command, setCommand: Command | undefined): string {
  return c === setCommand ? '0' : c.reply === 'settings' ? 'settings_reply' : `cmd_${c.name.toLowerCase()}`;
}

/** True when the generated source implements the command itself (SET and SETTINGS). */
export const generatedHandler = (c: Command, setCommand: Command | undefined): boolean => c === setCommand || c.reply === 'settings';

/** The gate bytes of one command, in its order. */
function commandGates(c: Command, interlockIndex: ReadonlyMap<string, number>): Row[] {
  return c.gates.map((gate, g) => {
    const name = typeof gate === 'string' ? gate : gate.name;
    const lock = interlockIndex.get(name);
    if (lock === undefined) return fail(`command ${c.name} gates[${g}]`, `unknown interlock ${name}`);
    if (typeof gate === 'string') return { init: hexByte(lock), note: `${c.name}: ${name}` };
    const arg = c.args.findIndex((a) => a.name === gate.unlessZero);
    if (arg < 0 || !isNumericArgument(c.args[arg]!)) return fail(`command ${c.name} gates[${g}]`, `unlessZero names no number argument: ${gate.unlessZero}`);
    return { init: hexByte(((arg + 1) << 4) | lock), note: `${c.name}: ${name} unless ${gate.unlessZero} is 0` };
  });
}

/** Adds a command's descriptor rows, gates, CommandDef row and header macros. */
function describeCommand(table: CommandTable, c: Command, interlockIndex: ReadonlyMap<string, number>): void {
  const firstArg = table.descriptors.specs.length;
  const firstGate = table.gates.length;
  table.commandMacros.push(`// ${comment(usageText(c))}`);
  const numberArgs: NumericArgument[] = [];
  c.args.forEach((a, index) => {
    const prefix = `ARG_${c.name}_${screamingSnake(a.name)}`;
    table.commandMacros.push(`#define ${prefix} ${index}`);
    if (!isNumericArgument(a)) return;
    const where = `commands ${c.name} args ${a.name}`;
    table.commandMacros.push(...table.descriptors.addNumber({ prefix, where, spec: a, earlier: numberArgs, label: `${c.name} ${a.name}`, tableDefault: true }));
    numberArgs.push(a);
  });
  table.gates.push(...commandGates(c, interlockIndex));
  if (table.gates.length > 255) fail('commands', 'too many gates for the byte-indexed gate table');
  const required = c.args.filter((a) => !isOptional(a)).length;
  const firstArgIndex = c === table.setCommand ? 0 : firstArg;
  table.commandRows.push({
    init: `{${hexByte((required << 4) | c.args.length)}, ${firstArgIndex}, ${firstGate}, ${table.gates.length}, ${handlerName(c, table.setCommand)}}`,
    note: c.name,
  });
}

/** Adds every setting's descriptor row and header macros. */
function describeSettings(table: CommandTable): void {
  for (const s of table.commands.settings) {
    const prefix = settingPrefix(s.name);
    table.settingMacros.push(`// ${s.name}: ${comment(s.text)}`);
    if (s.type !== 'text') {
      table.settingMacros.push(...table.descriptors.addNumber({ prefix, where: `settings ${s.name}`, spec: s, earlier: [], label: s.name, tableDefault: false }));
      continue;
    }
    table.settingMacros.push(`#define ${prefix}_MIN_CHARS ${s.minChars}`, `#define ${prefix}_MAX_CHARS ${s.maxChars}`);
    if (s.minChars > s.maxChars) fail(`settings ${s.name}`, 'minChars above maxChars');
    if (typeof s.default === 'number') fail(`settings ${s.name}.default`, 'a text setting needs a text default from the rig');
    if ('rig' in s.default) fail(`settings ${s.name}.default`, 'a text setting cannot default to a rig figure');
    table.settingMacros.push(`#define ${prefix}_DEFAULT ${s.default.firmware}`);
    table.descriptors.addText(s.name);
  }
}

/** The command table of commands.yaml; refuses what the firmware's table cannot express. */
export function buildCommandTable(commands: CommandsFile, codes: CodesFile): CommandTable {
  const errorNames = new Set(codes.errors.map((e) => e.name));
  commands.interlocks.forEach((lock, index) => {
    if (!errorNames.has(lock.error)) fail(`interlocks[${index}]`, `error ${lock.error} is not in codes.yaml`);
  });
  if (commands.interlocks.length > 16) fail('interlocks', 'at most 16 interlocks (a gate is one byte: interlock in the low nibble)');
  const argsMax = Math.max(0, ...commands.commands.map((c) => c.args.length));
  if (argsMax > 15) fail('commands', 'at most 15 arguments');

  const table: CommandTable = {
    commands,
    descriptors: new Descriptors(commands),
    commandMacros: [],
    settingMacros: [],
    commandRows: [],
    gates: [],
    firstSettingSpec: 0,
    argsMax,
    setCommand: findSetCommand(commands),
  };
  const interlockIndex = new Map(commands.interlocks.map((i, index) => [i.name, index]));
  for (const c of commands.commands) describeCommand(table, c, interlockIndex);
  table.firstSettingSpec = table.descriptors.specs.length;
  describeSettings(table);
  if (table.descriptors.specs.length > 256) fail('commands', 'more than 256 argument descriptors');
  return table;
}
