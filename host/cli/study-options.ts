import { identifierProblem, printableText } from '../shared/identifier-text.js';
import { serialProblem } from '../station/serial-number.js';
import { UsageError } from '../shared/usage-error.js';

/**
 * Parsers of `clampbench study grr`'s options. Each throws a UsageError naming the option, the value given
 * and what is allowed; the ranges are here once, and the help text is made from them.
 */

/** Allowed ranges of the study's size: AIAG's default is 10 × 3 × 3; fewer than 2 of anything is no crossed study. */
export const STUDY_RANGES = {
  parts: { min: 2, max: 50, default: 10 },
  operators: { min: 2, max: 10, default: 3 },
  trials: { min: 2, max: 10, default: 3 },
} as const;

/** Seeds and unit seeds: 32-bit unsigned, as the simulator's seeded streams take them. */
export const SEED_MAX = 0xffffffff;

/** A whole number from min to max. */
export function integerOption(option: string, min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`${option}: value "${printableText(text)}" is not allowed; expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

/** A comma-separated list of texts, each checked by `problem`. */
function listOption(option: string, problem: (item: string) => string | null): (text: string) => string[] {
  return (text) => {
    const items = text.split(',').map((s) => s.trim());
    for (const item of items) {
      const found = problem(item);
      if (found !== null) throw new UsageError(`${option}: value "${printableText(text)}" is not allowed; item "${printableText(item)}": ${found}`);
    }
    const twice = items.find((item, i) => items.indexOf(item) !== i);
    if (twice !== undefined) throw new UsageError(`${option}: value "${printableText(text)}" is not allowed; "${printableText(twice)}" is given twice`);
    return items;
  };
}

/** A comma-separated list of numbers from min to max (one number is a list of one). */
export function numberListOption(option: string, min: number, max: number): (text: string) => number[] {
  return (text) =>
    text.split(',').map((item) => {
      const value = Number(item);
      if (item.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
        throw new UsageError(`${option}: value "${printableText(text)}" is not allowed; each item must be a number from ${min} to ${max} ("${printableText(item)}" is not)`);
      }
      return value;
    });
}

export const operatorNamesOption = listOption('--operator-names', (name) => identifierProblem('operator name', name));
export const serialsOption = listOption('--serials', serialProblem);

/** A list given for every operator (or part) has exactly that many items; with `oneForAll` a single item stands for all. */
export function checkCount<T>(option: string, items: readonly T[] | undefined, count: number, countOption: string, oneForAll = false): T[] | undefined {
  if (items === undefined) return undefined;
  if (oneForAll && items.length === 1) return Array.from({ length: count }, () => items[0]!);
  if (items.length !== count) {
    throw new UsageError(`${option}: ${items.length} item${items.length === 1 ? '' : 's'} given, but ${countOption} is ${count}; give exactly ${count}${oneForAll ? ' (or one for all)' : ''}`);
  }
  return [...items];
}

/** Default names: A, B, C, … as in the AIAG forms. */
export function defaultOperatorNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}

/** Default part serials: GRR-P01, GRR-P02, … */
export function defaultPartSerials(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `GRR-P${String(i + 1).padStart(2, '0')}`);
}
