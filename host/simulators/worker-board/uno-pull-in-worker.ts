import { PROTOCOL } from '../../../firmware-protocol/generated/codes.js';
import { loadRigDefinition } from '../../../rigs/uno-pull/rig-definition.js';
import { defaultScenarioFile, resolveScenarioForPoles } from '../../../rigs/uno-pull/sim/scenario.js';
import type { CreateSimulatedBoard } from '../../shared/simulated-board.js';
import { WorkerBoard } from './worker-board.js';

/**
 * For openTransport's createSimulator: the Uno pull rig's simulator in a worker thread. The scenario
 * is read here too, so a bad file is refused at once with its FileValidationError and the port's
 * description has the scenario's name.
 */
export const createUnoPullInWorker: CreateSimulatedBoard<WorkerBoard> = (scenarioFile, mode) => {
  const scenario = resolveScenarioForPoles(scenarioFile ?? defaultScenarioFile, loadRigDefinition().poles);
  return new WorkerBoard({ kind: 'uno-pull', mode, scenarioName: scenario.name, baud: PROTOCOL.baud, ...(scenarioFile === undefined ? {} : { scenarioFile }) });
};
