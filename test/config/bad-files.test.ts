import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileValidationError } from '../../host/shared/validation-error.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import type { CliExit } from '../support/clampbench-cli.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';

const bin = fileURLToPath(new URL('../../host/cli/bin.js', import.meta.url));
const corpusDir = fileURLToPath(new URL('../fixtures/bad-files/', import.meta.url));

type Kind = 'rig' | 'scenario' | 'dut' | 'plan';
/** The file of each kind that is also refused by a spawned CLI (every kind's corpus has one). */
const SPAWNED_CASE = 'missing-field.yaml';

interface BadFile {
  name: string;
  file: string;
  /** Message fragments the file's header says the refusal must contain (`# expect: …` lines). */
  expected: string[];
}

/** The corpus of one kind: each file's header says what is wrong and what the message must say. */
function corpus(kind: Kind): BadFile[] {
  return readdirSync(join(corpusDir, kind))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = join(corpusDir, kind, name);
      const expected = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('# expect: '))
        .map((line) => line.slice('# expect: '.length));
      return { name, file, expected };
    });
}

/**
 * The CLI commands that load a file of each kind (a rig file has none: see the rig suite). A DUT
 * spec goes through `run` only: `plan show --dut` reaches it through the same resolver and loader,
 * the same way.
 */
const commandsFor: Record<Exclude<Kind, 'rig'>, (file: string) => string[][]> = {
  scenario: (file) => [['run', '--port', 'sim', '--scenario', file]],
  dut: (file) => [['run', '--port', 'sim', '--dut', file]],
  plan: (file) => [
    ['plan', 'show', file, '--dut', '831-1104/322-004', '--conductor', '10mm2-fine'],
    ['run', '--port', 'sim', '--plan', file],
  ],
};

/** The categories every kind must cover; scenarios and DUT specs can extend others, so also a missing and a cyclic parent. */
const requiredCases: Record<Kind, string[]> = {
  rig: ['missing-field', 'wrong-type', 'out-of-range', 'unknown-key', 'wrong-unit', 'wrong-unit-key', 'invalid-yaml', 'empty'],
  plan: ['missing-field', 'wrong-type', 'out-of-range', 'unknown-key', 'wrong-unit', 'wrong-unit-key', 'invalid-yaml', 'empty'],
  scenario: ['missing-field', 'wrong-type', 'out-of-range', 'unknown-key', 'wrong-unit', 'wrong-unit-key', 'invalid-yaml', 'empty', 'extends-missing', 'extends-cycle-a'],
  dut: ['missing-field', 'wrong-type', 'out-of-range', 'unknown-key', 'wrong-unit', 'wrong-unit-key', 'invalid-yaml', 'empty', 'extends-missing', 'extends-self'],
};

/** `run` writes into a results folder inside the test's empty working folder, which must stay empty. */
function withOut(args: readonly string[], cwd: string): string[] {
  return args[0] === 'run' ? [...args, '--out', join(cwd, 'results')] : [...args];
}

/** Run the real CLI in an empty working folder (and an `--out` inside it for `run`). */
function clampbench(args: readonly string[]): Promise<CliExit & { cwd: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'clampbench-bad-file-'));
  const fullArgs = withOut(args, cwd);
  const env = { ...process.env };
  delete env.CLAMPBENCH_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...fullArgs], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, cwd });
    });
  });
}

/**
 * What every refusal of a bad file looks like: the file named, one line per problem that names
 * the field, the value and what is allowed (or, for YAML syntax, the line and its text), and no
 * stack trace.
 */
function expectFileRefusal(message: string, badFile: BadFile): void {
  const [head, ...problems] = message.trimEnd().split('\n');
  expect(head).toBe(`${badFile.file}: invalid`);
  expect(problems.length).toBeGreaterThan(0);
  for (const line of problems) {
    expect(line).toMatch(/^ {2}- (not valid YAML: .+ at line \d+, column \d+: ".*"|(\(top level\)|\S+): value .+: .+)$/);
  }
  expect(message).not.toMatch(/^\s+at /m);
  expect(badFile.expected.length).toBeGreaterThan(0);
  for (const fragment of badFile.expected) expect(message).toContain(fragment);
}

describe('the bad-file corpus', () => {
  it.each(['rig', 'scenario', 'dut', 'plan'] as const)('covers every kind of mistake for %s files, each with its expected message', (kind) => {
    const files = corpus(kind);
    expect(files.map((f) => f.name.replace(/\.yaml$/, ''))).toEqual(expect.arrayContaining(requiredCases[kind]));
    for (const badFile of files) {
      expect(readFileSync(badFile.file, 'utf8')).toMatch(/^# \S.*\n# expect: /);
    }
  });
});

// No CLI option loads another rig file (the simulator and the firmware's generated header take
// rigs/uno-pull/rig.yaml), so rig files go through the loader the CLI uses; main() prints the
// same message after "clampbench: ".
describe('bad rig files are refused by loadRigDefinition', () => {
  it.each(corpus('rig').map((badFile) => [badFile.name, badFile] as const))('%s', (_name, badFile) => {
    let error: unknown;
    try {
      loadRigDefinition(badFile.file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FileValidationError);
    expectFileRefusal((error as Error).message, badFile);
  });
});

/** Exit 2, only stderr, the precise message, and no run folder, journal or history database anywhere. */
function expectRefusedRun(result: CliExit, badFile: BadFile, cwd: string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.startsWith('clampbench: ')).toBe(true);
  expectFileRefusal(result.stderr.slice('clampbench: '.length), badFile);
  expect(readdirSync(cwd)).toEqual([]);
}

for (const kind of ['scenario', 'dut', 'plan'] as const) {
  const rows = corpus(kind).flatMap((badFile) => commandsFor[kind](badFile.file).map((args) => [`${badFile.name}: clampbench ${args[0] === 'plan' ? 'plan show' : 'run'}`, badFile, args] as const));
  // Every file through the CLI's main() in this process; one of each command also as its own process.
  const spawned = rows.filter(([, badFile]) => badFile.name === SPAWNED_CASE);

  describe(`bad ${kind} files: exit 2, a precise message, nothing written`, () => {
    it.each(rows)('%s', async (_name, badFile, args) => {
      const cwd = mkdtempSync(join(tmpdir(), 'clampbench-bad-file-'));
      expectRefusedRun(await clampbenchInProcess(withOut(args, cwd), cwd), badFile, cwd);
    });
  });

  describe.concurrent(`bad ${kind} files, the CLI as a process (node host/cli/bin.js)`, () => {
    it.each(spawned)('%s', async (_name, badFile, args) => {
      const result = await clampbench(args);
      expectRefusedRun(result, badFile, result.cwd);
    });
  });
}
