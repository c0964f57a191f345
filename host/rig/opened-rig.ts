import type { SimulatedBoard } from '../shared/simulated-board.js';
import type { Transport } from '../transport/open-transport.js';
import type { RigDriver } from './rig-driver.js';

/** A rig of any kind, open and handshaken: its driver, the port under it, and how to open the same rig again. */
export interface OpenedRig<Driver extends RigDriver = RigDriver, Board extends SimulatedBoard = SimulatedBoard> {
  driver: Driver;
  /** The byte transport (its clock is the simulator's for `sim`, so the runner waits in the rig's time). */
  transport: Transport<Board>;
  /** The same rig again after its port went away or it rebooted: reopen the port, handshake, new driver. Throws while it is not back. */
  reopen(): Promise<OpenedRig<Driver, Board>>;
}
