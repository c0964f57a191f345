/** Why a port could not be opened or chosen; the CLI maps it to a message and an exit code. */
export type TransportErrorReason = 'not-found' | 'busy' | 'permission' | 'no-rig' | 'several-rigs' | 'other';

/** Opening or choosing the byte stream to the rig failed; the message names the port and what to do. */
export class TransportError extends Error {
  readonly reason: TransportErrorReason;
  /** The port path or spec the error is about. */
  readonly port: string;
  constructor(reason: TransportErrorReason, port: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
    this.reason = reason;
    this.port = port;
  }
}
