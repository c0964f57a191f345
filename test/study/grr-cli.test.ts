import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clampbenchSync } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';

describe('clampbench study grr: bad options', () => {
  const cases: Array<[string[], string]> = [
    [['--parts', '1'], '--parts: value "1" is not allowed; expected a whole number from 2 to 50'],
    [['--operators', '11'], '--operators: value "11" is not allowed; expected a whole number from 2 to 10'],
    [['--trials', '2.5'], '--trials: value "2.5" is not allowed; expected a whole number from 2 to 10'],
    [['--operators', '3', '--operator-names', 'ana,ben'], '--operator-names: 2 items given, but --operators is 3; give exactly 3'],
    [['--operator-names', 'ana,ana,cy'], '--operator-names: value "ana,ana,cy" is not allowed; "ana" is given twice'],
    [['--port', '/dev/null-rig', '--operator-offsets-milliohm', '0,0.01,0.02', '--yes'], '--operator-offsets-milliohm: only applies to the simulator (the port given is "/dev/null-rig")'],
  ];
  it.each(cases)('%j exits 2 naming the option, the value and what is allowed', async (args, message) => {
    const result = await clampbenchInProcess(['study', 'grr', ...args]);
    expect(result.stderr).toBe(`clampbench: ${message}\n`);
    expect(result.code).toBe(2);
  });

  it('refuses a step the plan does not have, naming the ones it has', async () => {
    const result = await clampbenchInProcess(['study', 'grr', '--step', 'nope', '--out', mkdtempSync(join(tmpdir(), 'clampbench-grr-cli-'))]);
    expect(result.stderr).toBe('clampbench: --step: value "nope" is not a measuring pole step of plan production-qc; expected one of continuity, pull-check\n');
    expect(result.code).toBe(2);
  });
});

describe('clampbench study grr on the simulator', () => {
  it('runs 2 × 2 × 2, prints the figures and writes the study folder beside the run folders', () => {
    const out = mkdtempSync(join(tmpdir(), 'clampbench-grr-cli-'));
    const result = clampbenchSync(['study', 'grr', '--parts', '2', '--operators', '2', '--trials', '2', '--seed', '5', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^%GRR \d+\.\d\d % of the total variation: /m);
    expect(result.stdout).toMatch(/^ndc \d+/m);
    const folders = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const studyFolder = folders.filter((f) => f.endsWith('-grr-continuity-drop-pole1'));
    expect(studyFolder).toHaveLength(1);
    expect(folders.filter((f) => /-GRR-P0[12]$/.test(f))).toHaveLength(8);
    const dir = join(out, studyFolder[0]!);
    const study = JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8'));
    expect(study.design).toMatchObject({ parts: 2, operators: 2, trials: 2, seed: 5 });
    expect(readFileSync(join(dir, 'measurements.csv'), 'utf8').trim().split('\r\n')).toHaveLength(9);
    const page = readFileSync(join(dir, 'study.html'), 'utf8');
    for (const plot of ['measurements', 'interaction', 'range', 'components']) expect(page).toMatch(new RegExp(`data-plot="${plot}"><svg`));
    expect(existsSync(join(out, 'history.sqlite'))).toBe(true);
  });
});
