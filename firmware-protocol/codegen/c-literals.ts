/** Largest value an AVR `int` holds; bigger integer constants need a suffix or they overflow in expressions. */
const AVR_INT_MAX = 32767;

/** Integer constant for avr-gcc: `250`, `600000UL`. */
export function cInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an integer`);
  if (value > AVR_INT_MAX) return `${value}UL`;
  if (value < -AVR_INT_MAX - 1) return `${value}L`;
  return String(value);
}

/** Signed long constant (`0L`): for values such as raw load-cell counts that are 24-bit and signed. */
export function cLong(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an integer`);
  return `${value}L`;
}

/** Float constant that stays a float in C (`500.0f`, not the int `500` or the double `500.0`). */
export function cFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  const text = String(value);
  return /[.e]/.test(text) ? `${text}f` : `${text}.0f`;
}

/** C string literal; rig files only hold printable ASCII, anything else is refused rather than escaped. */
export function cString(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`${JSON.stringify(value)} contains characters a C header should not hold`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Limits: integers as integers, anything with a fraction as a float. */
export function cNumber(value: number): string {
  return Number.isInteger(value) ? cInteger(value) : cFloat(value);
}
