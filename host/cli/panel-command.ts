import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_LISTEN, parseListen } from '../panel/panel-access.js';
import { openPanel } from '../panel/open-panel.js';
import { defaultRigSimulators } from '../simulators/default-simulators.js';
import { checkResultsFolder } from '../results/results-folder-check.js';
import { isoWithOffset } from '../runner/iso-time.js';
import { loadStationConfig, StationConfig } from '../station/station-config.js';
import { allowUncalibratedOption } from './calibration-option.js';
import { portOption, RECONNECT_WAIT_MAX_S, rigOption } from './port-option.js';
import { identifierProblem } from '../shared/identifier-text.js';
import { numberOption, textOption, UsageError } from '../shared/usage-error.js';

interface PanelOptions {
  port: string;
  rig: string;
  config?: string;
  listen: string;
  plan: string;
  dut: string;
  conductor: string;
  operator?: string;
  station: string;
  scenario?: string;
  out: string;
  realtime: boolean;
  reconnectWait: number;
  allowUncalibrated?: string;
}

export function registerPanelCommand(program: Command): void {
  program
    .command('panel')
    .description('Operator panel in the browser: a serial-number field for the scanner, start and abort, a lamp and the measured values per pole, the force curve live during pulls, prompts as dialogs, PASS/FAIL, the last results with their reports and CSV files. Operators run the plan set here; nothing on the page changes a plan, limit, calibration or rig setting.')
    .addOption(portOption())
    .addOption(rigOption())
    .option('--config <station.yaml>', 'a station file (rigs, plan, DUT, conductor, results, retest policy) instead of --port and the plan options')
    .option('--listen <address:port>', 'where the page is served; off 127.0.0.1/localhost a token is made, shown once, and needed in the URL', DEFAULT_LISTEN)
    .option('--plan <name|file>', 'test plan: a built-in name (production-qc, production-qc-electrical, type-test) or a plan file', 'production-qc')
    .option('--dut <part|file>', 'device under test: a part number or a DUT spec file', '831-1104/322-004')
    .option('--conductor <id>', 'conductor, e.g. 10mm2-fine, 6mm2-solid, 8awg-stranded', '10mm2-fine')
    .option('--operator <name>', 'who runs the tests, for the record', textOption('--operator', (text) => identifierProblem('operator', text)))
    .option('--station <name>', 'test station, for the record', textOption('--station', (text) => identifierProblem('station name', text)), 'panel')
    .option('--scenario <file>', 'simulator scenario (DUT twin and faults), same as --port sim:<file>')
    .option('--out <dir>', 'results directory', 'results')
    .option('--realtime', 'run the simulator at real-time speed (default: as fast as it goes)', false)
    .addOption(allowUncalibratedOption())
    .addOption(
      new Option('--reconnect-wait <s>', "how long a rig whose port closed (a pulled cable) or that rebooted is tried again in the background before it is given up; the unit it was testing ends ERROR and can be started again once it is back")
        .default(60)
        .argParser(numberOption('--reconnect-wait', 0, RECONNECT_WAIT_MAX_S)),
    )
    .addHelpText(
      'after',
      `
Examples:
  clampbench panel                                   # simulated rig, page on http://127.0.0.1:8420/
  clampbench panel --realtime                        # the same at the rig's real pace (a demo)
  clampbench panel --port /dev/ttyACM0 --operator ana --plan type-test
  clampbench panel --config station.yaml             # every rig of a station, one card each
  clampbench panel --listen 0.0.0.0:8420             # a touch screen on the line's network: URL with a token
Ctrl-C stops: running units end ABORTED and the rigs are made safe.`,
    )
    .action(async (options: PanelOptions, command: Command) => {
      const given = ONE_RIG_OPTIONS.filter((o) => command.getOptionValueSource(o.key) === 'cli').map((o) => o.flag);
      process.exitCode = await panelCommand(options, given);
    });
}

/** What a station file says for itself: with --config these options are refused rather than ignored. */
const ONE_RIG_OPTIONS = [
  ['port', '--port'],
  ['rig', '--rig'],
  ['scenario', '--scenario'],
  ['plan', '--plan'],
  ['dut', '--dut'],
  ['conductor', '--conductor'],
  ['operator', '--operator'],
  ['station', '--station'],
  ['out', '--out'],
  ['realtime', '--realtime'],
  ['reconnectWait', '--reconnect-wait'],
].map(([key, flag]) => ({ key: key!, flag: flag! }));

async function panelCommand(options: PanelOptions, oneRigOptionsGiven: string[]): Promise<number> {
  const listen = parseListen(options.listen);
  if (options.config && oneRigOptionsGiven.length > 0) {
    throw new UsageError(`--config: a station file names its own rigs, plan, DUT, conductor and results; leave out ${oneRigOptionsGiven.join(', ')}`);
  }
  if (options.scenario && options.port !== 'sim') {
    throw new UsageError(`--scenario: value "${options.scenario}" only applies to --port sim (the port given is "${options.port}")`);
  }
  const config = options.config ? loadStationConfig(options.config) : oneRigStation(options);
  checkResultsFolder(config.results, options.config ? 'results (station file)' : '--out');
  const log = (line: string): void => void process.stderr.write(`${isoWithOffset(new Date())} ${line}\n`);
  const panel = await openPanel(config, listen, log, defaultRigSimulators);
  // One write: a program that reads the URL gets the warning with it.
  const tokenNote = panel.token
    ? `  reachable from the network: the token in this URL is needed for every request and is shown only now${listen.host === '0.0.0.0' || listen.host === '::' ? ` (put this machine's address in place of ${listen.host})` : ''}\n`
    : '';
  process.stdout.write(`clampbench panel: open ${panel.url}\n${tokenNote}`);
  const cause = await new Promise<string>((resolveStop) => {
    process.once('SIGINT', () => resolveStop('SIGINT: stopped by the operator'));
    process.once('SIGTERM', () => resolveStop('SIGTERM: stopped'));
  });
  log(`${cause}: running units end ABORTED, the rigs are made safe`);
  await panel.close(cause);
  // stdin is not read, but a terminal keeps it open.
  process.stdin.destroy();
  return 0;
}

/** `--port`: a station of one rig, whatever the station file would say made from the options. */
function oneRigStation(options: PanelOptions): StationConfig {
  const port = options.scenario ? `sim:${resolve(options.scenario)}` : options.port.startsWith('sim:') ? `sim:${resolve(options.port.slice(4))}` : options.port;
  return StationConfig.parse({
    station: options.station,
    ...(options.operator ? { operator: options.operator } : {}),
    plan: options.plan,
    dut: options.dut,
    conductor: options.conductor,
    results: resolve(options.out),
    rigs: [{ name: 'rig', port, rig: options.rig }],
    retest: { maxAttempts: 1 },
    reconnectWaitS: options.reconnectWait,
    realtime: options.realtime,
    ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
  });
}
