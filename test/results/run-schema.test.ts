import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJsonSchemaText, runSchemaFile } from '../../host/results/export-run-schema.js';
import { readJournal } from '../../host/results/journal/read-journal.js';
import { RunFile } from '../../host/results/run-file.js';
import { TestRecord } from '../../host/runner/test-record.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';
import { readRunFile, runFolders } from '../support/run-folders.js';

// run.json as clampbench writes it, checked against the record schema it is typed by (zod, strict: no
// field the schema does not declare) and against docs/run.schema.json exported from that schema (ajv),
// for runs that fill different parts of the record: a pass, a miswire, a short, a pull-out, a Firmata rig.
const dir = mkdtempSync(join(tmpdir(), 'clampbench-run-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenarios = join(import.meta.dirname, '..', '..', 'rigs', 'uno-pull', 'sim', 'scenarios');

const RUNS: Array<{ name: string; args: string[]; outcome: string }> = [
  { name: 'good', args: [], outcome: 'PASS' },
  { name: 'swap-1-2', args: ['--scenario', join(scenarios, 'swap-1-2.yaml')], outcome: 'FAIL' },
  { name: 'short-2-3', args: ['--scenario', join(scenarios, 'short-2-3.yaml')], outcome: 'FAIL' },
  { name: 'pullout-pole-3', args: ['--scenario', join(scenarios, 'pullout-pole-3.yaml')], outcome: 'FAIL' },
  { name: 'firmata', args: ['--rig', 'firmata', '--plan', 'production-qc-electrical'], outcome: 'PASS' },
];

describe('run.json and the record schema', () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(runSchemaFile, 'utf8')) as object);
  const files: Record<string, unknown> = {};
  const folders: Record<string, string> = {};

  beforeAll(async () => {
    for (const run of RUNS) {
      const results = join(dir, run.name);
      const { stderr } = await clampbenchInProcess(['run', '--serial', `SCHEMA-${run.name}`, '--yes', '--out', results, ...run.args]);
      expect(stderr).toBe('');
      const [folder, ...others] = runFolders(results);
      expect(others).toEqual([]);
      folders[run.name] = folder!;
      files[run.name] = readRunFile(folder!);
    }
  }, 120_000);

  it('docs/run.schema.json is current (node --import tsx host/results/export-run-schema.ts)', () => {
    expect(readFileSync(runSchemaFile, 'utf8')).toBe(runJsonSchemaText());
  });

  it.each(RUNS)('$name: run.json is what the record schema says, field for field, with the outcome $outcome', ({ name, outcome }) => {
    const parsed = RunFile.safeParse(files[name]);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.outcome).toBe(outcome);
  });

  it.each(RUNS)('$name: run.json validates against docs/run.schema.json', ({ name }) => {
    expect(validate(files[name]), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(RUNS)('$name: the record read back from the journal is a record of the schema too', ({ name }) => {
    const parsed = TestRecord.safeParse(readJournal(folders[name]!).record);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('refuses a record with a field the schema does not declare, and one with a verdict it does not know', () => {
    const good = files.good as Record<string, unknown>;
    expect(RunFile.safeParse({ ...good, note: 'added by hand' }).success).toBe(false);
    expect(RunFile.safeParse({ ...good, outcome: 'OK' }).success).toBe(false);
    expect(validate({ ...good, note: 'added by hand' })).toBe(false);
  });
});
