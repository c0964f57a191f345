/** Outputs of the 74HC595 relay chain, decoded into what each byte switches. */
export interface RelayOutputs {
  /** Bit k connects pole k+1 to the current source and the sense amplifier. */
  kelvinMask: number;
  /** Bit k drives pole k+1's near end through the isolation series resistor. */
  isoDriveMask: number;
  /** Bits 0-3 channel (0-7 near end of pole 1-8, 8-15 far-end terminal 1-8), bit 4 enable. */
  muxByte: number;
}

/**
 * Chain of 74HC595 shift registers: bytes shifted in push the older ones down the chain, and
 * the latch (RCLK) rising edge copies the chain to the outputs. The byte shifted last sits in
 * the register nearest the MCU.
 */
export class ShiftRegisterChain {
  private readonly chain: number[];
  private latched: RelayOutputs = { kelvinMask: 0, isoDriveMask: 0, muxByte: 0 };

  constructor(private readonly chainBytes: number) {
    this.chain = new Array<number>(chainBytes).fill(0);
  }

  /** One byte clocked in over SPI (MOSI). Returns the MISO byte (QH' is not wired back: 0). */
  shiftIn(byte: number): number {
    this.chain.shift();
    this.chain.push(byte & 0xff);
    return 0;
  }

  /** RCLK rising edge. */
  latch(): RelayOutputs {
    const n = this.chainBytes;
    this.latched = {
      kelvinMask: this.chain[n - 1] ?? 0,
      isoDriveMask: this.chain[n - 2] ?? 0,
      muxByte: this.chain[n - 3] ?? 0,
    };
    return this.latched;
  }

  get outputs(): RelayOutputs {
    return this.latched;
  }
}

/** Mux byte decoded: which node the isolation sense input sees, if any. */
export interface MuxSelection {
  enabled: boolean;
  /** 'near' = near end of `pole`, 'far' = far-end terminal `pole`. */
  end: 'near' | 'far';
  pole: number;
  /** Byte 2 bit 5: the insulation relay (rig.yaml isolation.insulation) is closed. */
  insulation: boolean;
}

export function decodeMuxByte(muxByte: number): MuxSelection {
  const channel = muxByte & 0x0f;
  return {
    enabled: (muxByte & 0x10) !== 0,
    end: channel < 8 ? 'near' : 'far',
    pole: (channel & 0x07) + 1,
    insulation: (muxByte & 0x20) !== 0,
  };
}
