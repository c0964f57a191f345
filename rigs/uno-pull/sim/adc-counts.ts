/**
 * What the ATmega328P's 10-bit ADC returns for `volts` at its input with reference `refV`:
 * floor(V·1024/Vref), clamped to 0..1023 (an input beyond the rails reads full scale, not more).
 */
export function adcCounts(volts: number, refV: number): number {
  const raw = Math.floor((Math.min(Math.max(volts, 0), refV) / refV) * 1024);
  return Math.min(raw, 1023);
}
