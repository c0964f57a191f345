/** The clampbench firmware's line speed (PROTOCOL.md section 1); a Firmata rig runs at its own. */
export const RIG_BAUD = 115200;
/** Beyond this relative error a real UART link garbles (the AVR's own divider is already 2.1 % off). */
const BAUD_TOLERANCE = 0.03;

/** True when a host at `baudRate` cannot talk to a board whose UART runs at `boardBaud`. */
export function baudMismatch(baudRate: number, boardBaud: number = RIG_BAUD): boolean {
  return Math.abs(baudRate - boardBaud) / boardBaud > BAUD_TOLERANCE;
}

const LINE_FEED = 0x0a;

/**
 * What a UART at `baudRate` makes of bytes sent at the board's rate: deterministic noise, every
 * byte mapped into 0x80..0xff by a rate-dependent affine map (the high bit, as the receiver
 * samples the idle stop level where it expects data bits). Line feeds pass, so the link sees
 * whole lines of junk — the "bytes arrive, no line decodes" signature of a wrong baud rate —
 * instead of one unbounded line. Real hardware drops or adds bytes too; this keeps 1:1 so tests
 * stay exact.
 */
export function garble(bytes: Uint8Array, baudRate: number): Buffer {
  const key = Math.round(baudRate) % 127;
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    out[i] = byte === LINE_FEED ? LINE_FEED : 0x80 | ((byte * 37 + key) & 0x7f);
  }
  return out;
}
