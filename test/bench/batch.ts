// `npm run bench:batch [-- --units N] [--mixed-units M] [--out DIR]`: a population through the station
// on two simulated rigs. First N good units (population-good: realistic spread, no defects), then M
// units of the mixed population (3 % of each defect kind); every verdict is scored against the
// truth the simulator logged (sim-truth.jsonl). Prints a confusion table per defect kind and the
// units per hour (wall). Targets (issue 20): 1,000 good units with 0 false fails in ≤ 10 min on
// 2 cores; every injected defect caught with the right cause.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { textTable } from '../../host/cli/text-table.js';
import { SIM_TRUTH_FILE, type SimTruthLine } from '../../host/session/mount-serial-unit.js';
import { openStation } from '../../host/station/open-station.js';
import { StationConfig } from '../../host/station/station-config.js';
import type { StationEvent } from '../../host/station/station-events.js';
import { scoreBatch, type KindScore } from './batch-score.js';
import { defaultRigSimulators } from '../../host/simulators/default-simulators.js';

const scenarios = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));
const GOOD_SCENARIO = join(scenarios, 'population-good-831-1104-10mm2.yaml');
const MIXED_SCENARIO = join(scenarios, 'population-mixed-831-1104-10mm2.yaml');
const RIGS = 2;
/** The figure for the good batch: 1,000 units within 10 minutes of wall time. */
const TARGET_UNITS = 1000;
const TARGET_WALL_S = 600;

interface BatchResult {
  name: string;
  units: number;
  wallS: number;
  /** The machine's 5-minute load average at the end: other work on the same cores slows the batch. */
  loadAverage: number;
  scores: KindScore[];
}

async function runBatch(name: string, scenarioFile: string, serialPrefix: string, units: number, dir: string): Promise<BatchResult> {
  const results = join(dir, name);
  const config = StationConfig.parse({
    station: `bench-${name}`,
    plan: 'production-qc',
    dut: '831-1104/322-004',
    conductor: '10mm2-fine',
    results,
    simulators: 'threads',
    rigs: Array.from({ length: RIGS }, (_, i) => ({ name: `R${i + 1}`, port: `sim:${scenarioFile}` })),
  });
  const finished: Extract<StationEvent, { event: 'unit-finished' }>[] = [];
  const { station, slots, plan } = await openStation(config, (e) => void (e.event === 'unit-finished' && finished.push(e)), () => undefined, { simulators: defaultRigSimulators });
  process.stderr.write(`bench:batch: ${name}: ${units} units on ${RIGS} simulated rigs (production-qc, fast mode)\n`);
  const t0 = performance.now();
  for (let i = 1; i <= units; i++) station.submit(`${serialPrefix}-${String(i).padStart(5, '0')}`);
  await station.finish();
  const wallS = (performance.now() - t0) / 1000;
  await Promise.all(slots.map((s) => s.close()));
  const truthFile = join(results, SIM_TRUTH_FILE);
  // No file: no unit was mounted (--units 0).
  const lines = existsSync(truthFile) ? readFileSync(truthFile, 'utf8').trim().split('\n') : [];
  const truths = lines.map((line) => JSON.parse(line) as SimTruthLine);
  return { name, units, wallS, loadAverage: loadavg()[1]!, scores: scoreBatch(plan, truths, finished) };
}

function report(batch: BatchResult): string {
  // The good batch has no defect kinds to show; the mixed one shows every kind, injected or not.
  const withDefects = batch.scores.some((s) => s.kind !== 'none' && s.units > 0);
  const rows = batch.scores
    .filter((s) => (s.kind === 'none' ? s.units > 0 : withDefects))
    .map((s) => (s.kind === 'none' ? ['good (no defect)', String(s.units), '–', '–', '–', String(s.falseFails)] : [s.kind, String(s.units), String(s.caught), String(s.wrongCause), String(s.missed), '–']));
  const perHour = (batch.units * 3600) / batch.wallS;
  const notes = batch.scores.flatMap((s) => s.notes).map((n) => `  ${n}\n`).join('');
  return (
    `\n${batch.name}: ${batch.units} units in ${batch.wallS.toFixed(1)} s wall on ${RIGS} rigs, ${availableParallelism()} CPUs (load average ${batch.loadAverage.toFixed(1)}): ${perHour.toFixed(0)} units/h\n` +
    textTable(['defect kind', 'injected', 'caught (right cause)', 'caught (wrong cause)', 'missed', 'false fails'], rows) +
    (notes ? `not as expected:\n${notes}` : '')
  );
}

const { values } = parseArgs({
  options: { units: { type: 'string', default: String(TARGET_UNITS) }, 'mixed-units': { type: 'string' }, out: { type: 'string' } },
});
const count = (text: string, option: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${option}: value "${text}": a whole number of units ≥ 0`);
  return n;
};
const goodUnits = count(values.units!, '--units');
const mixedUnits = count(values['mixed-units'] ?? values.units!, '--mixed-units');
const dir = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'clampbench-bench-batch-'));
try {
  // A batch of 0 units (--units 0 or --mixed-units 0) is left out.
  if (goodUnits > 0) {
    const good = await runBatch('good', GOOD_SCENARIO, 'G', goodUnits, dir);
    process.stdout.write(report(good));
    const goodFalse = good.scores.reduce((sum, s) => sum + s.falseFails, 0);
    const projectedS = (good.wallS / good.units) * TARGET_UNITS;
    process.stdout.write(
      `good batch: ${goodFalse} false fails (target 0); ${TARGET_UNITS} units would take ${(projectedS / 60).toFixed(1)} min at this rate (target ≤ ${TARGET_WALL_S / 60} min)\n`,
    );
  }
  if (mixedUnits > 0) {
    const mixed = await runBatch('mixed', MIXED_SCENARIO, 'M', mixedUnits, dir);
    process.stdout.write(report(mixed));
    const defective = mixed.scores.filter((s) => s.kind !== 'none');
    const injected = defective.reduce((sum, s) => sum + s.units, 0);
    const caught = defective.reduce((sum, s) => sum + s.caught, 0);
    const falseFails = mixed.scores.reduce((sum, s) => sum + s.falseFails, 0);
    process.stdout.write(`mixed batch: ${caught} of ${injected} injected defects caught with the right cause (target all); ${falseFails} false fails\n`);
  }
  if (values.out) process.stdout.write(`results and truth logs in ${dir}\n`);
} finally {
  if (!values.out) rmSync(dir, { recursive: true, force: true });
}
