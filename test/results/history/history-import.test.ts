import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryDb } from '../../../host/results/history/history-db.js';
import { firstPassYield } from '../../../host/results/history/first-pass-yield.js';
import { journaledRun, scenarioFile, type JournaledRun } from '../../support/journaled-run.js';

describe('history: journals imported into SQLite', () => {
  const results = mkdtempSync(join(tmpdir(), 'cb-history-'));
  const runs: JournaledRun[] = [];
  beforeAll(async () => {
    // SN-A passes; SN-B fails (short), then passes its retest; SN-C fails (high resistance).
    runs.push(await journaledRun('sim', results, 'SN-A'));
    runs.push(await journaledRun(`sim:${scenarioFile('short-1-3')}`, results, 'SN-B'));
    runs.push(await journaledRun('sim', results, 'SN-B'));
    runs.push(await journaledRun(`sim:${scenarioFile('high-resistance-pole-3')}`, results, 'SN-C'));
  }, 180_000);

  it('imports every journal; importing the same journals twice changes nothing', () => {
    const history = HistoryDb.open(join(results, 'history.sqlite'));
    try {
      expect(history.importFolder(results)).toEqual({ added: 4, updated: 0, unchanged: 0, failed: [] });
      const first = history.counts();
      const expectedMeasurements = runs.reduce((n, r) => n + [...r.record.unitSteps, ...r.record.poles.flatMap((p) => p.steps)].flatMap((s) => s.attempts.flatMap((a) => a.measurements)).length, 0);
      const expectedSamples = runs.reduce((n, r) => n + r.record.poles.flatMap((p) => p.steps).flatMap((s) => s.attempts.flatMap((a) => a.samples ?? [])).length, 0);
      expect(first).toEqual({ runs: 4, measurements: expectedMeasurements, samples: expectedSamples });
      expect(history.importFolder(results)).toEqual({ added: 0, updated: 0, unchanged: 4, failed: [] });
      expect(history.counts()).toEqual(first);
    } finally {
      history.close();
    }
    // A second connection, a fresh process's view: still the same.
    const again = HistoryDb.open(join(results, 'history.sqlite'));
    try {
      expect(again.importFolder(results).unchanged).toBe(4);
      expect(again.counts().runs).toBe(4);
    } finally {
      again.close();
    }
  });

  it('stores the values the runs measured, and the outcome and failing poles of each run', () => {
    const history = HistoryDb.open(join(results, 'history.sqlite'));
    try {
      history.importFolder(results);
      const stored = [...history.iterateMeasurements({ serial: 'SN-A' })].filter((m) => m.name === 'drop').map((m) => m.value);
      const measured = runs[0]?.record.poles.map((p) => p.steps[0]?.attempts[0]?.measurements.find((m) => m.name === 'drop')?.value);
      expect(stored).toEqual(measured);
      // U (k = 2) and the ILAC-G8 statement beside each value; the run's decision rule.
      const drops = [...history.iterateMeasurements({ serial: 'SN-A' })].filter((m) => m.name === 'drop');
      const recorded = runs[0]?.record.poles.map((p) => p.steps[0]?.attempts[0]?.measurements.find((m) => m.name === 'drop'));
      expect(drops.map((m) => [m.uncertainty, m.decision])).toEqual(recorded?.map((m) => [m?.uncertainty?.expanded, m?.decision]));
      expect(drops.every((m) => (m.uncertainty ?? 0) > 0)).toBe(true);
      expect(history.runs({ serial: 'SN-A' })[0]?.decisionRule).toBe('simple');
      const bySerial = history.runs({}).map((r) => `${r.serial}:${r.outcome}:${r.failingPoles}:${r.firstAttempt ? 'first' : 'retest'}`);
      expect(bySerial.sort()).toEqual(['SN-A:PASS::first', 'SN-B:FAIL:1 3:first', 'SN-B:PASS::retest', 'SN-C:FAIL:3:first']);
    } finally {
      history.close();
    }
  });

  it('first-pass yield counts the first run of each serial only: 1 of 3 units, one retest', () => {
    const history = HistoryDb.open(join(results, 'history.sqlite'));
    try {
      history.importFolder(results);
      expect(firstPassYield(history, {})).toEqual([{ group: 'all', runs: 4, units: 3, passedFirst: 1, firstPassYield: 1 / 3, retests: 1, incomplete: 0 }]);
      expect(firstPassYield(history, { serial: 'SN-B' })[0]).toMatchObject({ units: 1, passedFirst: 0, retests: 1 });
      expect(firstPassYield(history, {}, 'rig').map((y) => y.group)).toEqual(['CB-UNO-0001']);
    } finally {
      history.close();
    }
  });

  it('an interrupted run is imported as INCOMPLETE and replaced when its journal grows (resumed)', () => {
    const source = runs[0];
    if (!source) throw new Error('no run');
    const folder = join(results, 'zz-interrupted');
    mkdirSync(folder);
    const lines = readFileSync(join(source.dir, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
    const cut = lines.slice(0, 10).map((l) => l.replace(source.runId, 'run-interrupted').replace('"serial":"SN-A"', '"serial":"SN-D"'));
    writeFileSync(join(folder, 'journal.jsonl'), `${cut.join('\n')}\n`);
    const history = HistoryDb.open(join(results, 'history.sqlite'));
    try {
      expect(history.importFolder(results)).toMatchObject({ added: 1, unchanged: 4 });
      expect(history.runs({ serial: 'SN-D' })[0]).toMatchObject({ outcome: 'INCOMPLETE', endedAt: null });
      expect(firstPassYield(history, {})[0]).toMatchObject({ units: 3, incomplete: 1 });
      const whole = lines.map((l) => l.replace(source.runId, 'run-interrupted').replace('"serial":"SN-A"', '"serial":"SN-D"'));
      writeFileSync(join(folder, 'journal.jsonl'), `${whole.join('\n')}\n`);
      expect(history.importFolder(results)).toMatchObject({ added: 0, updated: 1, unchanged: 4 });
      expect(history.runs({ serial: 'SN-D' })[0]).toMatchObject({ outcome: 'PASS' });
      expect(history.counts().runs).toBe(5);
    } finally {
      history.close();
    }
  });

  it('a broken journal is reported by file and line, and the others still import', () => {
    const other = mkdtempSync(join(tmpdir(), 'cb-history-bad-'));
    mkdirSync(join(other, 'good'));
    copyFileSync(join(runs[0]?.dir ?? '', 'journal.jsonl'), join(other, 'good', 'journal.jsonl'));
    mkdirSync(join(other, 'bad'));
    writeFileSync(join(other, 'bad', 'journal.jsonl'), 'not json\n');
    const history = HistoryDb.open(join(other, 'history.sqlite'));
    try {
      const summary = history.importFolder(other);
      expect(summary.added).toBe(1);
      expect(summary.failed).toEqual([{ file: join(other, 'bad', 'journal.jsonl'), reason: `${join(other, 'bad', 'journal.jsonl')}, line 1: not valid JSON` }]);
    } finally {
      history.close();
    }
  });

  it('migrates a version 2 database (no uncertainty columns) in place, keeping its runs, and imports into it', () => {
    const other = mkdtempSync(join(tmpdir(), 'cb-history-v2-'));
    mkdirSync(join(other, 'a'));
    copyFileSync(join(runs[0]?.dir ?? '', 'journal.jsonl'), join(other, 'a', 'journal.jsonl'));
    const file = join(other, 'history.sqlite');
    // A version 2 database: this schema without the columns version 3 added, one run imported.
    const fresh = HistoryDb.open(file);
    fresh.importFolder(other);
    fresh.connection.exec('ALTER TABLE runs DROP COLUMN decision_rule; ALTER TABLE runs DROP COLUMN for_release; ALTER TABLE measurements DROP COLUMN uncertainty; ALTER TABLE measurements DROP COLUMN decision; ALTER TABLE measurements DROP COLUMN attempt_duration_ms; ALTER TABLE measurements DROP COLUMN attempt_sim_duration_ms;');
    fresh.connection.pragma('user_version = 2');
    fresh.close();
    const migrated = HistoryDb.open(file);
    try {
      expect(migrated.connection.pragma('user_version', { simple: true })).toBe(3);
      expect(migrated.counts().runs).toBe(1);
      // The run imported before has no uncertainty, as its import kept none.
      expect([...migrated.iterateMeasurements({})].length).toBeGreaterThan(0);
      expect([...migrated.iterateMeasurements({})].every((m) => m.uncertainty === null && m.decision === null)).toBe(true);
      mkdirSync(join(other, 'b'));
      copyFileSync(join(runs[2]?.dir ?? '', 'journal.jsonl'), join(other, 'b', 'journal.jsonl'));
      expect(migrated.importFolder(other).added).toBe(1);
      expect([...migrated.iterateMeasurements({})].some((m) => m.uncertainty !== null && m.decision === 'pass')).toBe(true);
    } finally {
      migrated.close();
    }
  });
});
