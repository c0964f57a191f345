import { firmataSimulatorFor } from '../../rigs/firmata-continuity/sim/create-simulator.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import type { RigSimulators } from '../rig/rig-simulators.js';
import { createUnoPullInWorker } from './worker-board/uno-pull-in-worker.js';

/** The rigs' own simulators, as the CLI plugs them in behind `sim` ports. */
export const defaultRigSimulators: RigSimulators = {
  unoPull: createUnoPullSimulator,
  unoPullInWorker: createUnoPullInWorker,
  firmata: firmataSimulatorFor,
};
