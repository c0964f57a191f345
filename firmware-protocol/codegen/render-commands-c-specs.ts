import type { Bound, CommandsFile } from './commands-schema.js';
import { cFloat, cInteger } from './c-literals.js';
import {
  FLAG_INTEGER,
  FLAG_OR_ZERO,
  KIND_ARG,
  KIND_NONE,
  KIND_POOL,
  KIND_POOL_EXCLUSIVE,
  fail,
  hexByte,
  type NumberSpec,
  type Row,
} from './render-commands-c-common.js';
import type { NumericArgument } from './describe-ranges.js';

// The argument descriptors (ARG_SPECS) and the two pools of bound values they index, with the
// header macros of each number argument and number setting (its constant bounds and default).

/** One pool value: its C expression and what uses it (the comment). */
export interface PoolEntry {
  expr: string;
  uses: string[];
}

export interface Pools {
  ints: PoolEntry[];
  floats: PoolEntry[];
}

/** A bound or default as the renderer sees it: a constant, a C macro of the rig, or an earlier argument. */
type Resolved = { kind: 'number'; value: number } | { kind: 'macro'; macro: string; integer: boolean } | { kind: 'arg'; index: number };

/** A number spec's bounds and default, resolved and checked. */
interface ResolvedSpec {
  integer: boolean;
  min: Resolved | undefined;
  max: Resolved | undefined;
  def: Resolved | undefined;
}

/** One number argument or number setting to describe. */
export interface NumberRequest {
  /** Prefix of its header macros: `ARG_PULL_TARGET_N`, `SETTING_WATCHDOG_MS`. */
  prefix: string;
  /** Where in commands.yaml, for errors. */
  where: string;
  spec: NumberSpec;
  /** The command's number arguments before this one (what `{ arg: ... }` may name). */
  earlier: readonly NumericArgument[];
  /** For the comments: `PULL targetN`, `watchdogMs`. */
  label: string;
  /** False for a setting: its default is for settings_defaults() (the header macro), never for a missing value. */
  tableDefault: boolean;
}

/** A constant's C literal for an integer or a decimal value. */
const literal = (value: number, integer: boolean): string => (integer ? cInteger(value) : cFloat(value));
/** A macro's C expression, a float cast for decimals. */
const macroExpr = (macro: string, integer: boolean): string => (integer ? macro : `((float)${macro})`);

/** The descriptor table being built: rows in order, and the pools the rows index. */
export class Descriptors {
  readonly pools: Pools = { ints: [], floats: [] };
  readonly specs: Row[] = [];
  private readonly rigValues: Map<string, CommandsFile['rigValues'][number]>;

  constructor(commands: CommandsFile) {
    this.rigValues = new Map(commands.rigValues.map((r) => [r.name, r]));
  }

  /** A row for a text setting: nothing to check by table (commands_text_setting_valid does). */
  addText(name: string): void {
    this.specs.push({ init: '{0x00, 0, 0, 0}', note: `${name}: text (checked by commands_text_setting_valid)` });
  }

  /** Adds the descriptor row of a number spec; returns its header macro lines. */
  addNumber(request: NumberRequest): string[] {
    const resolved = this.resolveSpec(request);
    this.specs.push(this.specRow(request, resolved));
    return specMacros(request, resolved);
  }

  private poolIndex(integer: boolean, expr: string, use: string): number {
    const pool = integer ? this.pools.ints : this.pools.floats;
    const found = pool.findIndex((p) => p.expr === expr);
    if (found >= 0) {
      pool[found]!.uses.push(use);
      return found;
    }
    if (pool.length >= 256) throw new Error('more than 256 distinct bounds: the descriptors index them with a byte');
    pool.push({ expr, uses: [use] });
    return pool.length - 1;
  }

  /** C expression of a rig value for an argument of the given type. */
  private rigExpr(where: string, rig: string, integer: boolean): Resolved {
    const value = this.rigValues.get(rig);
    if (!value) return fail(where, `unknown rig value ${rig}`);
    if (integer && value.type !== 'integer') fail(where, `an integer is bounded by the decimal rig value ${rig}`);
    return { kind: 'macro', macro: value.firmware, integer };
  }

  private resolve(where: string, bound: Bound | undefined, integer: boolean, earlier: readonly NumericArgument[]): Resolved | undefined {
    if (bound === undefined) return undefined;
    if (typeof bound === 'number') {
      if (integer && !Number.isInteger(bound)) fail(where, `${bound} bounds an integer`);
      return { kind: 'number', value: bound };
    }
    if ('rig' in bound) return this.rigExpr(where, bound.rig, integer);
    const index = earlier.findIndex((a) => a.name === bound.arg);
    if (index < 0) return fail(where, `${bound.arg} is not an earlier argument`);
    if (integer && earlier[index]!.type !== 'integer') fail(where, `an integer argument is bounded by the decimal argument ${bound.arg}`);
    return { kind: 'arg', index };
  }

  private resolveSpec({ where, spec, earlier }: NumberRequest): ResolvedSpec {
    const integer = spec.type === 'integer';
    const min = this.resolve(`${where}.min`, spec.min, integer, earlier);
    const max = this.resolve(`${where}.max`, spec.max, integer, earlier);
    const def =
      spec.default === undefined
        ? undefined
        : typeof spec.default === 'object' && 'rigFile' in spec.default
          ? ({ kind: 'macro', macro: spec.default.firmware, integer } as Resolved)
          : this.resolve(`${where}.default`, spec.default as Bound, integer, earlier);
    if (spec.minExclusive !== undefined && min !== undefined) fail(where, 'min and minExclusive together are not supported by the firmware table');
    if (spec.minExclusive !== undefined && integer && !Number.isInteger(spec.minExclusive)) fail(where, `${spec.minExclusive} bounds an integer`);
    if (def?.kind === 'arg') fail(`${where}.default`, 'a default taken from another argument is not supported by the firmware table');
    if (def?.kind === 'number' && integer && !Number.isInteger(def.value)) fail(`${where}.default`, `${def.value} is the default of an integer`);
    return { integer, min, max, def };
  }

  /** A bound or default as a descriptor slot: its kind and the pool or argument index. */
  private slot(r: Resolved | undefined, integer: boolean, use: string): { kind: number; index: number } {
    if (r === undefined) return { kind: KIND_NONE, index: 0 };
    if (r.kind === 'arg') return { kind: KIND_ARG, index: r.index };
    const expr = r.kind === 'number' ? literal(r.value, integer) : macroExpr(r.macro, integer);
    return { kind: KIND_POOL, index: this.poolIndex(integer, expr, use) };
  }

  private specRow({ spec, earlier, label, tableDefault }: NumberRequest, { integer, min, max, def }: ResolvedSpec): Row {
    const minSlot =
      spec.minExclusive !== undefined
        ? { kind: KIND_POOL_EXCLUSIVE, index: this.poolIndex(integer, literal(spec.minExclusive, integer), `${label} > min`) }
        : this.slot(min, integer, `${label} min`);
    const maxSlot = this.slot(max, integer, `${label} max`);
    const defSlot = tableDefault ? this.slot(def, integer, `${label} default`) : { kind: KIND_NONE, index: 0 };
    const flags = (integer ? FLAG_INTEGER : 0) | (spec.orZero ? FLAG_OR_ZERO : 0) | (minSlot.kind << 2) | (maxSlot.kind << 4) | (defSlot.kind << 6);
    const show = (r: Resolved | undefined) =>
      r === undefined ? '' : r.kind === 'number' ? String(r.value) : r.kind === 'macro' ? r.macro : `arg ${earlier[r.index]!.name}`;
    const range = `${spec.minExclusive !== undefined ? `>${spec.minExclusive}` : show(min)}..${show(max)}`;
    const note = `${label}: ${spec.type} ${range}${spec.orZero ? ' or 0' : ''}${def && tableDefault ? `, default ${show(def)}` : ''}`;
    return { init: `{${hexByte(flags)}, ${minSlot.index}, ${maxSlot.index}, ${defSlot.index}}`, note };
  }
}

/** The header macros of a number spec: constant and rig bounds, and the default. */
function specMacros({ prefix, spec }: NumberRequest, { integer, min, max, def }: ResolvedSpec): string[] {
  const lines: string[] = [];
  const macroLine = (suffix: string, r: Resolved | undefined) => {
    if (r?.kind === 'number') lines.push(`#define ${prefix}_${suffix} ${literal(r.value, integer)}`);
    else if (r?.kind === 'macro') lines.push(`#define ${prefix}_${suffix} ${macroExpr(r.macro, integer)}`);
  };
  macroLine('MIN', min);
  if (spec.minExclusive !== undefined) lines.push(`#define ${prefix}_MIN_EXCLUSIVE ${literal(spec.minExclusive, integer)}`);
  macroLine('MAX', max);
  macroLine('DEFAULT', def);
  return lines;
}
