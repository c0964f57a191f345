import type { OpenTransportOptions, Transport } from '../transport/open-transport.js';
import { openRig } from '../cli/open-rig.js';
import { UnoPullDriver } from './uno-pull-driver.js';

export interface OpenUnoPullDriver {
  driver: UnoPullDriver;
  /** The byte transport (its clock is the simulator's for `sim`, so the runner waits in the firmware's time). */
  transport: Transport;
}

/** Open `port` (sim, sim:<scenario>, a path, auto), handshake, and wrap the rig in a driver; `driver.close()` closes the port. */
export async function openUnoPullDriver(port: string, options: OpenTransportOptions = {}): Promise<OpenUnoPullDriver> {
  const rig = await openRig(port, options);
  try {
    const driver = await UnoPullDriver.create(rig.client, rig.identity, rig.transport.where, rig.close);
    return { driver, transport: rig.transport };
  } catch (error) {
    await rig.close().catch(() => undefined);
    throw error;
  }
}
