import type { RigDefinition } from '../../rig-definition.js';
import { bannerText } from '../../../../firmware-protocol/codegen/banner.js';

export const RIG_SOURCE = 'rigs/uno-pull/rig.yaml';
import { screamingSnake } from '../../../../firmware-protocol/codegen/case-names.js';
import { cFloat, cInteger, cLong, cString } from '../../../../firmware-protocol/codegen/c-literals.js';

/**
 * The only numbers that are integers in C; every other number becomes a float so that the firmware's
 * arithmetic never silently truncates (`forceCapN 250` must compare against a float force).
 * `section.*` covers a whole section. `long` values are signed 32-bit (raw load-cell counts).
 */
const INTEGER_KEYS: Readonly<Record<string, 'int' | 'long'>> = {
  'pins.*': 'int',
  poles: 'int',
  'relays.*': 'int',
  'board.clockHz': 'int',
  'motion.stepsPerRev': 'int',
  'motion.microsteps': 'int',
  'current.dacBits': 'int',
  'current.settleMs': 'int',
  'loadCell.gain': 'int',
  'loadCell.rateHz': 'int',
  'loadCell.defaultTareCounts': 'long',
};

/** Section names that do not follow the camelCase split; the firmware was written against `RIG_LOADCELL_…`. */
const SECTION_MACRO_NAMES: Readonly<Record<string, string>> = { loadCell: 'LOADCELL' };

function integerKind(path: readonly string[]): 'int' | 'long' | undefined {
  const dotted = path.join('.');
  return INTEGER_KEYS[dotted] ?? (path.length > 1 ? INTEGER_KEYS[`${path[0]}.*`] : undefined);
}

function macroName(path: readonly string[]): string {
  const parts = path.map((part, index) => (index === 0 && path.length > 1 ? SECTION_MACRO_NAMES[part] : undefined) ?? screamingSnake(part));
  return `RIG_${parts.join('_')}`;
}

function literal(path: readonly string[], value: unknown): string {
  const where = path.join('.');
  if (typeof value === 'string') return cString(value);
  if (typeof value !== 'number') throw new Error(`${where}: cannot put a ${typeof value} into rig_config.h`);
  const kind = integerKind(path);
  if (kind === undefined) return cFloat(value);
  if (!Number.isInteger(value)) throw new Error(`${where}: ${value} must be an integer (listed in INTEGER_KEYS)`);
  return kind === 'long' ? cLong(value) : cInteger(value);
}

function leaves(node: unknown, path: string[], out: Array<[string[], unknown]>): void {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) leaves(child, [...path, key], out);
  } else {
    out.push([path, node]);
  }
}

/** The firmware header `rigs/uno-pull/firmware/clampbench/rig_config.h`: every leaf of the rig file as `RIG_<SECTION>_<KEY>`. */
export function renderRigConfigH(rig: RigDefinition): string {
  const lines: string[] = [];
  lines.push(`// ${bannerText(RIG_SOURCE)}`);
  lines.push('#ifndef CLAMPBENCH_RIG_CONFIG_H', '#define CLAMPBENCH_RIG_CONFIG_H', '');
  const all: Array<[string[], unknown]> = [];
  leaves(rig, [], all);
  let section: string | undefined;
  for (const [path, value] of all) {
    const thisSection = path.length > 1 ? path[0] : undefined;
    if (thisSection !== section && thisSection !== undefined) lines.push('', `// ${thisSection}`);
    if (thisSection === undefined && section !== undefined) lines.push('');
    section = thisSection;
    lines.push(`#define ${macroName(path)} ${literal(path, value)}`);
  }
  lines.push('', '#endif  // CLAMPBENCH_RIG_CONFIG_H');
  return `${lines.join('\n')}\n`;
}
