/** MCP4921 write-command bits (datasheet register 5-1). */
const IGNORE_COMMAND = 0x8000; // bit 15: 1 = "ignore this command" on the single-channel part
const GAIN_1X = 0x2000; // bit 13: 1 = 1x gain, 0 = 2x
const ACTIVE = 0x1000; // bit 12: 1 = output active, 0 = shutdown

/**
 * MCP4921 12-bit DAC that sets the current source: two bytes while CS is low form a 16-bit
 * word; bits 11..0 are the code, latched on the CS rising edge (LDAC tied low).
 *
 * The hardware contract only uses the code bits. Configuration bits that would make a real chip
 * behave differently (ignore, 2x gain, shutdown) are reported as warnings instead of being
 * modelled, so a firmware that passes here but would fail on the bench is still noticed.
 */
export class Mcp4921 {
  private bytes: number[] = [];
  private codeValue = 0;

  constructor(
    private readonly fullScaleA: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** CS falling edge: a new command starts. */
  select(): void {
    this.bytes = [];
  }

  transfer(byte: number): number {
    this.bytes.push(byte & 0xff);
    return 0; // SDO does not exist on this part
  }

  /** CS rising edge: latch when exactly 16 bits were clocked (the real chip aborts otherwise). */
  deselect(): boolean {
    if (this.bytes.length === 0) return false;
    if (this.bytes.length !== 2) {
      this.warn(`MCP4921: ${this.bytes.length} bytes between CS edges, expected 2; write ignored`);
      return false;
    }
    const word = ((this.bytes[0] ?? 0) << 8) | (this.bytes[1] ?? 0);
    const config = word & 0xf000;
    if ((config & IGNORE_COMMAND) !== 0 || (config & GAIN_1X) === 0 || (config & ACTIVE) === 0) {
      this.warn(`MCP4921: word 0x${word.toString(16).padStart(4, '0')} has config bits a real DAC would not output as code/4095 (want 0x3xxx or 0x7xxx)`);
    }
    this.codeValue = word & 0x0fff;
    return true;
  }

  get code(): number {
    return this.codeValue;
  }

  get setpointA(): number {
    return dacCodeToSetpointA(this.codeValue, this.fullScaleA);
  }
}

export function dacCodeToSetpointA(code: number, fullScaleA: number): number {
  return (code / 4095) * fullScaleA;
}
