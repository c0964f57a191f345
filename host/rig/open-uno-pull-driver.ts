import type { OpenTransportOptions, Transport } from '../transport/open-transport.js';
import { connectRig, openRig, type OpenRig } from '../cli/open-rig.js';
import { UnoPullDriver } from './uno-pull-driver.js';

export interface OpenUnoPullDriver {
  driver: UnoPullDriver;
  /** The byte transport (its clock is the simulator's for `sim`, so the runner waits in the firmware's time). */
  transport: Transport;
}

/** Open `port` (sim, sim:<scenario>, a path, auto), handshake, and wrap the rig in a driver; `driver.close()` closes the port. */
export async function openUnoPullDriver(port: string, options: OpenTransportOptions = {}): Promise<OpenUnoPullDriver> {
  return driverOn(await openRig(port, options));
}

/** The same rig again after its port went away or it rebooted: reopen the port, handshake, new driver. */
export async function reopenUnoPullDriver(transport: Transport): Promise<OpenUnoPullDriver> {
  return driverOn(await connectRig(await transport.reopen()));
}

async function driverOn(rig: OpenRig): Promise<OpenUnoPullDriver> {
  try {
    const driver = await UnoPullDriver.create(rig.client, rig.identity, rig.transport.where, rig.close);
    return { driver, transport: rig.transport };
  } catch (error) {
    await rig.close().catch(() => undefined);
    throw error;
  }
}
