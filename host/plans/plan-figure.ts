import { z } from 'zod';
import type { NumberArgumentSpec } from '../../firmware-protocol/generated/commands.js';

/** The range a plan figure may take, in the unit its key names. */
export interface FigureRange {
  /** Lowest value allowed (inclusive); or `above` for a bound the value must exceed. */
  min?: number;
  above?: number;
  max: number;
  /** The unit the key's name carries (`N/s` for rateNps); '' for a count or a share. */
  unit: string;
  integer?: boolean;
  /** Where the bounds come from, when not the plan's own (`PULL holdMs 0..600000 ms`). */
  why?: string;
}

/** `a number from 0.1 to 200 N/s (PULL rateNps 0.1..200 N/s)`: what a refusal says is allowed. */
function figureRangeText(range: FigureRange): string {
  const unit = range.unit === '' ? '' : ` ${range.unit}`;
  const span = range.above !== undefined ? `above ${range.above}${unit} and up to ${range.max}${unit}` : `from ${range.min ?? 0} to ${range.max}${unit}`;
  return `${range.integer ? 'a whole number' : 'a number'} ${span}${range.why ? ` (${range.why})` : ''}`;
}

/**
 * A number in a plan file: finite, within `range`. Every refusal (text, NaN, .inf, 1e300, out of
 * range) says the same thing, the range allowed, so the message names field, value and range.
 */
export function planFigure(range: FigureRange) {
  const error = `expected ${figureRangeText(range)}`;
  let schema = z.number({ error }).max(range.max, { error });
  if (range.integer) schema = schema.int({ error });
  if (range.above !== undefined) schema = schema.gt(range.above, { error });
  if (range.min !== undefined) schema = schema.min(range.min, { error });
  return schema;
}

/** The numeric part of a command argument or a setting, as commands.yaml gives it. */
type WireSpec = Pick<NumberArgumentSpec, 'type' | 'min' | 'max' | 'unit' | 'rangeText'>;

/**
 * The range of a plan figure that is sent to the rig as `spec` (`PULL holdMs`, `setting slipLimitMm`):
 * the protocol's own bounds in the plan's unit (`perWireUnit`: wire units per plan unit, 1000 for
 * s → ms), and `ceiling` where the protocol's upper bound is a rig figure or another argument,
 * which pre-flight checks once the rig is known.
 */
export function sentFigureRange(label: string, spec: WireSpec, unit: string, options: { perWireUnit?: number; ceiling?: number } = {}): FigureRange {
  const scale = options.perWireUnit ?? 1;
  const max = typeof spec.max === 'number' ? spec.max / scale : options.ceiling;
  if (max === undefined) throw new Error(`${label}: its upper bound is ${JSON.stringify(spec.max)}; give a ceiling`);
  const wireRange = scale === 1 ? '' : `, ${spec.rangeText} ${spec.unit}`;
  const why =
    typeof spec.max === 'object'
      ? `${label} up to ${'rig' in spec.max ? `the rig's ${spec.max.rig}` : spec.max.arg}, checked before a run`
      : `the range of ${label}${wireRange}`;
  return { ...(typeof spec.min === 'number' ? { min: spec.min / scale } : {}), max, unit, integer: spec.type === 'integer' && scale === 1, why };
}
