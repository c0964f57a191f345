/**
 * A MAX31855 frame read back as the firmware reads it (bits 31..18 thermocouple, 0.25 °C; bit 16
 * fault; bits 15..4 internal, 0.0625 °C; bits 2..0 SCV/SCG/OC): the inverse of the simulator's
 * encodeMax31855Frame, to check what the model sends.
 */
export function decodeMax31855Frame(frame: number): { thermocoupleC: number; internalC: number; fault: boolean; flags: number } {
  const tc = (frame >> 18) & 0x3fff;
  const internal = (frame >> 4) & 0x0fff;
  return {
    thermocoupleC: (tc >= 0x2000 ? tc - 0x4000 : tc) / 4,
    internalC: (internal >= 0x800 ? internal - 0x1000 : internal) / 16,
    fault: ((frame >> 16) & 1) === 1,
    flags: frame & 7,
  };
}
