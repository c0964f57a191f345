import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { checkResultsFolder } from '../results/results-folder-check.js';
import { isoWithOffset } from '../runner/iso-time.js';
import { openStation } from '../station/open-station.js';
import { defaultRigSimulators } from '../simulators/default-simulators.js';
import { loadStationConfig } from '../station/station-config.js';
import type { StationEvent } from '../station/station-events.js';
import { serialProblem } from '../station/serial-number.js';
import { exitCodeFor } from './run-summary.js';
import { textOption } from '../shared/usage-error.js';

interface StationOptions {
  config: string;
  serial?: string;
  fifo?: string;
  log?: string;
}

export function registerStationCommand(program: Command): void {
  program
    .command('station')
    .description('Production-line station: serial numbers in (a barcode scanner types a line on stdin), each unit tested on the next free rig, JSON Lines events on stdout for the line controller, a human log on stderr.')
    .requiredOption('--config <file>', 'station file (YAML): rigs and ports, plan, DUT, conductor, results folder, retest policy')
    .option('--serial <text>', 'single-unit mode: test this one unit (with its retests) and exit 0 PASS, 1 FAIL, 2 error', textOption('--serial', (text) => serialProblem(text.trim())))
    .option('--fifo <path>', 'read serial numbers from this FIFO (or file) instead of stdin')
    .option('--log <file>', 'human-readable log to this file instead of stderr')
    .addHelpText(
      'after',
      `
Examples:
  clampbench station --config station.yaml                        # scanner on stdin, events on stdout
  clampbench station --config station.yaml --fifo /run/line3.fifo > events.jsonl
  clampbench station --config station.yaml --serial U-0042; echo $?   # PLC: one unit, exit code
Events: docs/station-events.schema.json (JSON Schema). kill -USR1 <pid> prints a shift summary; end of
input (Ctrl-D, FIFO closed) finishes the queued units, prints the shift summary and exits.`,
    )
    .action(async (options: StationOptions) => {
      process.exitCode = await stationCommand(options);
    });
}

async function stationCommand(options: StationOptions): Promise<number> {
  const config = loadStationConfig(options.config);
  checkResultsFolder(config.results, 'results (station file)');
  const logStream = options.log ? createWriteStream(options.log, { flags: 'a' }) : process.stderr;
  const log = (line: string): void => void logStream.write(`${isoWithOffset(new Date())} ${line}\n`);
  const emit = (event: StationEvent): void => void process.stdout.write(`${JSON.stringify(event)}\n`);

  const { station, slots } = await openStation(config, emit, log, { simulators: defaultRigSimulators });
  const onUsr1 = (): void => {
    emit(station.tally.summary());
    log(station.tally.text());
  };
  process.on('SIGUSR1', onUsr1);
  let stopCause = 'end of input';
  const source = options.serial !== undefined ? null : options.fifo ? createReadStream(options.fifo) : process.stdin;
  const lines = source ? createInterface({ input: source, crlfDelay: Infinity }) : null;
  const onSignal = (signal: string) => (): void => {
    stopCause = `${signal}: stopped by the operator`;
    log(`${signal}: stopping: running units end ABORTED, the rigs are made safe`);
    // No more input is read: the loop below ends, and what runs ends ABORTED.
    lines?.close();
    void station.stop(stopCause);
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  try {
    if (options.serial !== undefined) station.submit(options.serial);
    else if (lines) for await (const line of lines) station.submit(line);
    await station.finish();
  } finally {
    process.off('SIGUSR1', onUsr1);
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    emit(station.tally.summary());
    log(station.tally.text());
    await Promise.allSettled(slots.map((s) => s.close()));
    // stdin stays open after a signal; let go of it so the process can end.
    if (source === process.stdin) process.stdin.destroy();
    emit({ event: 'station-stopped', at: isoWithOffset(new Date()), cause: stopCause });
    if (logStream !== process.stderr) await new Promise<void>((resolve) => (logStream as NodeJS.WritableStream).end(() => resolve()));
  }
  const single = options.serial?.trim();
  if (single === undefined) return 0;
  const last = station.finished.filter((f) => f.serial === single).at(-1);
  return last ? exitCodeFor(last.outcome) : 2;
}

