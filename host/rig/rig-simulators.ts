import type { FirmataRigDefinition } from '../../rigs/firmata-continuity/rig-definition.js';
import type { CreateSimulatedBoard } from '../shared/simulated-board.js';

/**
 * The simulators behind `sim` and `sim:<scenario file>` ports, one per rig kind. Whoever starts the
 * host plugs them in (the CLI passes host/simulators' defaults; a test may pass its own), so the rig,
 * link and transport layers never import a simulator.
 */
export interface RigSimulators {
  /** The Uno pull rig's simulator in this thread. */
  unoPull: CreateSimulatedBoard;
  /** The Uno pull rig's simulator in a worker thread of its own (a station with several simulated rigs). */
  unoPullInWorker: CreateSimulatedBoard;
  /** The Firmata rig's simulator for this rig file's pins and gains (may fetch StandardFirmata's image first). */
  firmata(rig: FirmataRigDefinition): Promise<CreateSimulatedBoard>;
}
