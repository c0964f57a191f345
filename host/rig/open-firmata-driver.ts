import { loadFirmataRigDefinition, type FirmataRigDefinition } from '../../rigs/firmata-continuity/rig-definition.js';
import { FirmataSimulator } from '../../rigs/firmata-continuity/sim/firmata-simulator.js';
import { standardFirmataHexFile } from '../../rigs/firmata-continuity/sim/standard-firmata-hex.js';
import { openTransport, type Transport } from '../transport/open-transport.js';
import { parseSimPath } from '../transport/sim-binding.js';
import { connectFirmataBoard } from './firmata/connect-firmata-board.js';
import { FirmataDriver } from './firmata/firmata-driver.js';
import type { OpenedRig } from './opened-rig.js';

export interface OpenFirmataDriverOptions {
  /** The rig file (pins, gains, resolution); default rigs/firmata-continuity/rig.yaml. */
  rigFile?: string;
  realtime?: boolean;
  /** Default the rig file's board.baud (StandardFirmata: 57600). */
  baudRate?: number;
}

/**
 * Open the StandardFirmata continuity rig on `port` (a device path, `auto`, or `sim` / `sim:<scenario>`:
 * StandardFirmata itself in the simulator, with this rig's hardware and the DUT twin on its pins),
 * make johnny-five's Board on it and wrap that in a FirmataDriver; `driver.close()` closes the port.
 */
export async function openFirmataDriver(port: string, options: OpenFirmataDriverOptions = {}): Promise<OpenedRig<FirmataDriver, FirmataSimulator>> {
  const rig = loadFirmataRigDefinition(options.rigFile);
  // The simulator runs the real StandardFirmata image, fetched once into a cache (not ours to commit).
  const hexPath = parseSimPath(port) ? await standardFirmataHexFile() : null;
  const transport = await openTransport<FirmataSimulator>(port, {
    baudRate: options.baudRate ?? rig.board.baud,
    realtime: options.realtime ?? false,
    createSimulator: (scenarioFile, mode) => new FirmataSimulator({ rig, mode, hexPath, ...(scenarioFile === undefined ? {} : { scenario: scenarioFile }) }),
  });
  return driverOn(rig, transport);
}

async function driverOn(rig: FirmataRigDefinition, transport: Transport<FirmataSimulator>): Promise<OpenedRig<FirmataDriver, FirmataSimulator>> {
  try {
    const { board, io } = await connectFirmataBoard(transport.stream, transport.where, rig.adc.samplingIntervalMs);
    const driver = await FirmataDriver.create({ rig, board, io, clock: transport.clock, where: transport.where, closePort: () => transport.close(), ...(transport.sim ? { calDate: transport.sim.calDate } : {}) });
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
