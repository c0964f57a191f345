import { resolve } from 'node:path';
import type { Command } from 'commander';
import { calibrateWalk, handsOnFixture, type CalibrationFixture } from '../calibration/calibrate-walk.js';
import { AnswerError, CalibrationAbortedError, scriptedTechnician, terminalTechnician, type Technician } from '../calibration/technician.js';
import { readYamlFile } from '../shared/load-data-file.js';
import { checkResultsFolder } from '../results/results-folder-check.js';
import { UnoPullCalibrationPort } from '../rig/uno-pull-calibration.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import type { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { openRig } from '../rig/open-rig.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import { portOption } from './port-option.js';
import { UsageError } from '../shared/usage-error.js';

interface CalibrateOptions {
  port: string;
  answers?: string;
  out: string;
  realtime: boolean;
}

export function registerCalibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .description(
      'Calibrate the Uno pull rig: tare and span of the load cell with a known weight, a current check against a reference ammeter and a resistance check against a reference resistor, as found and as left; then the date and checksum go to the rig and a calibration record to <out>/calibrations/. Nothing is written to the rig before you confirm.',
    )
    .addOption(portOption())
    .option('--answers <file>', 'answers from a YAML or JSON file instead of the terminal (automation, tests); a missing or wrong answer exits 2 before anything is written')
    .option('--out <dir>', 'results directory (the record goes to <dir>/calibrations/)', 'results')
    .option('--realtime', 'run the simulator at real-time speed (default: as fast as it goes)', false)
    .addHelpText(
      'after',
      `
Examples:
  clampbench calibrate --port /dev/ttyACM0                 # prompts on the terminal
  clampbench calibrate --port sim --answers cal.yaml       # the simulated rig, answers from a file

Answers file (every key; on the simulator the weight and resistor are applied by the simulator itself):
  technician: J. Doe
  weight: { id: W-100N-01, certificate: DKD-K-12345, value: 10.1972 kg, uncertaintyN: 0.02 }   # or value: 100 N
  resistor: { id: R-1m-02, certificate: C-2026-118, milliohm: 1.000, pole: 7 }
  ammeter: { id: AM-04, certificate: C-2026-119, asFoundA: 5.002, asLeftA: 5.001 }             # its held readings
  confirm: yes                                             # write the calibration to the rig

Tolerances, interval and check current: rigs/uno-pull/rig.yaml, calibration. See docs/calibration.md.
Exit code: 0 calibrated (every as-left check passed), 1 as-left check failed (the rig is then marked
never calibrated), 2 not confirmed, aborted, bad answers or no usable rig.`,
    )
    .action(async (options: CalibrateOptions) => {
      process.exitCode = await calibrateCommand(options);
    });
}

async function calibrateCommand(options: CalibrateOptions): Promise<number> {
  const answers = options.answers === undefined ? undefined : readYamlFile(options.answers);
  if (answers === undefined && !process.stdin.isTTY) throw new UsageError('--answers: required without a terminal on stdin, since nobody could answer the calibration questions');
  checkResultsFolder(options.out, '--out');
  const definition = loadRigDefinition();
  const rig = await openRig(options.port, { realtime: options.realtime, createSimulator: createUnoPullSimulator });
  const write = (text: string): void => void process.stdout.write(text);
  const technician: Technician = answers === undefined ? terminalTechnician(process.stdin, process.stdout) : scriptedTechnician(answers, options.answers ?? '', write);
  try {
    const { info } = rig.identity;
    const result = await calibrateWalk({
      port: new UnoPullCalibrationPort(rig.client, rig.transport.clock),
      technician,
      fixture: rig.transport.sim ? simulatorFixture(rig.transport.sim) : handsOnFixture,
      rig: { id: info.rigId, firmwareVersion: info.firmwareVersion, protocol: `${info.protocolMajor}.${info.protocolMinor}`, where: rig.transport.where, capacityN: info.capacityN, poles: info.poles },
      figures: definition.calibration,
      resultsDir: resolve(options.out),
    });
    if (result.record === null) return 2;
    return result.record.result === 'pass' ? 0 : 1;
  } catch (error) {
    if (error instanceof AnswerError) throw new UsageError(`--answers: ${error.message}; nothing was written to the rig`);
    if (error instanceof CalibrationAbortedError) {
      process.stderr.write(`clampbench: ${error.message}; nothing unconfirmed was written to the rig\n`);
      return 2;
    }
    throw error;
  } finally {
    technician.close();
    await rig.close();
  }
}

/** On the simulated rig the simulator hangs the weight and wires the resistor (their certified values are its truth). */
function simulatorFixture(sim: UnoPullSimulator): CalibrationFixture {
  return {
    hangWeight: (forceN) => sim.setDeadWeight(forceN),
    wireResistor: (pole, milliohm) => sim.setReferenceResistor(pole, milliohm),
  };
}
