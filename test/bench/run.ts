// `npm run bench`: figures of the firmware, the simulator, the link, the station, the panel and the CSV export, printed as a table.
// Figures, not assertions: targets are judged from these numbers in the issue notes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRig } from '../../host/rig/open-rig.js';
import { openTransport } from '../../host/transport/open-transport.js';
import { parseIntelHex } from '../../rigs/uno-pull/sim/intel-hex.js';
import { ATMEGA328P_FLASH_BYTES } from '../../rigs/uno-pull/sim/machine.js';
import { defaultHexFile } from '../../rigs/uno-pull/sim/simulator.js';
import { exportFigures } from './export.js';
import { historyYield } from './history-yield.js';
import { lostDoneFigure, noisyLineFigures } from './noisy-line.js';
import { productionQcTiming } from './production-qc.js';
import { panelFigures } from './panel.js';
import { pullStream } from './pull-stream.js';
import { roundTrips } from './round-trip.js';
import { simulatorSpeed } from './sim-speed.js';
import { stationFigures } from './station.js';
import { figure, formatTable, type Figure } from './table.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

const PINGS = 200;
const rows: Figure[] = [];
// `npm run bench -- --only link`: firmware size and the link figures (round trips, pull stream) alone.
// `npm run bench -- --only noise [--units N]`: production-qc on a line with 1e-2 bit errors per byte (100 units).
const argv = process.argv.slice(2).join(' ');
const onlyLink = argv.includes('--only link');
const onlyNoise = argv.includes('--only noise');
// `npm run bench -- --only sim`: firmware size and the simulator's speed (fast mode, real-time idle).
const onlySim = argv.includes('--only sim');
const noiseUnits = Number(/--units (\d+)/.exec(argv)?.[1] ?? 100);
const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

function firmwareSize(): Figure {
  const image = parseIntelHex(readFileSync(defaultHexFile, 'utf8'), ATMEGA328P_FLASH_BYTES);
  let used = image.length;
  while (used > 0 && image[used - 1] === 0xff) used--;
  return figure('firmware flash image', used, 'bytes', 'committed .hex (RAM: see `npm run firmware`)', `≤ ${ATMEGA328P_FLASH_BYTES - 512}`);
}

/** `clampbench sim --pty` in a child process, as a user runs it; resolves with the PTY path and a stop function. */
async function ptySimulator(): Promise<{ ptyPath: string; stop: () => void }> {
  const ptyPath = join(mkdtempSync(join(tmpdir(), 'clampbench-bench-')), 'rig');
  const bin = fileURLToPath(new URL('../../host/cli/bin.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'sim', '--pty', ptyPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<boolean>((resolve) => {
    child.stdout.once('data', () => resolve(true));
    child.once('exit', () => resolve(false));
  });
  if (!ready) throw new Error('clampbench sim --pty did not start (is socat installed?)');
  return { ptyPath, stop: () => void child.kill('SIGTERM') };
}

rows.push(firmwareSize());

if (onlyNoise) {
  progress('a damaged DONE line (fast mode)');
  rows.push(await lostDoneFigure());
  progress(`production-qc on a line with 1e-2 bit errors per byte: ${noiseUnits} units (fast mode)`);
  rows.push(...(await noisyLineFigures(noiseUnits, progress)));
  process.stdout.write(`${formatTable(rows)}\n`);
  process.exit(0);
}

if (!onlyLink) {
  progress('simulator speed (fast mode; real-time idle)');
  rows.push(...(await simulatorSpeed()));
}
if (onlySim) {
  process.stdout.write(`${formatTable(rows)}\n`);
  process.exit(0);
}

progress('in-process round trips and pull stream (real time)');
{
  const transport = await openTransport('sim', { createSimulator: createUnoPullSimulator, realtime: true });
  rows.push(...(await roundTrips('in process (real-time sim)', transport, PINGS, '≤ 1.1')));
  await transport.close();
  const rig = await openRig('sim', { createSimulator: createUnoPullSimulator, realtime: true });
  rows.push(...(await pullStream('in process (real-time sim)', rig, 5000)));
  await rig.close();
}

if (!onlyLink) {
  progress('production-qc timing (real time)');
  rows.push(...(await productionQcTiming(3)));

  progress('station throughput with 1, 2 and 4 simulated rigs (fast mode)');
  rows.push(...(await stationFigures()));

  progress('operator panel: a scripted page over HTTP against the station alone (fast mode)');
  rows.push(...(await panelFigures()));

  progress('CSV export (child processes)');
  rows.push(...(await exportFigures()));

  progress('first-pass yield over 100,000 units (SQLite history)');
  rows.push(...historyYield());
}

progress('PTY round trips and pull stream (clampbench sim --pty, real time)');
try {
  const pty = await ptySimulator();
  try {
    const transport = await openTransport(pty.ptyPath);
    rows.push(...(await roundTrips('over a socat PTY', transport, PINGS, '≤ 1.5')));
    await transport.close();
    const rig = await openRig(pty.ptyPath);
    await rig.client.request('SET', ['watchdogMs', 1000]);
    rows.push(...(await pullStream('over a socat PTY', rig, 5000)));
    await rig.close();
  } finally {
    pty.stop();
  }
} catch (error) {
  rows.push(figure('over a socat PTY', 'not measured', '', (error as Error).message));
}

process.stdout.write(`${formatTable(rows)}\n`);
