import { SeededRandom } from '../../host/shared/seeded-random.js';
import type { MeasurementRow } from '../../host/results/export-rows.js';

/** Seeded, so every export of a bench writes the same rows. */
function random(seed: number): () => number {
  const source = new SeededRandom(seed);
  return () => source.uniform();
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** ISO 8601 with a +01:00 offset, as the runner writes it. */
const isoPlusOne = (ms: number): string => `${new Date(ms + 3_600_000).toISOString().slice(0, 23)}+01:00`;

/**
 * `count` measurement rows as the production-qc plan makes them on 4-pole units: isolation
 * (far-end terminal and shorts per pole), then per pole a voltage drop (drop, current,
 * resistance) and a pull (conductor held, peak force, slip). One unit in 40 fails a pull (a
 * cause with a comma), one in 200 has an open pole (a null value), a few are MARGINAL; slips go
 * slightly negative (-0.0063 mm), as the load cell's zero drifts.
 */
export function* synthMeasurementRows(count: number): Generator<MeasurementRow> {
  const next = random(0xc1a3b);
  const poles = 4;
  let emitted = 0;
  let startedMs = Date.UTC(2025, 2, 1, 8, 0, 0);
  for (let unitNo = 1; ; unitNo++) {
    const runId = `7f3c${(unitNo & 0xffff).toString(16).padStart(4, '0')}-0b1e-4c2a-9d5e-${unitNo.toString(16).padStart(12, '0')}`;
    const serial = `CB2503-${String(unitNo).padStart(6, '0')}`;
    // A literal per row, as better-sqlite3 makes them: `{ ...common, pole, … }` costs ~35 µs per
    // row on Node 20 (the spread clone then goes slow-path for each added property).
    const row = (pole: number, stepId: string, name: string, value: number | null, unit: string, low: number | null, high: number | null, verdict: MeasurementRow['verdict'], cause: string | null, measuredAt: string): MeasurementRow => ({
      runId, serial, plan: 'production-qc', rigId: 'uno-pull-01', pole, stepId, attempt: 1, name, value, unit, low, high, verdict, cause, measuredAt, uncertainty: null, decision: null, attemptDurationMs: 120, attemptSimDurationMs: null,
    });
    const openPole = unitNo % 200 === 0 ? 1 + (unitNo % poles) : 0;
    const weakPole = unitNo % 40 === 0 ? 1 + ((unitNo >> 3) % poles) : 0;
    let at = startedMs + 4_000;
    const rows: MeasurementRow[] = [];
    const measuredAt = isoPlusOne(at);
    for (let pole = 1; pole <= poles; pole++) {
      rows.push(row(pole, 'isolation', 'far-end-terminal', pole, '', pole, pole, 'PASS', null, measuredAt));
      rows.push(row(pole, 'isolation', 'shorted-poles', 0, '', null, 0, 'PASS', null, measuredAt));
    }
    for (let pole = 1; pole <= poles; pole++) {
      at += 180;
      const vdropAt = isoPlusOne(at);
      if (pole === openPole) {
        rows.push(row(pole, 'continuity', 'drop', null, 'mV', null, 3.2, 'FAIL', 'open circuit: test current not reached', vdropAt));
      } else {
        const currentA = round(2.4 + next() * 0.1, 3);
        const drop = round(1.4 + next() * 1.9, 3);
        const marginal = drop > 2.88;
        rows.push(row(pole, 'continuity', 'drop', drop, 'mV', null, 3.2, marginal ? 'MARGINAL' : 'PASS', marginal ? `voltage drop ${drop.toFixed(2)} mV within 10 % of its limit` : null, vdropAt));
        rows.push(row(pole, 'continuity', 'current', currentA, 'A', null, null, 'PASS', null, vdropAt));
        rows.push(row(pole, 'continuity', 'resistance', round(drop / currentA, 4), 'mΩ', null, null, 'PASS', null, vdropAt));
      }
      at += 2_900;
      const pullAt = isoPlusOne(at);
      const held = pole !== weakPole;
      const peakN = held ? round(45 + next() * 1.6, 2) : round(28 + next() * 10, 2);
      const cause = held ? null : `pull-out at ${peakN.toFixed(1)} N (< 45 N, IEC 60999-1 §9.5)`;
      rows.push(row(pole, 'pull-check', 'conductor-held', held ? 1 : 0, '', 1, null, held ? 'PASS' : 'FAIL', cause, pullAt));
      rows.push(row(pole, 'pull-check', 'peak-force', peakN, 'N', 45, null, held ? 'PASS' : 'FAIL', cause, pullAt));
      rows.push(row(pole, 'pull-check', 'slip', round(next() * 0.05 - 0.01, 4), 'mm', null, 0.5, 'PASS', null, pullAt));
    }
    for (const made of rows) {
      if (emitted === count) return;
      emitted++;
      yield made;
    }
    startedMs += 45_000;
  }
}
