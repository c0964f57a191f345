import { describe, expect, it } from 'vitest';
import { clampHx711Counts, Hx711, HX711_MAX_COUNTS, HX711_MIN_COUNTS } from '../../rigs/uno-pull/sim/models/hx711.js';

/** Clock out one reading the way the firmware does: 24 data pulses + 1 gain pulse. */
function readWord(chip: Hx711): number {
  let word = 0;
  for (let pulse = 1; pulse <= 24; pulse++) {
    chip.clockRising();
    word = (word << 1) | (chip.dout ? 1 : 0);
  }
  chip.clockRising();
  return word >= 0x800000 ? word - 0x1000000 : word;
}

describe('Hx711', () => {
  it('holds DOUT high until a conversion is ready, then low', () => {
    const levels: boolean[] = [];
    const chip = new Hx711((high) => levels.push(high));
    expect(chip.dout).toBe(true);
    chip.conversionReady(1234);
    expect(chip.dout).toBe(false);
    expect(levels).toEqual([true, false]);
  });

  it('shifts out 24-bit two\'s complement MSB first and goes high after the 25th pulse', () => {
    const chip = new Hx711(() => undefined);
    chip.conversionReady(-123456);
    expect(readWord(chip)).toBe(-123456);
    expect(chip.dout).toBe(true);
    chip.conversionReady(0x5a5a5a);
    expect(readWord(chip)).toBe(0x5a5a5a);
    expect(chip.readsCompleted).toBe(2);
  });

  it('clamps to the rails', () => {
    expect(clampHx711Counts(1e9)).toBe(HX711_MAX_COUNTS);
    expect(clampHx711Counts(-1e9)).toBe(HX711_MIN_COUNTS);
    const chip = new Hx711(() => undefined);
    chip.conversionReady(5e8);
    expect(readWord(chip)).toBe(0x7fffff);
  });

  it('does not replace the word being clocked out by a new conversion', () => {
    const chip = new Hx711(() => undefined);
    chip.conversionReady(100);
    for (let i = 0; i < 10; i++) chip.clockRising();
    chip.conversionReady(999999);
    for (let i = 10; i < 25; i++) chip.clockRising();
    expect(chip.conversions).toBe(1);
    expect(chip.dout).toBe(true);
  });

  it('ignores clock pulses while no conversion is ready', () => {
    const chip = new Hx711(() => undefined);
    chip.clockRising();
    chip.conversionReady(42);
    expect(readWord(chip)).toBe(42);
  });
});
