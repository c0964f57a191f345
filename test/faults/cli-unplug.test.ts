import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../host/results/journal/read-journal.js';
import { clampbenchSync } from '../support/clampbench-cli.js';

// The cable is pulled 6 s after power-on (pole 2's steps) and plugged back 3 s later (see the file).
const scenario = fileURLToPath(new URL('../fixtures/scenarios/unplug-mid-run.yaml', import.meta.url));

function runFolder(out: string): string {
  const [dir] = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(out, e.name));
  if (!dir) throw new Error(`no run folder in ${out}`);
  return dir;
}

// Issue 6 item 1 as an operator meets it: `clampbench run` in a child process, its words and exit code.
describe('clampbench run when the USB cable is pulled mid-run', () => {
  it('waits for the rig, resumes from the cut step and ends PASS (exit 0), the journal complete', () => {
    const out = mkdtempSync(join(tmpdir(), 'cb-cli-unplug-'));
    const run = clampbenchSync(['run', '--scenario', scenario, '--yes', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/: ERROR — the link to the rig was lost during .*USB cable pulled/);
    expect(run.stdout).toMatch(/waiting up to 60 s for the rig on simulator .* to come back/);
    expect(run.stdout).toMatch(/resume SIM-0001 from pole \d .*\(--yes: confirmed\)/);
    expect(run.stdout).toContain('unit SIM-0001: PASS');
    expect(run.code).toBe(0);
    const journal = readJournal(runFolder(out));
    expect(journal).toMatchObject({ complete: true, resumes: 1 });
    expect(journal.record.outcome).toBe('PASS');
  });

  it('with --reconnect-wait 0 stops at the cut (exit 2) and says how to finish; `clampbench resume` finishes it (exit 0)', () => {
    const out = mkdtempSync(join(tmpdir(), 'cb-cli-unplug-'));
    const run = clampbenchSync(['run', '--scenario', scenario, '--yes', '--reconnect-wait', '0', '--out', out]);
    expect(run.code).toBe(2);
    const dir = runFolder(out);
    expect(run.stdout).toContain(`when the rig is back: clampbench resume ${dir}`);
    expect(readJournal(dir).complete).toBe(false);

    const resumed = clampbenchSync(['resume', dir, '--yes']);
    expect(resumed.stderr).toBe('');
    expect(resumed.stdout).toContain('returning the puller home before going on');
    expect(resumed.stdout, resumed.stdout).toContain("unit SIM-0001: PASS");
    expect(resumed.code).toBe(0);
    // resume replays the run's scenario on a fresh simulator, whose cable may be pulled once more.
    const journal = readJournal(dir);
    expect(journal.complete).toBe(true);
    expect(journal.resumes).toBeGreaterThanOrEqual(1);
  });

  it('refuses a --reconnect-wait that is not a number of seconds from 0 to a day', () => {
    const run = clampbenchSync(['run', '--reconnect-wait', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--reconnect-wait: value "soon" is not allowed; expected a number from 0 to 86400');
  });
});
