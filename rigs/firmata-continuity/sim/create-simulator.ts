import type { CreateSimulatedBoard } from '../../../host/shared/simulated-board.js';
import type { FirmataRigDefinition } from '../rig-definition.js';
import { FirmataSimulator } from './firmata-simulator.js';
import { standardFirmataHexFile } from './standard-firmata-hex.js';

/**
 * The Firmata rig's simulator for this rig definition: StandardFirmata itself in avr8js with the rig's
 * hardware and the DUT twin on its pins. The image is fetched once into a cache (not ours to commit).
 */
export async function firmataSimulatorFor(rig: FirmataRigDefinition): Promise<CreateSimulatedBoard<FirmataSimulator>> {
  const hexPath = await standardFirmataHexFile();
  return (scenarioFile, mode) => new FirmataSimulator({ rig, mode, hexPath, ...(scenarioFile === undefined ? {} : { scenario: scenarioFile }) });
}
