import { LineClient } from '../link/line-client.js';
import { openTransport, type OpenTransportOptions, type Transport } from '../transport/open-transport.js';
import type { SimulatedBoard } from '../shared/simulated-board.js';

/** An open, handshaken rig: the byte transport, the link on it, and what the rig said it is. */
export interface OpenRig<Board extends SimulatedBoard = SimulatedBoard> {
  transport: Transport<Board>;
  client: LineClient;
  identity: Awaited<ReturnType<LineClient['connect']>>;
  close(): Promise<void>;
}

/** How long to wait for a boot banner before asking INFO (an Uno resets on open and boots in ~0.5 s). */
const BANNER_WAIT_MS = 2500;

/** Open `--port` (sim, sim:<scenario>, a path, auto), put the link on it and handshake; refusals throw. */
export async function openRig<Board extends SimulatedBoard = SimulatedBoard>(port: string, options: OpenTransportOptions<Board> = {}): Promise<OpenRig<Board>> {
  return connectRig(await openTransport<Board>(port, options));
}

/**
 * Put the link on an open transport and handshake. When the port disconnects (a pulled cable) the
 * link closes at once with that reason, so waiting requests fail now instead of timing out.
 */
export async function connectRig<Board extends SimulatedBoard = SimulatedBoard>(transport: Transport<Board>): Promise<OpenRig<Board>> {
  const client = new LineClient(transport.stream, { clock: transport.clock, requestTimeoutMs: 2000 });
  transport.stream.on('close', (error: Error | null) => {
    if (error) client.close(`the port closed: ${error.message}`);
  });
  // Write errors after a disconnect are reported through 'close'; without a listener they would throw.
  transport.stream.on('error', () => undefined);
  const close = async (): Promise<void> => {
    client.close();
    await transport.close();
  };
  try {
    const identity = await client.connect({ bannerWaitMs: BANNER_WAIT_MS, where: transport.where });
    return { transport, client, identity, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
