import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../host/results/journal/read-journal.js';
import { clampbench } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';
import { scenarioFile, standardFirmataAvailable } from './support/firmata-sim-board.js';

// `clampbench run --rig firmata` as a user runs it: the StandardFirmata rig simulated, results in a
// folder, the exit code a script reads (0 PASS, 1 FAIL, 2 refused, error or abort).

const available = await standardFirmataAvailable();
const out = mkdtempSync(join(tmpdir(), 'clampbench-firmata-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const run = (...args: string[]) => clampbench(['run', '--rig', 'firmata', '--plan', 'production-qc-electrical', '--yes', '--json', '--out', out, ...args]);

describe.runIf(available)('clampbench run --rig firmata', () => {
  it('PASS on a good unit: exit 0, the record names the Firmata rig, and the journal reads back complete with the rig kind', async () => {
    const result = await run();
    expect(result.stderr).toContain('unit SIM-0001: PASS');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { outcome: string; rig: string; file: string };
    expect(summary).toMatchObject({ outcome: 'PASS', rig: 'CB-FMT-0001' });
    const record = JSON.parse(readFileSync(summary.file, 'utf8')) as { rig: { firmwareVersion: string } };
    expect(record.rig.firmwareVersion).toMatch(/^StandardFirmata /);
    const journal = readJournal(join(summary.file, '..', 'journal.jsonl'));
    expect(journal.complete).toBe(true);
    expect(journal.input).toMatchObject({ plan: 'production-qc-electrical', rigKind: 'firmata' });
  });

  it('FAIL on a miswired unit: exit 1 with the failing poles', async () => {
    const result = await run('--scenario', scenarioFile('swap-1-2'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unit SIM-0001: FAIL — Isolation and wiring map: pole 1 reaches terminal 2 (miswired)');
  });

  it('production-qc is refused before anything switches, naming the pull step: exit 2', async () => {
    const result = await clampbenchInProcess(['run', '--rig', 'firmata', '--yes', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('poleSteps[1].kind: value "pull" is not allowed; the rig offers vdrop, iso; step pull-check needs "pull"');
  });

  it('a rig file with a pin used twice is refused with the field, value and what is allowed', async () => {
    const bad = join(out, 'bad-rig.yaml');
    const good = readFileSync(new URL('../../rigs/firmata-continuity/rig.yaml', import.meta.url), 'utf8');
    writeFileSync(bad, good.replace('lamp: 13', 'lamp: 9'));
    const result = await run('--rig', bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pins.lamp');
    expect(result.stderr).toContain('pin 9 is already used by pins.currentSetpoint');
  });

  it('an unknown --rig is refused with the kinds allowed', async () => {
    const result = await clampbenchInProcess(['run', '--rig', 'firmta', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--rig: value "firmta" is neither a rig kind (uno-pull, firmata) nor an existing rig file');
  });
});
