import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import five from 'johnny-five';
import firmataIo, { type Firmata } from 'firmata-io';

/** How long (wall time) a board may take to answer the Firmata handshake: an Uno resets on open, and StandardFirmata blinks its version for ~2.1 s before it sends it. */
const FIRMATA_READY_TIMEOUT_MS = 8000;
/** Ask for the version this long after opening when the board has not sent it (a board that did not reset). */
const REPORT_VERSION_AFTER_MS = 2500;

/** The board did not become a ready johnny-five Board. */
class FirmataConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FirmataConnectError';
  }
}

/**
 * A johnny-five Board on firmata-io over an open byte stream (a SerialPortStream). Resolves once
 * the board has sent its version and firmware name and answered the capability and analog
 * mapping queries. johnny-five's REPL, debug log and SIGINT handler (which exits the process) are
 * off: the CLI makes the rig safe on SIGINT itself.
 */
export async function connectFirmataBoard(stream: Duplex, where: string, samplingIntervalMs: number, timeoutMs = FIRMATA_READY_TIMEOUT_MS): Promise<{ board: five.Board; io: Firmata }> {
  const io = new firmataIo.Firmata(stream, { reportVersionTimeout: REPORT_VERSION_AFTER_MS, samplingInterval: samplingIntervalMs });
  const board = new five.Board({ io, repl: false, debug: false, sigint: false, timeout: timeoutMs * 2 } as five.BoardOption);
  // johnny-five passes 'ready' on only after the io's 'connect', which firmata-io echoes from the
  // port's 'open': this port opened before firmata-io listened, so say it here.
  if ((stream as Duplex & { isOpen?: boolean }).isOpen !== false) io.emit('connect');
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new FirmataConnectError(
              `no Firmata answer from ${where} within ${timeoutMs} ms at 57600 baud: is StandardFirmata flashed on the board (README: "The Firmata rig")? A board running clampbench's own firmware is opened without --rig firmata`,
            ),
          ),
        timeoutMs,
      );
      // @types/johnny-five declares `on` only; the Board is an EventEmitter.
      const events = board as unknown as EventEmitter;
      events.once('ready', () => resolve());
      events.once('error', (error: Error) => reject(new FirmataConnectError(`${where}: ${error.message}`)));
    });
  } finally {
    clearTimeout(timer);
  }
  return { board, io };
}
