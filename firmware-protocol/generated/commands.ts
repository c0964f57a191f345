// Generated from firmware-protocol/commands.yaml (npm run codegen). Do not edit.

import { z } from 'zod';
import type { Fields } from '../codec/fields.js';
import { parseDecimal, parseInteger } from '../codec/numbers.js';

/** A bound or default: a number, a rig figure (reported by LIMITS under that name; poles by INFO) or an earlier argument. */
export type Bound = number | { readonly rig: RigValueName } | { readonly arg: string };

export interface NumberArgumentSpec {
  readonly name: string;
  readonly type: 'integer' | 'decimal';
  readonly min?: Bound;
  readonly minExclusive?: number;
  readonly max?: Bound;
  /** 0 is allowed besides the range. */
  readonly orZero: boolean;
  readonly optional: boolean;
  readonly default?: Bound;
  readonly unit: string;
  /** What is allowed, for messages: `1..poles`. */
  readonly rangeText: string;
}

export interface WordArgumentSpec { readonly name: string; readonly type: 'setting' | 'settingValue'; readonly optional: false; readonly unit: ''; readonly rangeText: string }
export type ArgumentSpec = NumberArgumentSpec | WordArgumentSpec;

/** A setting's default: a number, a rig figure, or a value of the rig file (`loadCell.defaultTareCounts`). */
export type SettingDefault = number | { readonly rig: RigValueName } | { readonly rigFile: string };
export interface TextSettingSpec { readonly name: string; readonly type: 'text'; readonly chars: string; readonly minChars: number; readonly maxChars: number; readonly default: SettingDefault; readonly rangeText: string }
export type SettingSpec = TextSettingSpec | (Omit<NumberArgumentSpec, 'default' | 'optional'> & { readonly optional: false; readonly default: SettingDefault });

export interface CommandSpec {
  readonly name: string;
  /** immediate: replies at once; short: replies when done; long: `ok` when accepted, then DONE. */
  readonly kind: 'immediate' | 'short' | 'long';
  /** A retry reuses the id (the firmware runs it at most once); a read is retried with a new id. */
  readonly changesState: boolean;
  /** The host-silence watchdog runs while it is active: send a line at least every watchdogMs / 2. */
  readonly keepAlive: boolean;
  /** Interlocks in the order the firmware checks them. */
  readonly gates: readonly string[];
  readonly args: readonly ArgumentSpec[];
  /** Wire keys of the `ok` reply, or the shape defined elsewhere in the spec. */
  readonly replyKeys: readonly string[] | 'status' | 'setting' | 'settings';
}

/** Rig figures that bound arguments; INFO reports each under this name. */
export const RIG_VALUE_NAMES = ["poles", "forceCapN", "capacityN", "maxCurrentA", "maxSpeedMmps", "approachMmps", "travelMm", "maxSlackMm", "maxTempC", "sampleHz"] as const;
export type RigValueName = (typeof RIG_VALUE_NAMES)[number];
export type RigValues = Readonly<Record<RigValueName, number>>;

/** Interlocks: the error each answers. */
export const INTERLOCKS = {
  estop: { error: 15, text: "the E-stop is pressed" },
  alarm: { error: 10, text: "an alarm is latched" },
  noPole: { error: 13, text: "no pole is selected" },
  current: { error: 11, text: "the test current is on" },
  moving: { error: 12, text: "the puller moves or a PULL or HOME runs" },
  guard: { error: 16, text: "the guard is open" },
  busy: { error: 9, text: "a short or a long operation runs" },
  busyShort: { error: 9, text: "a short operation runs (reads are allowed during a long one)" },
  loadCell: { error: 18, text: "the load cell gave no reading in the last 200 ms" },
  uncalibrated: { error: 21, text: "the rig was never calibrated (calDate is 0)" },
  notHomed: { error: 24, text: "the position is unknown: no HOME since boot, or the motor was switched off since" },
} as const;

/** Every command, in the order HELP lists them. */
export const COMMANDS = [
  {
    name: "PING", kind: "immediate", changesState: false, keepAlive: false,
    gates: [],
    args: [],
    replyKeys: [],
  },
  {
    name: "INFO", kind: "immediate", changesState: false, keepAlive: false,
    gates: ["busyShort"],
    args: [],
    replyKeys: ["fw", "proto", "rig", "board", "poles", "caps", "calDate", "settings", "lastId"],
  },
  {
    name: "LIMITS", kind: "immediate", changesState: false, keepAlive: false,
    gates: ["busyShort"],
    args: [],
    replyKeys: ["forceCapN", "capacityN", "maxCurrentA", "maxSpeedMmps", "approachMmps", "travelMm", "maxTempC", "sampleHz", "maxSlackMm"],
  },
  {
    name: "STATUS", kind: "immediate", changesState: false, keepAlive: false,
    gates: [],
    args: [],
    replyKeys: "status",
  },
  {
    name: "RESULT", kind: "immediate", changesState: false, keepAlive: false,
    gates: [],
    args: [],
    replyKeys: ["op", "opId", "running"],
  },
  {
    name: "POLE", kind: "immediate", changesState: true, keepAlive: false,
    gates: ["alarm", "current", "busy"],
    args: [{ name: "pole", type: "integer", min: 0, max: {"rig":"poles"}, orZero: false, optional: false, unit: "", rangeText: "0..poles" }],
    replyKeys: ["pole"],
  },
  {
    name: "VDROP", kind: "short", changesState: false, keepAlive: false,
    gates: ["alarm", "current", "moving", "guard", "busy"],
    args: [{ name: "pole", type: "integer", min: 1, max: {"rig":"poles"}, orZero: false, optional: false, unit: "", rangeText: "1..poles" }, { name: "currentA", type: "decimal", min: 0.1, max: {"rig":"maxCurrentA"}, orZero: false, optional: false, unit: "A", rangeText: "0.1..maxCurrentA" }, { name: "samples", type: "integer", min: 1, max: 1024, orZero: false, optional: true, default: 256, unit: "", rangeText: "1..1024" }],
    replyKeys: ["pole", "mv", "mohm", "currentA", "mvSd", "aSd"],
  },
  {
    name: "ISO", kind: "short", changesState: false, keepAlive: false,
    gates: ["alarm", "current", "busy"],
    args: [{ name: "poles", type: "integer", min: 1, max: {"rig":"poles"}, orZero: false, optional: false, unit: "", rangeText: "1..poles" }],
    replyKeys: ["map", "shorts"],
  },
  {
    name: "PULL", kind: "long", changesState: true, keepAlive: true,
    gates: ["alarm", "current", "guard", "busy", "loadCell", "uncalibrated", "notHomed"],
    args: [{ name: "targetN", type: "decimal", min: 1, max: {"rig":"forceCapN"}, orZero: false, optional: false, unit: "N", rangeText: "1..forceCapN" }, { name: "rateNps", type: "decimal", min: 0.1, max: 200, orZero: false, optional: false, unit: "N/s", rangeText: "0.1..200" }, { name: "holdMs", type: "integer", min: 0, max: 600000, orZero: false, optional: false, unit: "ms", rangeText: "0..600000" }, { name: "preloadN", type: "decimal", min: 0.1, max: {"arg":"targetN"}, orZero: false, optional: true, default: 2, unit: "N", rangeText: "0.1..targetN" }, { name: "approachMmps", type: "decimal", min: 0.01, max: {"rig":"maxSpeedMmps"}, orZero: false, optional: true, default: {"rig":"approachMmps"}, unit: "mm/s", rangeText: "0.01..maxSpeedMmps" }],
    replyKeys: [],
  },
  {
    name: "HOME", kind: "long", changesState: true, keepAlive: true,
    gates: ["alarm", "current", "guard", "busy"],
    args: [],
    replyKeys: [],
  },
  {
    name: "HEAT", kind: "immediate", changesState: true, keepAlive: true,
    gates: ["alarm", "noPole", "moving", "guard", "busy"],
    args: [{ name: "currentA", type: "decimal", min: 0.1, max: {"rig":"maxCurrentA"}, orZero: true, optional: false, unit: "A", rangeText: "0 or 0.1..maxCurrentA" }],
    replyKeys: ["currentA"],
  },
  {
    name: "TEMP", kind: "immediate", changesState: false, keepAlive: false,
    gates: ["busyShort"],
    args: [],
    replyKeys: ["tempC"],
  },
  {
    name: "TARE", kind: "short", changesState: true, keepAlive: false,
    gates: ["busy"],
    args: [],
    replyKeys: ["tareCounts"],
  },
  {
    name: "SPAN", kind: "short", changesState: true, keepAlive: false,
    gates: ["busy"],
    args: [{ name: "knownN", type: "decimal", min: 1, max: {"rig":"capacityN"}, orZero: false, optional: false, unit: "N", rangeText: "1..capacityN" }],
    replyKeys: ["countsPerN"],
  },
  {
    name: "SET", kind: "immediate", changesState: true, keepAlive: false,
    gates: ["busy"],
    args: [{ name: "name", type: "setting", optional: false, unit: '', rangeText: "a setting name" }, { name: "value", type: "settingValue", optional: false, unit: '', rangeText: "see the settings table" }],
    replyKeys: "setting",
  },
  {
    name: "SETTINGS", kind: "immediate", changesState: false, keepAlive: false,
    gates: ["busyShort"],
    args: [],
    replyKeys: "settings",
  },
  {
    name: "RESET", kind: "immediate", changesState: true, keepAlive: false,
    gates: ["estop", "guard", "busy"],
    args: [],
    replyKeys: [],
  },
  {
    name: "HELP", kind: "immediate", changesState: false, keepAlive: false,
    gates: ["busy"],
    args: [],
    replyKeys: [],
  },
  {
    name: "INSUL", kind: "short", changesState: false, keepAlive: false,
    gates: ["alarm", "current", "busy"],
    args: [{ name: "a", type: "integer", min: 1, max: {"rig":"poles"}, orZero: false, optional: false, unit: "", rangeText: "1..poles" }, { name: "b", type: "integer", min: 1, max: {"rig":"poles"}, orZero: false, optional: false, unit: "", rangeText: "1..poles" }],
    replyKeys: ["a", "b", "ohm", "range", "sdPair", "sdDrive"],
  },
] as const satisfies readonly CommandSpec[];
export type CommandName = (typeof COMMANDS)[number]['name'];

/** Settings, in the order SETTINGS lists them. */
export const SETTINGS = [
  { name: "rigId", type: 'text', chars: "A-Za-z0-9_-", minChars: 1, maxChars: 15, default: {"rigFile":"rigId"}, rangeText: "1..15 characters A-Za-z0-9_-" },
  { name: "watchdogMs", type: "integer", min: 50, max: 5000, orZero: false, optional: false, default: 250, unit: "ms", rangeText: "50..5000" },
  { name: "slipLimitMm", type: "decimal", min: 0.01, max: 10, orZero: false, optional: false, default: 0.5, unit: "mm", rangeText: "0.01..10" },
  { name: "tempLimitC", type: "decimal", min: 0, max: {"rig":"maxTempC"}, orZero: false, optional: false, default: {"rig":"maxTempC"}, unit: "°C", rangeText: "0..maxTempC" },
  { name: "tareCounts", type: "integer", min: -8388608, max: 8388607, orZero: false, optional: false, default: {"rigFile":"loadCell.defaultTareCounts"}, unit: "counts", rangeText: "-8388608..8388607" },
  { name: "countsPerN", type: "decimal", minExclusive: 0, orZero: false, optional: false, default: {"rigFile":"loadCell.defaultCountsPerN"}, unit: "counts/N", rangeText: "> 0" },
  { name: "calDate", type: "integer", min: 19000101, max: 99991231, orZero: true, optional: false, default: 0, unit: "", rangeText: "0 or 19000101..99991231" },
  { name: "calCheck", type: "integer", min: 0, max: 65535, orZero: false, optional: false, default: 0, unit: "", rangeText: "0..65535" },
] as const satisfies readonly SettingSpec[];
export type SettingName = (typeof SETTINGS)[number]['name'];

/** The constant bounds and defaults of numeric arguments: `ARG_LIMITS.VDROP.samples.max`. */
export const ARG_LIMITS = {
  POLE: { pole: { min: 0 } },
  VDROP: { pole: { min: 1 }, currentA: { min: 0.1 }, samples: { min: 1, max: 1024, default: 256 } },
  ISO: { poles: { min: 1 } },
  PULL: { targetN: { min: 1 }, rateNps: { min: 0.1, max: 200 }, holdMs: { min: 0, max: 600000 }, preloadN: { min: 0.1, default: 2 }, approachMmps: { min: 0.01 } },
  HEAT: { currentA: { min: 0.1 } },
  SPAN: { knownN: { min: 1 } },
  INSUL: { a: { min: 1 }, b: { min: 1 } },
} as const;

/** The constant bounds and defaults of settings: `SETTING_LIMITS.watchdogMs.default`. */
export const SETTING_LIMITS = {
  rigId: { minChars: 1, maxChars: 15 },
  watchdogMs: { min: 50, max: 5000, default: 250 },
  slipLimitMm: { min: 0.01, max: 10, default: 0.5 },
  tempLimitC: { min: 0 },
  tareCounts: { min: -8388608, max: 8388607 },
  countsPerN: {  },
  calDate: { min: 19000101, max: 99991231, default: 0 },
  calCheck: { min: 0, max: 65535, default: 0 },
} as const;

const commandByName = new Map<string, CommandSpec>(COMMANDS.map((c) => [c.name, c]));
const settingByName = new Map<string, SettingSpec>(SETTINGS.map((s) => [s.name.toLowerCase(), s]));

/** Commands are case-insensitive on the wire. */
export function findCommand(name: string): CommandSpec | undefined {
  return commandByName.get(name.toUpperCase());
}

/** Setting names are case-insensitive on the wire. */
export function findSetting(name: string): SettingSpec | undefined {
  return settingByName.get(name.toLowerCase());
}

/** A numeric argument of a command by name; throws for a name not in commands.yaml (a programming error). */
export function argumentSpec(command: CommandName, name: string): NumberArgumentSpec {
  const spec = findCommand(command)?.args.find((a) => a.name === name);
  if (spec === undefined || !isNumberArgument(spec)) throw new Error(`${command} has no numeric argument ${name}`);
  return spec;
}

export function isNumberArgument(spec: ArgumentSpec): spec is NumberArgumentSpec {
  return spec.type === 'integer' || spec.type === 'decimal';
}

/** A numeric setting by name. */
export function numericSetting(name: SettingName): Exclude<SettingSpec, TextSettingSpec> {
  const spec = findSetting(name);
  if (spec === undefined || spec.type === 'text') throw new Error(`${name} is not a numeric setting`);
  return spec;
}

/** A request as `client.request(...)` takes it: the command and its arguments. */
export type Request = readonly [command: CommandName, args: ReadonlyArray<string | number>];

// Optional arguments are trailing: one left out cannot be followed by one given.
function present(command: string, values: ReadonlyArray<number | undefined>): number[] {
  const given = values.filter((v): v is number => v !== undefined);
  if (values.slice(0, given.length).some((v) => v === undefined)) throw new RangeError(`${command}: an optional argument left out is followed by one given`);
  return given;
}

/** Request builders, one per command: `client.request(...requests.vdrop({ pole: 1, currentA: 5.7 }))`. */
export const requests = {
  ping: (): Request => ["PING", []],
  info: (): Request => ["INFO", []],
  limits: (): Request => ["LIMITS", []],
  status: (): Request => ["STATUS", []],
  result: (): Request => ["RESULT", []],
  /** `POLE <pole>` */
  pole: (a: { pole: number }): Request => ["POLE", present("POLE", [a.pole])],
  /** `VDROP <pole> <currentA> [samples]` */
  vdrop: (a: { pole: number; currentA: number; samples?: number }): Request => ["VDROP", present("VDROP", [a.pole, a.currentA, a.samples])],
  /** `ISO <poles>` */
  iso: (a: { poles: number }): Request => ["ISO", present("ISO", [a.poles])],
  /** `PULL <targetN> <rateNps> <holdMs> [preloadN] [approachMmps]` */
  pull: (a: { targetN: number; rateNps: number; holdMs: number; preloadN?: number; approachMmps?: number }): Request => ["PULL", present("PULL", [a.targetN, a.rateNps, a.holdMs, a.preloadN, a.approachMmps])],
  home: (): Request => ["HOME", []],
  /** `HEAT <currentA>` */
  heat: (a: { currentA: number }): Request => ["HEAT", present("HEAT", [a.currentA])],
  temp: (): Request => ["TEMP", []],
  tare: (): Request => ["TARE", []],
  /** `SPAN <knownN>` */
  span: (a: { knownN: number }): Request => ["SPAN", present("SPAN", [a.knownN])],
  /** `SET <name> <value>` */
  set: (name: SettingName, value: string | number): Request => ["SET", [name, value]],
  settings: (): Request => ["SETTINGS", []],
  reset: (): Request => ["RESET", []],
  help: (): Request => ["HELP", []],
  /** `INSUL <a> <b>` */
  insul: (a: { a: number; b: number }): Request => ["INSUL", present("INSUL", [a.a, a.b])],
} as const;

function versionPart(text: string, part: 1 | 2): number | null {
  const match = /^([0-9]+)\.([0-9]+)$/.exec(text);
  return match ? Number(match[part]) : null;
}

function integerList(text: string): number[] | null {
  return /^[0-9]+(,[0-9]+)*$/.test(text) ? text.split(',').map(Number) : null;
}

/** `1-3,2-4` -> [[1, 3], [2, 4]]; `-` -> []; a pair not written low-high -> null. */
function pairList(text: string): Array<[number, number]> | null {
  if (text === '-') return [];
  if (!/^[0-9]+-[0-9]+(,[0-9]+-[0-9]+)*$/.test(text)) return null;
  const pairs = text.split(',').map((pair) => pair.split('-').map(Number) as [number, number]);
  return pairs.every(([a, b]) => a < b) ? pairs : null;
}

/** `ok fw=… proto=… rig=… board=… poles=… caps=… calDate=… settings=… lastId=…` (INFO); unknown keys are ignored. */
export const InfoReply = z.object({
  firmwareVersion: z.string().min(1),
  protocolMajor: z.number().int().min(0),
  protocolMinor: z.number().int().min(0),
  rigId: z.string().min(1),
  board: z.string().min(1),
  poles: z.number().int(),
  capabilities: z.array(z.string().min(1)),
  calDate: z.number().int(),
  settingsVersion: z.number().int(),
  lastId: z.number().int(),
});
export type InfoReply = z.infer<typeof InfoReply>;

/** Typed INFO reply from its wire fields, or null when a required key is missing or malformed. */
export function infoReplyFromFields(f: Fields): InfoReply | null {
  const r = InfoReply.safeParse({
    firmwareVersion: f["fw"],
    protocolMajor: f["proto"] === undefined ? undefined : versionPart(f["proto"], 1),
    protocolMinor: f["proto"] === undefined ? undefined : versionPart(f["proto"], 2),
    rigId: f["rig"],
    board: f["board"],
    poles: f["poles"] === undefined ? undefined : parseInteger(f["poles"]),
    capabilities: f["caps"] === undefined ? undefined : f["caps"].split(','),
    calDate: f["calDate"] === undefined ? undefined : parseInteger(f["calDate"]),
    settingsVersion: f["settings"] === undefined ? undefined : parseInteger(f["settings"]),
    lastId: f["lastId"] === undefined ? undefined : parseInteger(f["lastId"]),
  });
  return r.success ? r.data : null;
}

/** `ok forceCapN=… capacityN=… maxCurrentA=… maxSpeedMmps=… approachMmps=… travelMm=… maxTempC=… sampleHz=… maxSlackMm=…` (LIMITS); unknown keys are ignored. */
export const LimitsReply = z.object({
  forceCapN: z.number(),
  capacityN: z.number(),
  maxCurrentA: z.number(),
  maxSpeedMmps: z.number(),
  approachMmps: z.number(),
  travelMm: z.number(),
  maxTempC: z.number(),
  sampleHz: z.number(),
  maxSlackMm: z.number().optional(),
});
export type LimitsReply = z.infer<typeof LimitsReply>;

/** Typed LIMITS reply from its wire fields, or null when a required key is missing or malformed. */
export function limitsReplyFromFields(f: Fields): LimitsReply | null {
  const r = LimitsReply.safeParse({
    forceCapN: f["forceCapN"] === undefined ? undefined : parseDecimal(f["forceCapN"]),
    capacityN: f["capacityN"] === undefined ? undefined : parseDecimal(f["capacityN"]),
    maxCurrentA: f["maxCurrentA"] === undefined ? undefined : parseDecimal(f["maxCurrentA"]),
    maxSpeedMmps: f["maxSpeedMmps"] === undefined ? undefined : parseDecimal(f["maxSpeedMmps"]),
    approachMmps: f["approachMmps"] === undefined ? undefined : parseDecimal(f["approachMmps"]),
    travelMm: f["travelMm"] === undefined ? undefined : parseDecimal(f["travelMm"]),
    maxTempC: f["maxTempC"] === undefined ? undefined : parseDecimal(f["maxTempC"]),
    sampleHz: f["sampleHz"] === undefined ? undefined : parseDecimal(f["sampleHz"]),
    maxSlackMm: f["maxSlackMm"] === undefined ? undefined : parseDecimal(f["maxSlackMm"]),
  });
  return r.success ? r.data : null;
}

/** `ok op=… opId=… running=…` (RESULT); unknown keys are ignored. */
export const ResultReply = z.object({
  op: z.string().min(1),
  opId: z.number().int(),
  running: z.number().int(),
});
export type ResultReply = z.infer<typeof ResultReply>;

/** Typed RESULT reply from its wire fields, or null when a required key is missing or malformed. */
export function resultReplyFromFields(f: Fields): ResultReply | null {
  const r = ResultReply.safeParse({
    op: f["op"],
    opId: f["opId"] === undefined ? undefined : parseInteger(f["opId"]),
    running: f["running"] === undefined ? undefined : parseInteger(f["running"]),
  });
  return r.success ? r.data : null;
}

/** `ok pole=…` (POLE); unknown keys are ignored. */
export const PoleReply = z.object({
  pole: z.number().int(),
});
export type PoleReply = z.infer<typeof PoleReply>;

/** Typed POLE reply from its wire fields, or null when a required key is missing or malformed. */
export function poleReplyFromFields(f: Fields): PoleReply | null {
  const r = PoleReply.safeParse({
    pole: f["pole"] === undefined ? undefined : parseInteger(f["pole"]),
  });
  return r.success ? r.data : null;
}

/** `ok pole=… mv=… mohm=… currentA=… mvSd=… aSd=…` (VDROP); unknown keys are ignored. */
export const VdropReply = z.object({
  pole: z.number().int(),
  dropMv: z.number(),
  resistanceMilliohm: z.number(),
  currentA: z.number(),
  senseSdMv: z.number().optional(),
  shuntSdA: z.number().optional(),
});
export type VdropReply = z.infer<typeof VdropReply>;

/** Typed VDROP reply from its wire fields, or null when a required key is missing or malformed. */
export function vdropReplyFromFields(f: Fields): VdropReply | null {
  const r = VdropReply.safeParse({
    pole: f["pole"] === undefined ? undefined : parseInteger(f["pole"]),
    dropMv: f["mv"] === undefined ? undefined : parseDecimal(f["mv"]),
    resistanceMilliohm: f["mohm"] === undefined ? undefined : parseDecimal(f["mohm"]),
    currentA: f["currentA"] === undefined ? undefined : parseDecimal(f["currentA"]),
    senseSdMv: f["mvSd"] === undefined ? undefined : parseDecimal(f["mvSd"]),
    shuntSdA: f["aSd"] === undefined ? undefined : parseDecimal(f["aSd"]),
  });
  return r.success ? r.data : null;
}

/** `ok map=… shorts=…` (ISO); unknown keys are ignored. */
export const IsoReply = z.object({
  farEndByPole: z.array(z.number().int().min(0)).min(1),
  shortedPairs: z.array(z.tuple([z.number().int().min(1), z.number().int().min(1)])),
});
export type IsoReply = z.infer<typeof IsoReply>;

/** Typed ISO reply from its wire fields, or null when a required key is missing or malformed. */
export function isoReplyFromFields(f: Fields): IsoReply | null {
  const r = IsoReply.safeParse({
    farEndByPole: f["map"] === undefined ? undefined : integerList(f["map"]),
    shortedPairs: f["shorts"] === undefined ? undefined : pairList(f["shorts"]),
  });
  return r.success ? r.data : null;
}

/** `ok currentA=…` (HEAT); unknown keys are ignored. */
export const HeatReply = z.object({
  currentA: z.number(),
});
export type HeatReply = z.infer<typeof HeatReply>;

/** Typed HEAT reply from its wire fields, or null when a required key is missing or malformed. */
export function heatReplyFromFields(f: Fields): HeatReply | null {
  const r = HeatReply.safeParse({
    currentA: f["currentA"] === undefined ? undefined : parseDecimal(f["currentA"]),
  });
  return r.success ? r.data : null;
}

/** `ok tempC=…` (TEMP); unknown keys are ignored. */
export const TempReply = z.object({
  tempC: z.number(),
});
export type TempReply = z.infer<typeof TempReply>;

/** Typed TEMP reply from its wire fields, or null when a required key is missing or malformed. */
export function tempReplyFromFields(f: Fields): TempReply | null {
  const r = TempReply.safeParse({
    tempC: f["tempC"] === undefined ? undefined : parseDecimal(f["tempC"]),
  });
  return r.success ? r.data : null;
}

/** `ok tareCounts=…` (TARE); unknown keys are ignored. */
export const TareReply = z.object({
  tareCounts: z.number().int(),
});
export type TareReply = z.infer<typeof TareReply>;

/** Typed TARE reply from its wire fields, or null when a required key is missing or malformed. */
export function tareReplyFromFields(f: Fields): TareReply | null {
  const r = TareReply.safeParse({
    tareCounts: f["tareCounts"] === undefined ? undefined : parseInteger(f["tareCounts"]),
  });
  return r.success ? r.data : null;
}

/** `ok countsPerN=…` (SPAN); unknown keys are ignored. */
export const SpanReply = z.object({
  countsPerN: z.number(),
});
export type SpanReply = z.infer<typeof SpanReply>;

/** Typed SPAN reply from its wire fields, or null when a required key is missing or malformed. */
export function spanReplyFromFields(f: Fields): SpanReply | null {
  const r = SpanReply.safeParse({
    countsPerN: f["countsPerN"] === undefined ? undefined : parseDecimal(f["countsPerN"]),
  });
  return r.success ? r.data : null;
}

/** `ok a=… b=… ohm=… range=… sdPair=… sdDrive=…` (INSUL); unknown keys are ignored. */
export const InsulReply = z.object({
  a: z.number().int(),
  b: z.number().int(),
  resistanceOhm: z.number().int(),
  range: z.string().min(1),
  sdPair: z.number(),
  sdDrive: z.number(),
});
export type InsulReply = z.infer<typeof InsulReply>;

/** Typed INSUL reply from its wire fields, or null when a required key is missing or malformed. */
export function insulReplyFromFields(f: Fields): InsulReply | null {
  const r = InsulReply.safeParse({
    a: f["a"] === undefined ? undefined : parseInteger(f["a"]),
    b: f["b"] === undefined ? undefined : parseInteger(f["b"]),
    resistanceOhm: f["ohm"] === undefined ? undefined : parseInteger(f["ohm"]),
    range: f["range"],
    sdPair: f["sdPair"] === undefined ? undefined : parseDecimal(f["sdPair"]),
    sdDrive: f["sdDrive"] === undefined ? undefined : parseDecimal(f["sdDrive"]),
  });
  return r.success ? r.data : null;
}
