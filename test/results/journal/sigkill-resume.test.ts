import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../../host/results/journal/read-journal.js';
import { clampbench } from '../../support/clampbench-cli.js';

const bin = fileURLToPath(new URL('../../../host/cli/bin.js', import.meta.url));

/** The journal has force samples of pole 2's pull: the kill lands mid-pull. */
function midPullOnPole2(out: string): boolean {
  const [dir] = existsSync(out) ? readdirSync(out) : [];
  if (!dir) return false;
  const file = join(out, dir, 'journal.jsonl');
  return existsSync(file) && readFileSync(file, 'utf8').includes('"t":"samples","scope":"pole","pole":2');
}

describe('a run killed mid-pull (SIGKILL) keeps its journal, and resume completes it', () => {
  it('reads back every measurement recorded before the kill, marked incomplete; resume finishes from pole 2 pull and PASSes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cb-sigkill-'));
    const killed = await clampbench(['run', '--port', 'sim', '--yes', '--out', out, '--serial', 'SN-KILL-1'], (child) => midPullOnPole2(out) && child.kill('SIGKILL'));
    expect(killed.signal).toBe('SIGKILL');
    const [dirName] = readdirSync(out);
    const dir = join(out, dirName ?? '');
    expect(existsSync(join(dir, 'run.json'))).toBe(false);

    const before = readJournal(dir);
    expect(before.complete).toBe(false);
    expect(before.record.outcome).toBe('ERROR');
    expect(before.record.cause).toBe('interrupted: the run stopped after 5 of 10 steps');
    const finished = [...before.steps.keys()];
    expect(finished).toEqual(['unit:load-unit', 'unit:isolation', 'pole:1:continuity', 'pole:1:pull-check', 'pole:2:continuity']);
    // The pull that was running: its samples so far, no verdict.
    const running = before.record.poles[1]?.steps[1];
    expect(running).toMatchObject({ stepId: 'pull-check', outcome: 'ERROR', cause: 'interrupted: the run stopped during this step' });
    expect(running?.attempts[0]?.samples?.length).toBeGreaterThanOrEqual(40);
    expect(running?.attempts[0]?.measurements).toEqual([]);
    // Every measurement the display printed before the kill is in the journal.
    const printed = (killed.stdout.match(/^ {4}(drop|conductor-held|peak-force|slip): /gm) ?? []).length;
    const recorded = [...before.steps.values()].flatMap((s) => s.attempts.flatMap((a) => a.measurements)).filter((m) => ['drop', 'conductor-held', 'peak-force', 'slip'].includes(m.name)).length;
    expect(recorded).toBeGreaterThanOrEqual(printed);
    expect(recorded).toBe(1 + 3 + 1); // pole 1: drop + 3 pull figures; pole 2: drop

    const resumed = await clampbench(['resume', dir, '--yes']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('5 of 10 steps recorded, next: pole 2 Non-destructive pull');
    expect(resumed.stdout).toContain('pole 1 Non-destructive pull: PASS (recorded before the interruption)');

    const after = readJournal(dir);
    expect(after.complete).toBe(true);
    expect(after.resumes).toBe(1);
    expect(after.record.outcome).toBe('PASS');
    expect(after.record.startedAt).toBe(before.record.startedAt);
    for (const key of finished) expect(after.steps.get(key)).toEqual(before.steps.get(key));
    expect([...after.steps.keys()]).toHaveLength(10);
    expect(after.record.poles.map((p) => p.outcome)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    const runJson = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(runJson).toMatchObject({ runId: before.runId, complete: true, outcome: 'PASS', serial: 'SN-KILL-1' });

    const again = await clampbench(['resume', dir, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/<run>: .*journal\.jsonl is a complete run \(outcome PASS\); there is nothing to resume/);
  }, 180_000);
});
