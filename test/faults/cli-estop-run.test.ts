import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../host/results/journal/read-journal.js';
import { clampbenchSync } from '../support/clampbench-cli.js';

// The E-stop is pressed 1.5 s after power-on: in pole 1's pull of production-qc (see the file).
const scenario = fileURLToPath(new URL('../fixtures/scenarios/estop-during-first-pull.yaml', import.meta.url));
const ESTOP_CAUSE = 'E-stop pressed (ALARM:1 ESTOP)';

// Issue 6 item 6 as an operator meets it: `clampbench run` in a child process, exit code and files on disk.
describe('clampbench run with the E-stop pressed during the first pull', () => {
  it('exits 2, and run.json and the journal say ABORTED with the E-stop as the cause', () => {
    const out = mkdtempSync(join(tmpdir(), 'cb-cli-estop-'));
    const args = ['run', '--port', 'sim', '--scenario', scenario, '--plan', 'production-qc', '--dut', '831-1104/322-004', '--conductor', '10mm2-fine', '--serial', 'X', '--yes', '--out', out];
    const run = clampbenchSync(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`pole 1 Non-destructive pull: ABORTED — ${ESTOP_CAUSE}`);
    expect(run.stdout).toContain(`unit X: ABORTED — pole 1 Non-destructive pull: ${ESTOP_CAUSE}`);

    const [dir = ''] = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(out, e.name));
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(record).toMatchObject({ serial: 'X', outcome: 'ABORTED', cause: `pole 1 Non-destructive pull: ${ESTOP_CAUSE}`, teardownErrors: [] });
    expect(record.poles[0].steps.map((s: { stepId: string; outcome: string }) => `${s.stepId}:${s.outcome}`)).toEqual(['continuity:PASS', 'pull-check:ABORTED']);
    expect(record.poles[0].steps[1].attempts[0]).toMatchObject({ pullResult: 'alarm', alarms: [{ code: 1, name: 'ESTOP', text: 'E-stop pressed' }] });
    expect(record.poles.slice(1).flatMap((p: { steps: Array<{ outcome: string }> }) => p.steps.map((s) => s.outcome))).toEqual(Array(6).fill('SKIPPED'));

    const journal = readJournal(dir);
    expect(journal.complete).toBe(true);
    expect(journal.record).toMatchObject({ outcome: 'ABORTED', cause: `pole 1 Non-destructive pull: ${ESTOP_CAUSE}` });
    expect(journal.record.poles[0]?.steps[1]).toMatchObject({ outcome: 'ABORTED', cause: ESTOP_CAUSE });
    const lastLine = readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(lastLine)).toMatchObject({ t: 'end', outcome: 'ABORTED', cause: `pole 1 Non-destructive pull: ${ESTOP_CAUSE}` });
  });
});
