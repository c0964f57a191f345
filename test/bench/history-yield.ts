// Yield query over 100,000 units in the SQLite history: `node --import tsx test/bench/history-yield.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRow } from '../../host/results/export-rows.js';
import { firstPassYield } from '../../host/results/history/first-pass-yield.js';
import { HistoryDb } from '../../host/results/history/history-db.js';
import { figure, formatTable, percentile, type Figure } from './table.js';

const UNITS = 100_000;
/** One unit in twenty is retested once: 105,000 runs. */
const RETEST_EVERY = 20;

function run(i: number, serial: number, retest: boolean): RunRow {
  const startedMs = Date.UTC(2026, 0, 1) + i * 12_000;
  const pass = retest || serial % RETEST_EVERY !== 0;
  return {
    runId: `run-${i}`,
    serial: `SN-${serial}`,
    plan: serial % 10 === 0 ? 'type-test' : 'production-qc',
    planHash: 'bench',
    dut: '831-1104/322-004',
    conductor: '10mm2-fine',
    rigId: `RIG-${serial % 4}`,
    firmwareVersion: '0.1.0',
    protocol: '1.0',
    calDate: '2026-11-01',
    calDue: null,
    forRelease: true,
    operator: null,
    station: null,
    startedAt: new Date(startedMs).toISOString(),
    endedAt: new Date(startedMs + 12_000).toISOString(),
    durationMs: 12_000,
    simDurationMs: null,
    outcome: pass ? 'PASS' : 'FAIL',
    cause: pass ? null : 'pole 2 Voltage drop (continuity): drop above limit',
    failingPoles: pass ? '' : '2',
    failingSteps: pass ? '' : 'pole 2 continuity',
    measurementCount: 0,
    decisionRule: 'simple',
  };
}

export function historyYield(): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-history-'));
  try {
    const history = HistoryDb.open(join(dir, 'history.sqlite'));
    const t0 = performance.now();
    const fill = history.connection.transaction(() => {
      let i = 0;
      for (let serial = 0; serial < UNITS; serial++) {
        history.importRows({ run: run(i++, serial, false), measurements: [], samples: [] }, `bench-${i}`, 0);
        if (serial % RETEST_EVERY === 0) history.importRows({ run: run(i++, serial, true), measurements: [], samples: [] }, `bench-${i}`, 0);
      }
    });
    fill();
    history.recomputeFirstAttempts();
    const fillMs = performance.now() - t0;
    const times = (query: () => unknown): number[] =>
      Array.from({ length: 7 }, () => {
        const start = performance.now();
        query();
        return performance.now() - start;
      });
    const all = times(() => firstPassYield(history, {}));
    const byRig = times(() => firstPassYield(history, { plan: 'production-qc' }, 'rig'));
    const [total] = firstPassYield(history, {});
    history.close();
    const how = `${UNITS.toLocaleString('en')} units (+${UNITS / RETEST_EVERY} retests), median of 7`;
    return [
      figure('history fill: 105,000 runs imported + first attempts marked', fillMs / 1000, 's', 'one transaction'),
      figure('yield query, all runs', percentile(all, 50), 'ms', how, '≤ 100'),
      figure('yield query, one plan, by rig', percentile(byRig, 50), 'ms', how, '≤ 100'),
      figure('first-pass yield found', ((total?.firstPassYield ?? 0) * 100).toFixed(2), '%', 'expected 95.00 (1 in 20 failed first)'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(formatTable(historyYield()));
