import type { OpenTransportOptions } from '../transport/open-transport.js';
import type { SimulatedBoard } from '../shared/simulated-board.js';
import { connectRig, openRig, type OpenRig } from './open-rig.js';
import type { OpenedRig } from './opened-rig.js';
import { UnoPullDriver } from './uno-pull-driver.js';

export type OpenUnoPullDriver<Board extends SimulatedBoard = SimulatedBoard> = OpenedRig<UnoPullDriver, Board>;

/** Open `port` (sim, sim:<scenario>, a path, auto), handshake, and wrap the rig in a driver; `driver.close()` closes the port. */
export async function openUnoPullDriver<Board extends SimulatedBoard = SimulatedBoard>(port: string, options: OpenTransportOptions<Board> = {}): Promise<OpenUnoPullDriver<Board>> {
  return driverOn(await openRig<Board>(port, options));
}

async function driverOn<Board extends SimulatedBoard>(rig: OpenRig<Board>): Promise<OpenUnoPullDriver<Board>> {
  try {
    const driver = await UnoPullDriver.create(rig.client, rig.identity, rig.transport.where, rig.close);
    const transport = rig.transport;
    return { driver, transport, reopen: async () => driverOn(await connectRig(await transport.reopen())) };
  } catch (error) {
    await rig.close().catch(() => undefined);
    throw error;
  }
}
