export interface Max31855Reading {
  thermocoupleC: number;
  internalC: number;
  open: boolean;
  shortToGnd: boolean;
  shortToVcc: boolean;
}

function twosComplement(value: number, bits: number): number {
  const range = 1 << bits;
  const clamped = Math.max(-(range >> 1), Math.min((range >> 1) - 1, value));
  return clamped < 0 ? clamped + range : clamped;
}

/**
 * The MAX31855's 32-bit frame: bits 31..18 thermocouple (signed, 0.25 °C), bit 16 fault,
 * bits 15..4 internal (signed, 0.0625 °C), bits 2..0 SCV/SCG/OC.
 * On a fault the thermocouple field is not a temperature; the model sends 0 there.
 */
export function encodeMax31855Frame(reading: Max31855Reading): number {
  const fault = reading.open || reading.shortToGnd || reading.shortToVcc;
  const tcField = fault ? 0 : twosComplement(Math.round(reading.thermocoupleC * 4), 14);
  const internalField = twosComplement(Math.round(reading.internalC * 16), 12);
  const flags = (reading.shortToVcc ? 4 : 0) | (reading.shortToGnd ? 2 : 0) | (reading.open ? 1 : 0);
  return ((tcField << 18) | ((fault ? 1 : 0) << 16) | (internalField << 4) | flags) >>> 0;
}

/**
 * MAX31855 on the SPI bus: the frame is latched when CS falls (conversions stop while CS is low)
 * and clocked out MSB first; bytes beyond the fourth read 0.
 */
export class Max31855 {
  private frame = 0;
  private byteIndex = 0;

  constructor(private readonly readNow: () => Max31855Reading) {}

  select(): void {
    this.frame = encodeMax31855Frame(this.readNow());
    this.byteIndex = 0;
  }

  transfer(_mosiByte: number): number {
    const index = this.byteIndex++;
    return index < 4 ? (this.frame >>> (24 - 8 * index)) & 0xff : 0;
  }

  deselect(): void {
    this.byteIndex = 0;
  }
}
