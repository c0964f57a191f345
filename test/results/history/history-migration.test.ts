import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HistoryDb } from '../../../host/results/history/history-db.js';
import { HISTORY_SCHEMA, HISTORY_SCHEMA_VERSION } from '../../../host/results/history/schema.js';

describe('history schema migration', () => {
  it('a version-2 database gets the for_release (and uncertainty) columns in place, its runs kept, and reads back as version 3', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clampbench-history-')), 'history.sqlite');
    const old = new Database(file);
    // Version 2 is today's schema without the columns version 3 added at the ends of runs and measurements.
    old.exec(HISTORY_SCHEMA);
    old.exec('ALTER TABLE runs DROP COLUMN decision_rule; ALTER TABLE runs DROP COLUMN for_release; ALTER TABLE measurements DROP COLUMN uncertainty; ALTER TABLE measurements DROP COLUMN decision; ALTER TABLE measurements DROP COLUMN attempt_duration_ms; ALTER TABLE measurements DROP COLUMN attempt_sim_duration_ms;');
    old.pragma('user_version = 2');
    old.prepare(`INSERT INTO runs (run_id, serial, plan, plan_hash, dut, conductor, rig_id, firmware_version, protocol, cal_date, cal_due, operator, station,
      started_at, started_ms, outcome, failing_poles, failing_steps, measurement_count, journal, journal_bytes)
      VALUES ('r1', 'U-1', 'production-qc', 'sha256:x', 'D', 'C', 'CB-UNO-0001', '0.2.0', '2.1', '2025-02-14', NULL, NULL, NULL,
      '2025-03-01T09:12:44.000+01:00', 0, 'PASS', '', '', 0, 'j', 1)`).run();
    expect(old.prepare('SELECT name FROM pragma_table_info(\'runs\')').all().map((c) => (c as { name: string }).name)).not.toContain('for_release');
    old.close();

    const history = HistoryDb.open(file);
    try {
      expect(history.runs({})).toEqual([expect.objectContaining({ runId: 'r1', serial: 'U-1', forRelease: null, calDue: null })]);
    } finally {
      history.close();
    }
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(HISTORY_SCHEMA_VERSION);
    after.close();
  });
});
