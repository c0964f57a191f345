import { LineClient } from '../link/line-client.js';
import { openTransport, type OpenTransportOptions, type Transport } from '../transport/open-transport.js';

/** An open, handshaken rig: the byte transport, the link on it, and what the rig said it is. */
export interface OpenRig {
  transport: Transport;
  client: LineClient;
  identity: Awaited<ReturnType<LineClient['connect']>>;
  close(): Promise<void>;
}

/** How long to wait for a boot banner before asking INFO (an Uno resets on open and boots in ~0.5 s). */
const BANNER_WAIT_MS = 2500;

/** Open `--port` (sim, sim:<scenario>, a path, auto), put the link on it and handshake; refusals throw. */
export async function openRig(port: string, options: OpenTransportOptions = {}): Promise<OpenRig> {
  const transport = await openTransport(port, options);
  const client = new LineClient(transport.stream, { clock: transport.clock, requestTimeoutMs: 2000 });
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
