import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../results/write-file-atomic.js';
import { safeFileName } from '../results/safe-file-name.js';
import { runQuickSequence, type QuickSequenceOptions } from '../sequence/quick-sequence.js';
import { openRig } from './open-rig.js';
import { baudOption, portOption } from './port-option.js';
import { UsageError, numberOption } from './usage-error.js';

interface RunOptions extends QuickSequenceOptions {
  port: string;
  baud: number;
  scenario?: string;
  serial: string;
  out: string;
  realtime: boolean;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run the test sequence on a rig: isolation and wiring map, voltage drop per pole, pull per pole; write the results.')
    .addOption(portOption())
    .addOption(baudOption())
    .option('--scenario <file>', 'simulator scenario (DUT twin and faults), same as --port sim:<file>; default: a good 831-1104/322-004 with 10 mm² conductors')
    .option('--serial <text>', 'serial number of the unit under test', 'SIM-0001')
    .option('--poles <n>', 'poles of the DUT', numberOption('--poles', 1, 8), 4)
    .option('--test-current-a <A>', 'voltage-drop test current (0.1 × IEC 60947-7-1 test current of 10 mm²)', numberOption('--test-current-a', 0.1, 50), 5.7)
    .option('--max-drop-mv <mV>', 'voltage-drop limit per pole (IEC 60947-7-1)', numberOption('--max-drop-mv', 0.001, 1000), 3.2)
    .option('--pull-force-n <N>', 'pull force (IEC 60999-1 for 10 mm²)', numberOption('--pull-force-n', 1, 250), 90)
    .option('--pull-rate-nps <N/s>', 'force ramp rate', numberOption('--pull-rate-nps', 0.1, 200), 30)
    .option('--hold-ms <ms>', 'hold time at the pull force (IEC 60999-1: 60000)', numberOption('--hold-ms', 0, 600_000), 5000)
    .option('--out <dir>', 'results directory', 'results')
    .option('--realtime', 'run the simulator at real-time speed (default: as fast as it goes)', false)
    .addHelpText(
      'after',
      `
Examples:
  clampbench run                                   # the default sequence on the simulated rig
  clampbench run --hold-ms 60000                   # the full 60 s IEC 60999-1 hold
  clampbench run --scenario rigs/uno-pull/sim/scenarios/swap-1-2.yaml --serial U-17
Exit code: 0 all PASS, 1 a FAIL, 2 bad input or a rig problem.`,
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
  const rig = await openRig(port, { realtime: options.realtime, baudRate: options.baud });
  const { client, transport } = rig;
  const startedAt = new Date();
  const t0 = transport.clock.now();
  try {
    const say = (text: string): void => void process.stdout.write(`[${((transport.clock.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);
    say(`rig on ${transport.where}`);
    const result = await runQuickSequence(client, options, say);
    const dir = resolve(options.out, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${safeFileName(options.serial)}`);
    mkdirSync(dir, { recursive: true });
    const record = {
      serial: options.serial,
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      port: transport.where,
      device: { firmwareVersion: rig.identity.firmwareVersion, protocol: `${rig.identity.protocolMajor}.${rig.identity.protocolMinor}`, rigId: rig.identity.rigId },
      options: { poles: options.poles, testCurrentA: options.testCurrentA, maxDropMv: options.maxDropMv, pullForceN: options.pullForceN, pullRateNps: options.pullRateNps, holdMs: options.holdMs },
      ...result,
    };
    const file = join(dir, 'run.json');
    writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
    say(`${result.verdict}: results written to ${file}`);
    return result.verdict === 'PASS' ? 0 : 1;
  } finally {
    await rig.close();
  }
}
