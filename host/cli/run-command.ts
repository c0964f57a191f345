import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { resolvePlan } from '../plans/resolve-plan.js';
import { openUnoPullDriver } from '../rig/open-uno-pull-driver.js';
import { safeFileName } from '../results/safe-file-name.js';
import { writeFileAtomic } from '../results/write-file-atomic.js';
import { runPlan } from '../runner/run-plan.js';
import { parseSimPath } from '../transport/sim-binding.js';
import { autoConfirmCliOperator, terminalOperator } from './cli-operator.js';
import { baudOption, portOption } from './port-option.js';
import { resultTable } from './result-table.js';
import { runDisplay } from './run-display.js';
import { exitCodeFor, runSummary } from './run-summary.js';
import { UsageError } from './usage-error.js';

interface RunOptions {
  port: string;
  baud: number;
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
}

/** The simulator's unit has no label; a real one must be named, or its record could not be traced. */
const SIM_SERIAL = 'SIM-0001';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run a test plan on one unit: prompts, live display, a verdict per pole and step; write the record (run.json).')
    .addOption(portOption())
    .addOption(baudOption())
    .option('--plan <name|file>', 'test plan: a built-in name (production-qc, type-test) or a plan file', 'production-qc')
    .option('--dut <part|file>', 'device under test: a part number or a DUT spec file', '831-1104/322-004')
    .option('--conductor <id>', 'conductor, e.g. 10mm2-fine, 6mm2-solid, 8awg-stranded', '10mm2-fine')
    .option('--serial <text>', `serial number of the unit (required on a real rig; ${SIM_SERIAL} on the simulator)`)
    .option('--operator <name>', 'who runs the test, for the record')
    .option('--station <name>', 'test station, for the record')
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
Prompts: Enter when done, s to skip an optional step, a to abort. Ctrl-C stops the rig at once.
Exit code: 0 PASS, 1 FAIL, 2 ERROR, ABORTED or bad input.`,
    )
    .action(async (options: RunOptions) => {
      process.exitCode = await runCommand(options);
    });
}

async function runCommand(options: RunOptions): Promise<number> {
  if (options.scenario && options.port !== 'sim') {
    throw new UsageError(`--scenario: value "${options.scenario}" only applies to --port sim (the port given is "${options.port}")`);
  }
  const port = options.scenario ? `sim:${options.scenario}` : options.port;
  const simulated = parseSimPath(port) !== null;
  const serial = options.serial ?? (simulated ? SIM_SERIAL : undefined);
  if (!serial) throw new UsageError(`--serial: required on a real rig (port "${port}"), so the record names the unit it belongs to`);
  if (!options.yes && !process.stdin.isTTY && !simulated) {
    throw new UsageError('--yes: required without a terminal on stdin, since nobody could answer the operator prompts');
  }

  // With --json, stdout carries only the summary; people read the display on stderr.
  const displayStream = options.json ? process.stderr : process.stdout;
  const write = (text: string): void => void displayStream.write(text);
  const { driver, transport } = await openUnoPullDriver(port, { realtime: options.realtime, baudRate: options.baud });
  const interactive = !options.yes && process.stdin.isTTY === true;
  const operator = interactive ? terminalOperator(process.stdin, displayStream) : autoConfirmCliOperator(write);
  const controller = new AbortController();
  const onSigint = (): void => {
    write('\nCtrl-C: stopping the rig\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const plan = resolvePlan({ plan: options.plan, dut: options.dut, conductor: options.conductor, rig: driver });
    write(`rig ${driver.identity.rigId} (firmware ${driver.identity.firmwareVersion}) on ${transport.where}\n`);
    const record = await runPlan(plan, driver, operator, {
      serial,
      ...(options.operator ? { operatorName: options.operator } : {}),
      ...(options.station ? { station: options.station } : {}),
      skipOptional: options.skipOptional,
      clock: transport.clock,
      signal: controller.signal,
      onEvent: runDisplay(write, displayStream.isTTY === true),
    });
    const dir = resolve(options.out, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeFileName(serial)}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'run.json');
    writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
    write(`\n${resultTable(record)}record written to ${file}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify(runSummary(record, file), null, 2)}\n`);
    return exitCodeFor(record.outcome);
  } finally {
    process.off('SIGINT', onSigint);
    operator.close?.();
    await driver.close();
  }
}
