import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolvePlan } from '../plans/resolve-plan.js';
import { openRigOfKind } from '../rig/rig-kind.js';
import { defaultRigSimulators } from '../simulators/default-simulators.js';
import type { RunInput } from '../results/journal/journal-line.js';
import { RunJournal } from '../results/journal/run-journal.js';
import { runFolderName } from '../results/run-folder.js';
import { parseSimPath } from '../transport/sim-binding.js';
import { baudOption, portOption, reconnectWaitOption, rigOption } from './port-option.js';
import { parseRigOption } from '../rig/rig-choice.js';
import { rigInput } from '../results/journal/rig-input.js';
import { checkResultsFolder } from '../results/results-folder-check.js';
import { runSession } from './run-session.js';
import { allowUncalibratedOption } from './calibration-option.js';
import { identifierProblem } from '../shared/identifier-text.js';
import { serialProblem } from '../station/serial-number.js';
import { textOption, UsageError } from '../shared/usage-error.js';

interface RunOptions {
  port: string;
  rig: string;
  baud?: number;
  plan: string;
  dut: string;
  conductor: string;
  serial?: string;
  operator?: string;
  station?: string;
  yes: boolean;
  skipOptional: boolean;
  scenario?: string;
  out: string;
  realtime: boolean;
  json: boolean;
  reconnectWait: number;
  allowUncalibrated?: string;
}

/** The simulator's unit has no label; a real one must be named, or its record could not be traced. */
const SIM_SERIAL = 'SIM-0001';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run a test plan on one unit: prompts, live display, a verdict per pole and step; every measurement journaled as it is made, then run.json and report.html.')
    .addOption(portOption())
    .addOption(rigOption())
    .addOption(baudOption())
    .addOption(reconnectWaitOption())
    .addOption(allowUncalibratedOption())
    .option('--plan <name|file>', 'test plan: a built-in name (production-qc, production-qc-electrical, type-test) or a plan file', 'production-qc')
    .option('--dut <part|file>', 'device under test: a part number or a DUT spec file', '831-1104/322-004')
    .option('--conductor <id>', 'conductor, e.g. 10mm2-fine, 6mm2-solid, 8awg-stranded', '10mm2-fine')
    .option('--serial <text>', `serial number of the unit (required on a real rig; ${SIM_SERIAL} on the simulator)`, textOption('--serial', serialProblem))
    .option('--operator <name>', 'who runs the test, for the record', textOption('--operator', (text) => identifierProblem('operator', text)))
    .option('--station <name>', 'test station, for the record', textOption('--station', (text) => identifierProblem('station name', text)))
    .option('--yes', 'confirm every operator prompt automatically (automation, a loaded fixture)', false)
    .option('--skip-optional', 'skip the optional steps of the plan', false)
    .option('--scenario <file>', 'simulator scenario (DUT twin and faults), same as --port sim:<file>')
    .option('--out <dir>', 'results directory', 'results')
    .option('--realtime', 'run the simulator at real-time speed (default: as fast as it goes)', false)
    .option('--json', 'print a JSON summary of the record on stdout (the live display goes to stderr)', false)
    .addHelpText(
      'after',
      `
Examples:
  clampbench run                                          # production-qc on the simulated rig
  clampbench run --port /dev/ttyACM0 --serial U-0017 --operator ana
  clampbench run --scenario rigs/uno-pull/sim/scenarios/swap-1-2.yaml --json
  clampbench run --plan type-test --skip-optional
  clampbench run --port /dev/ttyACM0 --serial U-0018 --yes --reconnect-wait 300   # line: wait 5 min for a replugged cable
  clampbench run --rig firmata --plan production-qc-electrical                     # StandardFirmata rig, simulated
  clampbench run --rig firmata --port /dev/ttyACM0 --plan production-qc-electrical --serial U-0019
  clampbench run --port /dev/ttyACM0 --serial U-0020 --allow-uncalibrated "span weight at the lab, QA ok J. Doe"   # NOT FOR RELEASE
Prompts: Enter when done, s to skip an optional step, a to abort. Ctrl-C stops the rig at once.
The rig's calibration is checked first: expired, never made or a checksum mismatch refuses the run (exit 2)
unless --allow-uncalibrated gives a reason.
Exit code: 0 PASS, 1 FAIL, 2 ERROR, ABORTED, refused or bad input.`,
    )
    .action(async (options: RunOptions) => {
      process.exitCode = await runCommand(options);
    });
}

async function runCommand(options: RunOptions): Promise<number> {
  if (options.scenario && options.port !== 'sim') {
    throw new UsageError(`--scenario: value "${options.scenario}" only applies to --port sim (the port given is "${options.port}")`);
  }
  const rigChoice = parseRigOption(options.rig);
  const port = options.scenario ? `sim:${options.scenario}` : options.port;
  const sim = parseSimPath(port);
  const simulated = sim !== null;
  const serial = options.serial ?? (simulated ? SIM_SERIAL : undefined);
  if (!serial) throw new UsageError(`--serial: required on a real rig (port "${port}"), so the record names the unit it belongs to`);
  if (!options.yes && !process.stdin.isTTY && !simulated) {
    throw new UsageError('--yes: required without a terminal on stdin, since nobody could answer the operator prompts');
  }

  checkResultsFolder(options.out, '--out');
  // The plan, DUT and conductor files are checked before the rig opens (an Uno resets on open, a
  // simulator boots): a mistake in them is told at once. The rig's own limits are checked after.
  resolvePlan({ plan: options.plan, dut: options.dut, conductor: options.conductor });
  const rig = await openRigOfKind(rigChoice, port, { realtime: options.realtime, simulators: defaultRigSimulators, ...(options.baud === undefined ? {} : { baudRate: options.baud }) });
  const { driver } = rig;
  let plan;
  try {
    plan = resolvePlan({ plan: options.plan, dut: options.dut, conductor: options.conductor, rig: driver });
  } catch (error) {
    await driver.close();
    throw error;
  }
  const dir = resolve(options.out, runFolderName(new Date(), serial));
  const input: RunInput = {
    plan: planInput(options.plan),
    dut: options.dut,
    conductor: options.conductor,
    ...(sim?.scenarioFile ? { scenario: resolve(sim.scenarioFile) } : {}),
    ...rigInput(rigChoice),
  };
  return runSession({
    rig,
    plan,
    serial,
    ...(options.operator ? { operatorName: options.operator } : {}),
    ...(options.station ? { station: options.station } : {}),
    skipOptional: options.skipOptional,
    yes: options.yes,
    json: options.json,
    reconnectWaitMs: options.reconnectWait * 1000,
    dir,
    resultsDir: resolve(options.out),
    ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
    openJournal: (stop) => RunJournal.create(dir, randomUUID(), input, { onFailure: (error) => stop(`cannot be written (${error.message})`) }),
  });
}

/** A plan given as a file is kept by its absolute path, so `resume` finds it from any folder. */
function planInput(plan: string): string {
  return existsSync(plan) ? resolve(plan) : plan;
}
