import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JournalError, readJournal } from '../../../host/results/journal/read-journal.js';
import type { TestRecord } from '../../../host/runner/test-record.js';
import { journaledRun, scenarioFile } from '../../support/journaled-run.js';

describe('the journal reads back to the record of the run', () => {
  const dirs = { good: mkdtempSync(join(tmpdir(), 'cb-journal-good-')), weak: mkdtempSync(join(tmpdir(), 'cb-journal-fail-')) };
  const records: Partial<Record<keyof typeof dirs, TestRecord>> = {};
  beforeAll(async () => {
    records.good = (await journaledRun('sim', dirs.good, 'SN-J1', dirs.good)).record;
    records.weak = (await journaledRun(`sim:${scenarioFile('high-resistance-pole-3')}`, dirs.weak, 'SN-J2', dirs.weak)).record;
  }, 120_000);

  it('a complete PASS run: the record read back equals the record returned, samples included', () => {
    const back = readJournal(dirs.good);
    expect(back.complete).toBe(true);
    expect(back.warnings).toEqual([]);
    expect(back.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(back.record).toEqual(records.good);
    expect(back.record.poles[0]?.steps[1]?.attempts[0]?.samples?.length).toBeGreaterThan(150);
    // On the simulator: wall time from start to end, and the simulator's own time beside it, both kept.
    expect(back.record.durationMs).toBe(Date.parse(back.record.endedAt) - Date.parse(back.record.startedAt));
    expect(back.record.simDurationMs).toBeGreaterThan(0);
  });

  it('a complete FAIL run (stopped on the first FAIL) reads back the same, skipped steps included', () => {
    const back = readJournal(join(dirs.weak, 'journal.jsonl'));
    expect(back.complete).toBe(true);
    expect(back.record).toEqual(records.weak);
    expect(back.record.outcome).toBe('FAIL');
    expect(back.record.poles[3]?.steps.map((s) => s.outcome)).toEqual(['SKIPPED', 'SKIPPED']);
  });

  it('a journal cut after any line reads back as incomplete, keeping every measurement before the cut', () => {
    const lines = readFileSync(join(dirs.good, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
    const cutDir = mkdtempSync(join(tmpdir(), 'cb-journal-cut-'));
    for (const keep of [1, 5, 12, Math.floor(lines.length / 2), lines.length - 1]) {
      writeFileSync(join(cutDir, 'journal.jsonl'), `${lines.slice(0, keep).join('\n')}\n`);
      const back = readJournal(cutDir);
      expect(back.complete).toBe(false);
      expect(back.record.outcome).toBe('ERROR');
      expect(back.record.cause).toMatch(/^interrupted: the run stopped after \d+ of 10 steps$/);
      const written = lines.slice(0, keep).filter((l) => l.startsWith('{"t":"measurement"')).length;
      const fromSteps = [...back.record.unitSteps, ...back.record.poles.flatMap((p) => p.steps)].flatMap((s) => s.attempts.flatMap((a) => a.measurements)).length;
      // Finished steps carry their measurements; the step that was running carries the ones written so far.
      expect(fromSteps).toBe(written);
    }
  });

  it('a line torn by a kill mid-write is dropped with a warning; a broken line inside is an error naming it', () => {
    const text = readFileSync(join(dirs.good, 'journal.jsonl'), 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    const tornDir = mkdtempSync(join(tmpdir(), 'cb-journal-torn-'));
    writeFileSync(join(tornDir, 'journal.jsonl'), `${lines.slice(0, 8).join('\n')}\n`);
    appendFileSync(join(tornDir, 'journal.jsonl'), lines[8]?.slice(0, 40) ?? '');
    const back = readJournal(tornDir);
    expect(back.complete).toBe(false);
    expect(back.warnings[0]).toMatch(/last line was cut short \(40 bytes/);

    const badDir = mkdtempSync(join(tmpdir(), 'cb-journal-bad-'));
    writeFileSync(join(badDir, 'journal.jsonl'), `${lines[0]}\n{"t":"measurement"\n${lines[1]}\n`);
    expect(() => readJournal(badDir)).toThrow(JournalError);
    expect(() => readJournal(badDir)).toThrow(/journal\.jsonl, line 2: not valid JSON/);
    writeFileSync(join(badDir, 'journal.jsonl'), `${lines[1]}\n`);
    expect(() => readJournal(badDir)).toThrow(/line 1: a journal starts with its `run` line/);
    expect(() => readJournal(join(badDir, 'nothing-here'))).toThrow(/cannot read it \(ENOENT\)/);
  });
});
