import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { resolvePlan } from '../plans/resolve-plan.js';
import { openUnoPullDriver } from '../rig/open-uno-pull-driver.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';
import { calibrationRecordFinder } from '../results/calibration/calibration-records.js';
import { checkResultsFolder } from '../results/results-folder-check.js';
import { AIAG_POOL_ABOVE_P } from '../study/grr/crossed-anova.js';
import { GrrStudyStopped, runGrrStudy } from '../study/grr/run-study.js';
import { defaultOffsetsMilliohm, DEFAULT_INSERTION_SD_MILLIOHM } from '../study/grr/simulated-operators.js';
import { studyFolderName, writeStudyFiles } from '../study/grr/study-files.js';
import { defaultStepId, targetProblem } from '../study/grr/study-target.js';
import { parseSimPath } from '../transport/sim-binding.js';
import { allowUncalibratedOption } from './calibration-option.js';
import { autoConfirmCliOperator, terminalOperator } from './cli-operator.js';
import { portOption } from './port-option.js';
import { studySummary } from './study-summary.js';
import { checkCount, defaultOperatorNames, defaultPartSerials, integerOption, numberListOption, operatorNamesOption, SEED_MAX, serialsOption, STUDY_RANGES } from './study-options.js';
import { numberOption, UsageError } from '../shared/usage-error.js';

interface GrrOptions {
  port: string;
  scenario?: string;
  plan: string;
  dut: string;
  conductor: string;
  step?: string;
  measurement: string;
  pole: number;
  parts: number;
  operators: number;
  trials: number;
  operatorNames?: string[];
  serials?: string[];
  tolerance?: number;
  seed?: number;
  poolAboveP: number;
  operatorOffsetsMilliohm?: number[];
  insertionSdMilliohm?: number[];
  unitSeedBase: number;
  out: string;
  yes: boolean;
  allowUncalibrated?: string;
}

/** The simulated population a study on plain `--port sim` measures: the good unit with its spread. */
const SPREAD_SCENARIO = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/good-831-1104-10mm2-spread.yaml', import.meta.url));
const SIM_ONLY = ['operatorOffsetsMilliohm', 'insertionSdMilliohm'] as const;

export function registerStudyCommand(program: Command): void {
  const study = program.command('study').description('Measurement system studies: how much of what the rig measures is the rig and its operators.');
  const { parts, operators, trials } = STUDY_RANGES;
  study
    .command('grr')
    .description(
      'Crossed gauge R&R study (AIAG MSA 4th ed., ANOVA method): parts × operators × trials runs of one measurement, each kept as a run record; ' +
        'then repeatability, reproducibility, %GRR of the total variation and of the tolerance, ndc, and study.json, measurements.csv, study.html.',
    )
    .addOption(portOption())
    .option('--scenario <file>', 'simulator scenario, same as --port sim:<file> (default for a study: the good unit with its spread, good-831-1104-10mm2-spread.yaml)')
    .option('--plan <name|file>', 'plan whose step is studied', 'production-qc')
    .option('--dut <part|file>', 'device under test', '831-1104/322-004')
    .option('--conductor <id>', 'conductor', '10mm2-fine')
    .option('--step <id>', "the plan's pole step to study (default: its first voltage-drop step)")
    .option('--measurement <name>', 'the measurement of that step (drop, resistance, …)', 'drop')
    .option('--pole <n>', 'the pole to study', integerOption('--pole', 1, 64), 1)
    .option('--parts <n>', `parts (${parts.min}–${parts.max})`, integerOption('--parts', parts.min, parts.max), parts.default)
    .option('--operators <n>', `operators (${operators.min}–${operators.max})`, integerOption('--operators', operators.min, operators.max), operators.default)
    .option('--trials <n>', `trials per part and operator (${trials.min}–${trials.max})`, integerOption('--trials', trials.min, trials.max), trials.default)
    .option('--operator-names <list>', 'operators, comma-separated, one per --operators (default A,B,C,…)', operatorNamesOption)
    .option('--serials <list>', 'part serial numbers, comma-separated, one per --parts (default GRR-P01,GRR-P02,…)', serialsOption)
    .option('--tolerance <width>', "tolerance width (USL − LSL) in the measurement's unit for %tolerance (default: from the measurement's limits in the plan; one limit: 3 σ against its distance from the mean)", numberOption('--tolerance', 1e-12, 1e12))
    .option('--seed <n>', `seed of the random run order (and of the simulated insertions); default drawn and recorded (0–${SEED_MAX})`, integerOption('--seed', 0, SEED_MAX))
    .option('--pool-above-p <p>', 'pool the part×operator interaction into repeatability when its p-value is above this', numberOption('--pool-above-p', 0, 1), AIAG_POOL_ABOVE_P)
    .option('--operator-offsets-milliohm <list>', 'simulator: each operator\'s mean contact-resistance shift per insertion, mΩ, one per operator (default evenly over ±0.006)', numberListOption('--operator-offsets-milliohm', -1, 1))
    .option('--insertion-sd-milliohm <list>', `simulator: scatter of one insertion, mΩ, one per operator or one for all (default ${DEFAULT_INSERTION_SD_MILLIOHM})`, numberListOption('--insertion-sd-milliohm', 0, 1))
    .option('--unit-seed-base <n>', 'simulator: part n is the scenario\'s unit with seed base + n', integerOption('--unit-seed-base', 0, SEED_MAX - 100), 0)
    .option('--out <dir>', 'results directory (run folders and the study folder)', 'results')
    .option('--yes', 'real rig: confirm every mounting prompt automatically (a fixture that swaps parts by itself)', false)
    .addOption(allowUncalibratedOption())
    .addHelpText(
      'after',
      `
Examples:
  clampbench study grr                                      # 10 × 3 × 3 on the simulated population, voltage drop of pole 1
  clampbench study grr --parts 3 --operators 2 --trials 2 --seed 7
  clampbench study grr --measurement resistance --pole 2 --operator-offsets-milliohm -0.01,0,0.01
  clampbench study grr --port /dev/ttyACM0 --operator-names ana,ben,cy --serials U-101,U-102,U-103,U-104,U-105,U-106,U-107,U-108,U-109,U-110
On a real rig each run starts with a prompt naming the operator and the part to mount (Enter when done, a to abort).
Every run is kept like any other (journal, run.json, report.html, history) in --out; the study folder
<time>-grr-<step>-<measurement>-pole<n> beside them holds study.json, measurements.csv and study.html.
Acceptance (AIAG): %GRR < 10 % acceptable, 10–30 % may be acceptable by application, > 30 % not; ndc ≥ 5.
Exit code: 0 the study finished (whatever its figures), 2 bad input, a refused rig, or a run without a value (the study stops; its runs are kept).`,
    )
    .action(async (options: GrrOptions) => {
      process.exitCode = await grrCommand(options);
    });
}

async function grrCommand(options: GrrOptions): Promise<number> {
  if (options.scenario && options.port !== 'sim') throw new UsageError(`--scenario: value "${options.scenario}" only applies to --port sim (the port given is "${options.port}")`);
  const port = options.scenario ? `sim:${options.scenario}` : options.port === 'sim' ? `sim:${SPREAD_SCENARIO}` : options.port;
  const sim = parseSimPath(port);
  for (const name of SIM_ONLY) {
    if (!sim && options[name] !== undefined) throw new UsageError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: only applies to the simulator (the port given is "${port}")`);
  }
  const operatorNames = checkCount('--operator-names', options.operatorNames, options.operators, '--operators') ?? defaultOperatorNames(options.operators);
  const partSerials = checkCount('--serials', options.serials, options.parts, '--parts') ?? defaultPartSerials(options.parts);
  const offsets = checkCount('--operator-offsets-milliohm', options.operatorOffsetsMilliohm, options.operators, '--operators') ?? defaultOffsetsMilliohm(options.operators);
  const insertionSds = checkCount('--insertion-sd-milliohm', options.insertionSdMilliohm, options.operators, '--operators', true) ?? offsets.map(() => DEFAULT_INSERTION_SD_MILLIOHM);
  if (!options.yes && !process.stdin.isTTY && !sim) throw new UsageError('--yes: required without a terminal on stdin, since nobody could answer the mounting prompts');
  checkResultsFolder(options.out, '--out');
  const seed = options.seed ?? randomInt(0, 2 ** 31);

  const write = (text: string): void => void process.stdout.write(text);
  const { driver, transport } = await openUnoPullDriver(port, { createSimulator: createUnoPullSimulator });
  const operator = sim || options.yes || !process.stdin.isTTY ? autoConfirmCliOperator(write) : terminalOperator(process.stdin, process.stdout);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const plan = resolvePlan({ plan: options.plan, dut: options.dut, conductor: options.conductor, rig: driver });
    const stepId = options.step ?? defaultStepId(plan);
    if (stepId === null) throw new UsageError(`--step: plan ${plan.name} has no voltage-drop step to study by default; name a pole step`);
    const target = { stepId, measurement: options.measurement, pole: options.pole };
    const problem = targetProblem(plan, target);
    if (problem) throw new UsageError(problem);
    if (transport.sim && !transport.sim.scenario.spread) write(`warning: scenario ${transport.sim.scenario.name} has no spread: every part is the same unit, so part-to-part variation is 0\n`);
    const resultsDir = resolve(options.out);
    write(`gauge R&R: ${target.measurement} of ${target.stepId}, pole ${target.pole}; ${options.parts} parts × ${options.operators} operators × ${options.trials} trials, seed ${seed}; rig ${driver.identity.rigId} on ${transport.where}\n`);
    const startedAt = new Date();
    const study = await runGrrStudy({
      driver,
      clock: transport.clock,
      plan,
      target,
      design: { parts: options.parts, operators: options.operators, trials: options.trials, seed },
      operatorNames,
      partSerials,
      ...(options.tolerance === undefined ? {} : { tolerance: { kind: 'two-sided' as const, width: options.tolerance, source: '--tolerance' } }),
      poolAboveP: options.poolAboveP,
      resultsDir,
      input: { plan: options.plan, dut: options.dut, conductor: options.conductor, ...(sim?.scenarioFile ? { scenario: resolve(sim.scenarioFile) } : {}), rigKind: 'uno-pull' },
      operator,
      ...(transport.sim
        ? { simulated: { sim: transport.sim, scenario: transport.sim.scenario.name, operators: offsets.map((offsetMilliohm, i) => ({ offsetMilliohm, insertionSdMilliohm: insertionSds[i]! })), unitSeedBase: options.unitSeedBase } }
        : {}),
      write,
      signal: controller.signal,
      calibrationRecordOf: calibrationRecordFinder(resultsDir),
      ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
    });
    const files = await writeStudyFiles(resolve(resultsDir, studyFolderName(startedAt, study.target)), study);
    write(`\n${studySummary(study)}`);
    for (const file of files) write(`wrote ${file}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof GrrStudyStopped)) throw error;
    process.stderr.write(`clampbench: study stopped at ${error.message}; ${error.runs.length} run(s) finished, kept in ${resolve(options.out)}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
    operator.close?.();
    await driver.close();
    transport.sim?.stop();
  }
}
