import type { CreateSimulatedBoard } from '../../../host/shared/simulated-board.js';
import { UnoPullSimulator } from './simulator.js';

/** The Uno pull rig's simulator with the port's scenario (`sim`: the default one): what the CLI plugs in for a `sim` port. */
export const createUnoPullSimulator: CreateSimulatedBoard<UnoPullSimulator> = (scenarioFile, mode) =>
  new UnoPullSimulator({ mode, ...(scenarioFile === undefined ? {} : { scenario: scenarioFile }) });
