import { z } from 'zod';

// The schema of commands.yaml: what a command, an argument, a reply field and a setting may say.

const camelName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase (starts lower-case, letters and digits only)');
const commandName = z.string().regex(/^[A-Z]{2,8}$/, '2..8 upper-case letters');
const cName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a C identifier');
const upperSnake = z.string().regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, 'UPPER_SNAKE_CASE');
/** Texts end up in markdown table cells and C comments. */
const oneLine = z.string().min(1).regex(/^[^|\n*]*$/, 'one line of text without `|` or `*`');
const unit = z.string().regex(/^[^|\s]*$/, 'a unit without spaces').default('');

/** A bound or default: a number, a rig figure (`{ rig: forceCapN }`) or an earlier argument (`{ arg: targetN }`). */
export const Bound = z.union([
  z.number(),
  z.strictObject({ rig: camelName }),
  z.strictObject({ arg: camelName }),
]);
export type Bound = z.infer<typeof Bound>;

/** A setting default may also come from the rig file (`rigFile: loadCell.defaultTareCounts`), with the C macro that holds it. */
const SettingDefault = z.union([
  z.number(),
  z.strictObject({ rig: camelName }),
  z.strictObject({ rigFile: z.string().regex(/^[a-zA-Z.]+$/), firmware: cName }),
]);

const numberType = z.enum(['integer', 'decimal']);

const NumberRange = {
  min: Bound.optional(),
  /** Values must be above this (not equal): `countsPerN > 0`. */
  minExclusive: z.number().optional(),
  max: Bound.optional(),
  /** 0 is allowed besides the range (`HEAT 0` = off, `calDate 0` = never). */
  orZero: z.boolean().default(false),
};

export const Argument = z.discriminatedUnion('type', [
  z.strictObject({
    name: camelName,
    type: numberType,
    ...NumberRange,
    default: Bound.optional(),
    unit,
    text: oneLine.optional(),
  }),
  // SET's two words: a setting name, then a value checked against that setting.
  z.strictObject({ name: camelName, type: z.enum(['setting', 'settingValue']), text: oneLine }),
]);
export type Argument = z.infer<typeof Argument>;

export const ReplyField = z.strictObject({
  key: camelName,
  /** version: `1.0`; textList: `a,b`; integerList: `1,2,0`; pairList: `1-3,2-4` or `-`. */
  type: z.enum(['integer', 'decimal', 'text', 'version', 'textList', 'integerList', 'pairList']),
  /** The host's name for the value, when it differs from the wire key. */
  name: camelName.optional(),
  /** Digits after the point the firmware always sends. */
  decimals: z.number().int().min(0).max(6).optional(),
  unit,
  /** A rig figure this key reports. */
  rig: camelName.optional(),
  /** Protocol minor version that added the key; a device of an older minor may leave it out. */
  since: z.number().int().min(1).optional(),
  text: oneLine.optional(),
});
export type ReplyField = z.infer<typeof ReplyField>;

const GateRef = z.union([camelName, z.strictObject({ name: camelName, unlessZero: camelName })]);

export const Command = z.strictObject({
  name: commandName,
  kind: z.enum(['immediate', 'short', 'long']),
  changesState: z.boolean().default(false),
  keepAlive: z.boolean().default(false),
  gates: z.array(GateRef).default([]),
  text: oneLine,
  args: z.array(Argument).default([]),
  /** Fixed keys, or one of the shapes defined elsewhere in the spec. */
  reply: z.union([z.array(ReplyField), z.enum(['status', 'setting', 'settings'])]),
});
export type Command = z.infer<typeof Command>;

export const Setting = z.discriminatedUnion('type', [
  z.strictObject({
    name: camelName,
    type: z.literal('text'),
    /** Allowed characters as a regex class body: `A-Za-z0-9_-`. */
    chars: z.string().regex(/^[A-Za-z0-9_-]+$/),
    minChars: z.number().int().min(1),
    maxChars: z.number().int().min(1),
    default: SettingDefault,
    text: oneLine,
  }),
  z.strictObject({
    name: camelName,
    type: numberType,
    ...NumberRange,
    default: SettingDefault,
    unit,
    decimals: z.number().int().min(0).max(6).optional(),
    text: oneLine,
  }),
]);
export type Setting = z.infer<typeof Setting>;

export const RigValue = z.strictObject({ name: camelName, type: numberType, unit, firmware: cName, text: oneLine });
export type RigValue = z.infer<typeof RigValue>;

export const Interlock = z.strictObject({ name: camelName, error: upperSnake, firmware: cName, text: oneLine });
export type Interlock = z.infer<typeof Interlock>;

export const CommandsFile = z
  .strictObject({
    rigValues: z.array(RigValue).min(1),
    interlocks: z.array(Interlock).min(1),
    commands: z.array(Command).min(1),
    settings: z.array(Setting).min(1),
  })
  .superRefine((file, ctx) => {
    const rigNames = new Set(file.rigValues.map((r) => r.name));
    const gateNames = new Set(file.interlocks.map((i) => i.name));
    const unique = (names: string[], path: string) => {
      const seen = new Set<string>();
      names.forEach((name, index) => {
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [path, index, 'name'], message: `duplicate name ${name}` });
        seen.add(name);
      });
    };
    unique(file.rigValues.map((r) => r.name), 'rigValues');
    unique(file.interlocks.map((r) => r.name), 'interlocks');
    unique(file.commands.map((r) => r.name), 'commands');
    unique(file.settings.map((r) => r.name), 'settings');
    const checkBound = (bound: unknown, path: (string | number)[], earlier: readonly string[]) => {
      if (bound === undefined || typeof bound === 'number' || bound === null || typeof bound !== 'object') return;
      if ('rig' in bound && !rigNames.has(String(bound.rig))) ctx.addIssue({ code: 'custom', path, message: `unknown rig value ${String(bound.rig)}; known: ${[...rigNames].join(', ')}` });
      if ('arg' in bound && !earlier.includes(String(bound.arg))) ctx.addIssue({ code: 'custom', path, message: `${String(bound.arg)} is not an earlier argument` });
    };
    file.commands.forEach((command, c) => {
      const argNames = command.args.map((a) => a.name);
      let optionalSeen = false;
      command.args.forEach((arg, a) => {
        if (arg.type !== 'integer' && arg.type !== 'decimal') return;
        const earlier = argNames.slice(0, a);
        checkBound(arg.min, ['commands', c, 'args', a, 'min'], earlier);
        checkBound(arg.max, ['commands', c, 'args', a, 'max'], earlier);
        checkBound(arg.default, ['commands', c, 'args', a, 'default'], earlier);
        if (arg.default !== undefined) optionalSeen = true;
        else if (optionalSeen) ctx.addIssue({ code: 'custom', path: ['commands', c, 'args', a], message: 'a required argument cannot follow an optional one' });
      });
      command.gates.forEach((gate, g) => {
        const name = typeof gate === 'string' ? gate : gate.name;
        if (!gateNames.has(name)) ctx.addIssue({ code: 'custom', path: ['commands', c, 'gates', g], message: `unknown interlock ${name}` });
        if (typeof gate !== 'string' && !argNames.includes(gate.unlessZero)) ctx.addIssue({ code: 'custom', path: ['commands', c, 'gates', g], message: `unknown argument ${gate.unlessZero}` });
      });
      if (Array.isArray(command.reply)) {
        command.reply.forEach((field, f) => {
          if (field.rig !== undefined && !rigNames.has(field.rig)) ctx.addIssue({ code: 'custom', path: ['commands', c, 'reply', f, 'rig'], message: `unknown rig value ${field.rig}` });
        });
      }
    });
    file.settings.forEach((setting, s) => {
      if (setting.type === 'text') return;
      checkBound(setting.min, ['settings', s, 'min'], []);
      checkBound(setting.max, ['settings', s, 'max'], []);
      checkBound(setting.default, ['settings', s, 'default'], []);
    });
  });
export type CommandsFile = z.infer<typeof CommandsFile>;
