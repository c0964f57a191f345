// Station throughput: production-qc on 1, 2 and 4 simulated rigs in one station process (fast mode),
// units per hour and the scaling ratio, and the host's own CPU time per unit (the process's CPU
// less what the simulators' CPU models took).
// Run alone: `node --import tsx test/bench/station.ts` prints its own table.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStation } from '../../host/station/open-station.js';
import { StationConfig } from '../../host/station/station-config.js';
import type { StationEvent } from '../../host/station/station-events.js';
import type { SimulatedBoard } from '../../host/shared/simulated-board.js';
import { figure, formatTable, type Figure } from './table.js';
import { defaultRigSimulators } from '../../host/simulators/default-simulators.js';

/** Units per rig in each run: enough that the start and the last unit's tail weigh little. */
const UNITS_PER_RIG = 3;

interface RunFigures {
  rigs: number;
  units: number;
  wallS: number;
  unitsPerHour: number;
  hostCpuMsPerUnit: number;
  simCpuS: number;
}

async function runStation(rigs: number, dir: string, simulators: 'threads' | 'inline'): Promise<RunFigures> {
  const config = StationConfig.parse({
    station: `bench-${rigs}`,
    simulators,
    plan: 'production-qc',
    dut: '831-1104/322-004',
    conductor: '10mm2-fine',
    results: join(dir, `rigs-${rigs}`),
    rigs: Array.from({ length: rigs }, (_, i) => ({ name: `R${i + 1}`, port: 'sim' })),
  });
  const events: StationEvent[] = [];
  const { station, slots } = await openStation(config, (e) => events.push(e), () => undefined, { simulators: defaultRigSimulators });
  // What the simulators' CPU models took: in a worker its last reported figure, inline its stats.
  const sims = slots.map((s) => s.rig?.transport.sim as (SimulatedBoard & { runMs?: number; stats?: { runMs: number } }) | undefined);
  const simMs = (): number => sims.reduce((sum, sim) => sum + (sim?.runMs ?? sim?.stats?.runMs ?? 0), 0);
  const units = rigs * UNITS_PER_RIG;
  const cpu0 = process.cpuUsage();
  const sim0 = simMs();
  const t0 = performance.now();
  for (let i = 1; i <= units; i++) station.submit(`BENCH-${rigs}-${i}`);
  await station.finish();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const simCpuMs = simMs() - sim0;
  await Promise.all(slots.map((s) => s.close()));
  const failed = events.filter((e) => e.event === 'unit-finished' && e.outcome !== 'PASS');
  if (failed.length > 0) throw new Error(`station bench: ${failed.length} units did not PASS: ${JSON.stringify(failed[0])}`);
  return {
    rigs,
    units,
    wallS: wallMs / 1000,
    unitsPerHour: (units * 3_600_000) / wallMs,
    hostCpuMsPerUnit: ((cpu.user + cpu.system) / 1000 - simCpuMs) / units,
    simCpuS: simCpuMs / 1000,
  };
}

export async function stationFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-bench-station-'));
  try {
    const figures: Figure[] = [];
    for (const simulators of ['threads', 'inline'] as const) {
      const runs: RunFigures[] = [];
      for (const rigs of [1, 2, 4]) {
        process.stderr.write(`bench: station with ${rigs} simulated rig(s) (${simulators}), ${rigs * UNITS_PER_RIG} units of production-qc (fast mode)\n`);
        runs.push(await runStation(rigs, dir, simulators));
      }
      const one = runs[0]!;
      const where = simulators === 'threads' ? 'each simulator in its own worker thread' : "all simulators in the station's thread";
      figures.push(
        ...runs.flatMap((r) => [
          figure(
            `station (${simulators}): units per hour, ${r.rigs} rig${r.rigs > 1 ? 's' : ''}`,
            r.unitsPerHour,
            'units/h',
            `${r.units} units of production-qc in ${r.wallS.toFixed(1)} s, fast mode, ${where}, ${availableParallelism()} CPUs; the simulators' CPU models took ${r.simCpuS.toFixed(1)} s`,
          ),
          figure(`station (${simulators}): scaling, ${r.rigs} rigs ÷ 1`, r.unitsPerHour / one.unitsPerHour, '×', `ideal ${r.rigs}`),
          // In threads, the simulators' wall time overstates their CPU once they outnumber the cores: only the inline figure is clean.
          ...(simulators === 'inline'
            ? [figure(`station: host CPU per unit, ${r.rigs} rig${r.rigs > 1 ? 's' : ''}`, r.hostCpuMsPerUnit, 'ms', "process CPU less the simulators' CPU models (inline, one thread): runner, link, journal, run.json, report, history")]
            : []),
        ]),
      );
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${formatTable(await stationFigures())}\n`);
}
