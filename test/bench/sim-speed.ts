import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRig } from '../../host/rig/open-rig.js';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { figure, type Figure } from './table.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS_PER_S = 100;
/** How long the idle real-time simulator is watched for its CPU use. */
const REALTIME_IDLE_WALL_MS = 10_000;
/** Production-qc units timed in fast mode (the first one warms the JIT up and is not counted). */
const FAST_UNITS = 3;
/** The hold of the long pull: IEC 60999-1's 60 s. */
const LONG_HOLD_MS = 60_000;

/** CPU ticks (user + system) a process has used so far, from /proc (Linux). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

/** `clampbench sim --pty` as a user runs it (a child process, real time, firmware idle): its share of one core. */
async function idlePtySimulatorCpuPct(): Promise<number | string> {
  const ptyPath = join(mkdtempSync(join(tmpdir(), 'clampbench-bench-')), 'rig');
  const bin = fileURLToPath(new URL('../../host/cli/bin.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'sim', '--pty', ptyPath], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const ready = await new Promise<boolean>((resolve) => {
      child.stdout.once('data', () => resolve(true));
      child.once('exit', () => resolve(false));
    });
    if (!ready || child.pid === undefined) return 'n/a (sim --pty did not start: socat missing?)';
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const ticks0 = cpuTicks(child.pid);
    const wall0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, REALTIME_IDLE_WALL_MS));
    const cpuMs = ((cpuTicks(child.pid) - ticks0) * 1000) / CLOCK_TICKS_PER_S;
    return (cpuMs / (performance.now() - wall0)) * 100;
  } finally {
    child.kill('SIGTERM');
  }
}

/** Simulated ms per wall ms of `run`, and the share of the CPU's cycles the firmware slept. */
async function timed(sim: UnoPullSimulator, run: () => Promise<unknown>): Promise<{ ratio: number; slept: number }> {
  const wall0 = performance.now();
  const sim0 = sim.timeMs;
  const slept0 = sim.stats.sleptCycles;
  await run();
  const simMs = sim.timeMs - sim0;
  return { ratio: simMs / (performance.now() - wall0), slept: (sim.stats.sleptCycles - slept0) / (simMs * 16_000) };
}

/** The type-test's temperature-rise step on pole 1 alone, fast mode: wall seconds, simulated seconds. */
async function temperatureRiseOnePole(): Promise<{ wallS: number; simS: number; ratio: number; slept: number }> {
  const { driver, transport } = await openUnoPullDriver('sim', { createSimulator: createUnoPullSimulator });
  const sim = transport.sim as UnoPullSimulator;
  try {
    const typeTest = resolvePlan({ plan: 'type-test', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: driver, poles: [1] });
    const plan = { ...typeTest, unitSteps: [], unitStepsAfter: [], poleSteps: typeTest.poleSteps.filter((step) => step.kind === 'temperature-rise') };
    const wall0 = performance.now();
    const sim0 = sim.timeMs;
    const { ratio, slept } = await timed(sim, () => runPlan(plan, driver, autoConfirmOperator, { serial: 'BENCH-HEAT', clock: transport.clock }));
    return { wallS: (performance.now() - wall0) / 1000, simS: (sim.timeMs - sim0) / 1000, ratio, slept };
  } finally {
    await driver.close();
  }
}

/** Fast mode: simulated time per wall time, idle, over production-qc units and over a 60 s hold; real-time mode: an idle rig's CPU use. */
export async function simulatorSpeed(): Promise<Figure[]> {
  const idleSim = new UnoPullSimulator({ mode: 'fast' });
  await idleSim.runFor(2000); // JIT warm-up
  const idle = await timed(idleSim, () => idleSim.runFor(30_000));

  const { driver, transport } = await openUnoPullDriver('sim', { createSimulator: createUnoPullSimulator });
  const sim = transport.sim as UnoPullSimulator;
  let unit = { ratio: 0, slept: 0 };
  try {
    const plan = resolvePlan({ plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: driver });
    const one = (): Promise<unknown> => runPlan(plan, driver, autoConfirmOperator, { serial: 'BENCH', clock: transport.clock });
    await one();
    unit = await timed(sim, async () => {
      for (let i = 1; i < FAST_UNITS; i++) await one();
    });
  } finally {
    await driver.close();
  }

  const heat = await temperatureRiseOnePole();

  const rig = await openRig('sim', { createSimulator: createUnoPullSimulator });
  let hold = { ratio: 0, slept: 0 };
  try {
    const { client } = rig;
    const simulator = rig.transport.sim as UnoPullSimulator;
    const homed = client.waitFor('done', (m) => m.operation === 'HOME', 30_000);
    const stopKeepAlive = client.startKeepAlive(100);
    await client.request('HOME');
    await homed;
    await client.request('POLE', [1]);
    const done = client.waitFor('done', (m) => m.operation === 'PULL', LONG_HOLD_MS + 60_000);
    hold = await timed(simulator, async () => {
      await client.request('PULL', [90, 10, LONG_HOLD_MS]);
      await done;
    });
    stopKeepAlive();
  } finally {
    await rig.close();
  }

  const idleCpuPct = await idlePtySimulatorCpuPct();

  const pct = (share: number): string => `${(share * 100).toFixed(1)} % of cycles slept`;
  return [
    figure('simulator speed, fast mode, firmware idle', idle.ratio, '× real time', `30 s simulated after 2 s warm-up; ${pct(idle.slept)}`, '≥ 20'),
    figure('simulator speed, fast mode, production-qc unit', unit.ratio, '× real time', `${FAST_UNITS - 1} units after a warm-up unit, runner in-process; ${pct(unit.slept)}`, '≥ 20'),
    figure('simulator speed, fast mode, 60 s hold', hold.ratio, '× real time', `PULL 90 N / 10 N/s / 60 s through SerialPortStream, samples + keep-alives; ${pct(hold.slept)}`, '≥ 20'),
    figure(
      'temperature rise to equilibrium, one pole',
      heat.wallS,
      's wall',
      `type-test's optional step at the rated 41 A, ${heat.simS.toFixed(0)} s simulated (${heat.ratio.toFixed(1)}× real time) until under 1 K/h over 600 s; ${pct(heat.slept)}`,
      '≤ 120',
    ),
    figure('idle simulated rig, real-time mode', idleCpuPct, '% of one core', `clampbench sim --pty in a child process, CPU from /proc over ${REALTIME_IDLE_WALL_MS / 1000} s wall, firmware idle`, '≤ 5'),
  ];
}
