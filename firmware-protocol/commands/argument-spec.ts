import type { RigRanges } from './rig-ranges.js';

/** How one argument is checked: `integer` refuses a fraction, `decimal` allows up to 3 digits after the point. */
export interface ArgumentSpec {
  name: string;
  kind: 'integer' | 'decimal' | 'text';
  optional?: boolean;
  /** Whether a parsed value is allowed; `earlier` holds the arguments before this one (PULL's preload depends on its target). */
  allows: (value: number | string, rig: RigRanges, earlier: readonly number[]) => boolean;
  /** What is allowed, for messages: `1..poles`. */
  rangeText: string;
}

/** Inclusive numeric range whose bounds may depend on the rig and on earlier arguments. */
export function between(
  min: number | ((rig: RigRanges, earlier: readonly number[]) => number),
  max: number | ((rig: RigRanges, earlier: readonly number[]) => number),
): ArgumentSpec['allows'] {
  return (value, rig, earlier) => {
    const low = typeof min === 'number' ? min : min(rig, earlier);
    const high = typeof max === 'number' ? max : max(rig, earlier);
    return typeof value === 'number' && value >= low && value <= high;
  };
}
