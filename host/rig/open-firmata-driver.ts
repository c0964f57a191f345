import { loadFirmataRigDefinition, type FirmataRigDefinition } from '../../rigs/firmata-continuity/rig-definition.js';
import { openTransport, type Transport } from '../transport/open-transport.js';
import { parseSimPath } from '../transport/sim-binding.js';
import type { CreateSimulatedBoard, SimulatedBoard } from '../shared/simulated-board.js';
import { connectFirmataBoard } from './firmata/connect-firmata-board.js';
import { FirmataDriver } from './firmata/firmata-driver.js';
import type { OpenedRig } from './opened-rig.js';

export interface OpenFirmataDriverOptions<Board extends SimulatedBoard = SimulatedBoard> {
  /** The rig file (pins, gains, resolution); default rigs/firmata-continuity/rig.yaml. */
  rigFile?: string;
  realtime?: boolean;
  /** Default the rig file's board.baud (StandardFirmata: 57600). */
  baudRate?: number;
  /** The simulator behind a `sim` port for this rig's set-up (the CLI plugs in the rig's own). */
  simulator?: (rig: FirmataRigDefinition) => Promise<CreateSimulatedBoard<Board>>;
}

/**
 * Open the StandardFirmata continuity rig on `port` (a device path, `auto`, or `sim` / `sim:<scenario>`:
 * StandardFirmata itself in the simulator, with this rig's hardware and the DUT twin on its pins),
 * make johnny-five's Board on it and wrap that in a FirmataDriver; `driver.close()` closes the port.
 */
export async function openFirmataDriver<Board extends SimulatedBoard = SimulatedBoard>(port: string, options: OpenFirmataDriverOptions<Board> = {}): Promise<OpenedRig<FirmataDriver, Board>> {
  const rig = loadFirmataRigDefinition(options.rigFile);
  const createSimulator = parseSimPath(port) && options.simulator ? await options.simulator(rig) : undefined;
  const transport = await openTransport<Board>(port, {
    baudRate: options.baudRate ?? rig.board.baud,
    realtime: options.realtime ?? false,
    ...(createSimulator ? { createSimulator } : {}),
  });
  return driverOn(rig, transport);
}

/** A Firmata board keeps no calibration date; its simulator carries one (the rig file's, unless a test sets another). */
function calDateOf(sim: SimulatedBoard | undefined): { calDate: number } | Record<string, never> {
  const calDate = (sim as { calDate?: unknown } | undefined)?.calDate;
  return typeof calDate === 'number' ? { calDate } : {};
}

async function driverOn<Board extends SimulatedBoard>(rig: FirmataRigDefinition, transport: Transport<Board>): Promise<OpenedRig<FirmataDriver, Board>> {
  try {
    const { board, io } = await connectFirmataBoard(transport.stream, transport.where, rig.adc.samplingIntervalMs);
    const driver = await FirmataDriver.create({ rig, board, io, clock: transport.clock, where: transport.where, closePort: () => transport.close(), ...calDateOf(transport.sim) });
    // A pulled cable closes the port with an error: what runs stops as "link lost", and the run can wait for the rig.
    transport.stream.on('close', (error: Error | null) => {
      if (error) driver.portLost(`the port closed: ${error.message}`);
    });
    transport.stream.on('error', () => undefined);
    return { driver, transport, reopen: async () => driverOn(rig, await transport.reopen()) };
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw error;
  }
}
