// Numbers on the wire: decimal, `.` as the point, optional leading `-`, no exponent (PROTOCOL.md 2).
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const INTEGER = /^-?[0-9]+$/;

/** `"45.12"` -> 45.12; anything that is not a plain decimal (`1e3`, `.5`, `12abc`, ``) -> null. */
export function parseDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

/** `"600000"` -> 600000; fractions or out-of-safe-range values -> null. */
export function parseInteger(text: string): number | null {
  if (!INTEGER.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** Fixed decimals as the firmware prints them (`45.12`, `1.2350`). */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be sent`);
  return value.toFixed(decimals);
}
