// Build and run the host fuzz of the firmware's line handling: the real sketch sources compiled for
// x86-64 with AddressSanitizer and UndefinedBehaviorSanitizer over the stubs in stubs/, driven by
// fuzz_main.cpp (seeded random lines) or libfuzzer_main.cpp (clang's libFuzzer). run.ts is the
// command line; test/firmware/parser-fuzz.test.ts runs a short budget.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS, SETTINGS } from '../../../../firmware-protocol/generated/commands.js';

export const hostFuzzDir = dirname(fileURLToPath(import.meta.url));
const sketchDir = resolve(hostFuzzDir, '../clampbench');
const stubsDir = join(hostFuzzDir, 'stubs');
const repoRoot = resolve(hostFuzzDir, '../../../..');
/** Under the firmware's build folder, which git ignores. */
const hostFuzzBuildRoot = resolve(hostFuzzDir, '../build/host-fuzz');

/**
 * `random`: the seeded random driver. `faults`: the same with `--inject` compiled in, to show that
 * each kind of failure is caught. `libfuzzer`: clang's libFuzzer driving the same session.
 */
export type HostFuzzVariant = 'random' | 'faults' | 'libfuzzer';

export interface HostFuzzBuild {
  variant: HostFuzzVariant;
  binary: string;
  /** Commands, settings and request vectors for the generator (see generator.h). */
  dataFile: string;
  buildDir: string;
}

const SANITIZE = ['-fsanitize=address,undefined,float-cast-overflow', '-fno-sanitize-recover=all'];
/**
 * protocol.cpp's call of commands_execute() goes through session.cpp's wrapper first, so that the
 * oracle knows whether (and when) the line it read ran, its command, and the running operation
 * before and right after it (see session.cpp, Dispatch); loop()'s call of protocol_poll() too, for
 * the running operation as the line is read (Poll). The firmware sources stay unchanged.
 */
const WRAP = ['-Wl,--wrap=_Z16commands_executetPKchPPcb', '-Wl,--wrap=_Z13protocol_pollv'];
const COMMON = ['-g', '-O1', '-fno-omit-frame-pointer', '-DF_CPU=16000000UL', `-I${stubsDir}`, `-I${sketchDir}`, `-I${hostFuzzDir}`, '-Wall', '-Wextra', '-Wno-unused-parameter'];

/**
 * Environment for a fuzz binary: a sanitizer report ends the run (no leak check: the firmware never
 * allocates). GCC links UBSan's runtime apart from ASan's, so UBSan ends in abort() (which the driver
 * catches to save the line) rather than in ASan's death callback.
 */
const sanitizerEnv = {
  ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=0',
  UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1:abort_on_error=1',
};

/** The request lines of firmware-protocol/vectors/requests.json: the generator's seeds. */
function requestVectorLines(): string[] {
  const vectors = JSON.parse(readFileSync(join(repoRoot, 'firmware-protocol/vectors/requests.json'), 'utf8')) as {
    encode: Array<{ line: string }>;
    exchanges: Array<{ send: string }>;
    sequences: Array<{ steps: Array<{ send: string }> }>;
  };
  return [
    ...vectors.encode.map((e) => e.line),
    ...vectors.exchanges.map((e) => e.send),
    ...vectors.sequences.flatMap((s) => s.steps.map((step) => step.send)),
  ];
}

function fuzzData(): string {
  const lines = [
    ...COMMANDS.map((c) => `command ${c.name} ${c.args.filter((a) => !a.optional).length} ${c.args.length}`),
    ...SETTINGS.map((s) => `setting ${s.name}`),
    ...requestVectorLines().map((line) => `seed ${Buffer.from(line, 'latin1').toString('hex')}`),
  ];
  return `${lines.join('\n')}\n`;
}

function firmwareSources(): string[] {
  return readdirSync(sketchDir)
    .filter((f) => f.endsWith('.cpp') || f.endsWith('.ino'))
    .sort()
    .map((f) => join(sketchDir, f));
}

function compilerFor(variant: HostFuzzVariant): string {
  return variant === 'libfuzzer' ? 'clang++' : 'g++';
}

/** True when the compiler a variant needs is installed. */
export function hostFuzzCompilerAvailable(variant: HostFuzzVariant): boolean {
  return spawnSync(compilerFor(variant), ['--version'], { stdio: 'ignore' }).status === 0;
}

function runCompiler(cmd: string, argv: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        if (output.trim()) process.stderr.write(output);
        resolvePromise();
      } else {
        reject(new Error(`${cmd} ${argv.filter((a) => !a.startsWith('-')).join(' ')} failed:\n${output}`));
      }
    });
  });
}

function newerThan(target: string, sources: string[]): boolean {
  if (!existsSync(target)) return false;
  const built = statSync(target).mtimeMs;
  return sources.every((s) => statSync(s).mtimeMs < built);
}

/**
 * Compile the sketch, the stubs and the driver of a variant into build/host-fuzz/<variant>/fuzz
 * (objects are rebuilt when any source or header changed) and write the generator's data file.
 */
export async function buildHostFuzz(variant: HostFuzzVariant): Promise<HostFuzzBuild> {
  const buildDir = join(hostFuzzBuildRoot, variant);
  mkdirSync(buildDir, { recursive: true });
  const dataFile = join(buildDir, 'fuzz-data.txt');
  writeFileSync(dataFile, fuzzData());

  const compiler = compilerFor(variant);
  const sanitize = variant === 'libfuzzer' ? ['-fsanitize=fuzzer-no-link', ...SANITIZE] : SANITIZE;
  const defines = variant === 'faults' ? ['-DHOST_FUZZ_FAULTS'] : [];
  const driver = variant === 'libfuzzer' ? 'libfuzzer_main.cpp' : 'fuzz_main.cpp';
  const harness = ['session.cpp', 'line_model.cpp', 'generator.cpp', driver].map((f) => join(hostFuzzDir, f));
  const headers = [
    ...readdirSync(sketchDir).filter((f) => f.endsWith('.h')).map((f) => join(sketchDir, f)),
    ...['host_hw.h', 'Arduino.h'].map((f) => join(stubsDir, f)),
    ...readdirSync(join(stubsDir, 'avr')).map((f) => join(stubsDir, 'avr', f)),
    ...readdirSync(hostFuzzDir).filter((f) => f.endsWith('.h')).map((f) => join(hostFuzzDir, f)),
    fileURLToPath(import.meta.url),  // the flags
  ];
  // The sketch with the language flags of its AVR build (build.ts); the host side in plain C++17.
  const units = [
    ...firmwareSources().map((src) => ({ src, flags: ['-std=gnu++11', '-fno-exceptions', '-fno-threadsafe-statics', ...(src.endsWith('.ino') ? ['-x', 'c++'] : [])] })),
    ...[join(stubsDir, 'host_hw.cpp'), ...harness].map((src) => ({ src, flags: ['-std=gnu++17'] })),
  ];

  // Everything but the driver is the same for `random` and `faults`: one object folder per compiler.
  const objectDir = join(hostFuzzBuildRoot, `objects-${compiler}`);
  mkdirSync(objectDir, { recursive: true });
  const objectOf = (src: string) => {
    const name = src.slice(src.lastIndexOf('/') + 1);
    return src.endsWith(driver) ? join(buildDir, `${name}.o`) : join(objectDir, `${name}.o`);
  };
  const objects = units.map((u) => objectOf(u.src));
  const queue = units.map((u, i) => ({ ...u, obj: objects[i]! })).filter((u) => !newerThan(u.obj, [u.src, ...headers]));
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      // Compiled under a temporary name and renamed, so that a concurrent build never links half an object.
      const partial = `${unit.obj}.${process.pid}.tmp`;
      await runCompiler(compiler, [...unit.flags, ...COMMON, ...sanitize, ...(unit.src.endsWith(driver) ? defines : []), '-c', unit.src, '-o', partial]);
      renameSync(partial, unit.obj);
    }
  });
  await Promise.all(workers);

  const binary = join(buildDir, 'fuzz');
  if (!newerThan(binary, objects)) {
    const link = variant === 'libfuzzer' ? ['-fsanitize=fuzzer', ...SANITIZE] : SANITIZE;
    const partial = `${binary}.${process.pid}.tmp`;
    await runCompiler(compiler, [...link, ...WRAP, '-o', partial, ...objects]);
    renameSync(partial, binary);
  }
  return { variant, binary, dataFile, buildDir };
}

export interface HostFuzzSummary {
  result: 'pass' | 'fail';
  seed: number;
  inputs: number;
  seconds: number;
  inputsPerSecond: number;
  lines: number;
  replies: number;
  /** `!\n` lines: the abort, taken by the receive interrupt; no reply. */
  abortLines: number;
  /** Copies (same id, same command) of the request that started the running TARE or SPAN: no reply (its one reply ends the operation). */
  silentCopies: number;
  okReplies: number;
  dupReplies: number;
  /** Of dupReplies: `ok dup=1` to a copy of the request that started the running PULL or HOME. */
  longCopies: number;
  deferredReplies: number;
  pushes: number;
  loopPasses: number;
  bytes: number;
  rigSeconds: number;
  errorReplies: Record<string, number>;
}

export interface HostFuzzRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The driver's closing summary; missing when it crashed or hung. */
  summary: HostFuzzSummary | null;
  stdout: string;
  stderr: string;
  /** Where the failing line was saved, when one failed. */
  failureInput: string | null;
  sanitizerReport: boolean;
}

export interface HostFuzzOptions {
  count: number;
  seed?: number;
  /** Folder for failure-input.bin (default: the build folder). */
  outDir?: string;
  transcript?: string;
  transcriptLimit?: number;
  inputTimeoutMs?: number;
  /** `faults` variant only: `drop-reply@N`, `crc@N`, `asan@N`, `ubsan@N`, `hang@N`. */
  inject?: string;
  replay?: string;
  /** With `replay`: the main loop reads nothing until this many bytes have arrived (receive-ring overflow). */
  stallBytes?: number;
  /** With `replay`: the first this many lines go in without waiting for a short operation's reply. */
  pipelinedLines?: number;
  /** Pass the driver's output through while it runs (the command line); tests keep it. */
  echo?: boolean;
}

/** Run the random driver of a build and collect its verdict. */
export function runHostFuzz(build: HostFuzzBuild, options: HostFuzzOptions): Promise<HostFuzzRun> {
  const outDir = options.outDir ?? build.buildDir;
  mkdirSync(outDir, { recursive: true });
  const argv = ['--data', build.dataFile, '--count', String(options.count), '--seed', String(options.seed ?? 1), '--out', outDir];
  if (options.transcript) argv.push('--transcript', options.transcript);
  if (options.transcriptLimit !== undefined) argv.push('--transcript-limit', String(options.transcriptLimit));
  if (options.inputTimeoutMs !== undefined) argv.push('--input-timeout-ms', String(options.inputTimeoutMs));
  if (options.inject) argv.push('--inject', options.inject);
  if (options.replay) argv.push('--replay', options.replay);
  if (options.stallBytes !== undefined) argv.push('--stall-bytes', String(options.stallBytes));
  if (options.pipelinedLines !== undefined) argv.push('--pipelined', String(options.pipelinedLines));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(build.binary, argv, { env: { ...process.env, ...sanitizerEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (options.echo) process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (options.echo) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const summaryLine = stdout.split('\n').find((l) => l.startsWith('host-fuzz: {'));
      const summary = summaryLine ? (JSON.parse(summaryLine.slice('host-fuzz: '.length)) as HostFuzzSummary) : null;
      const saved = /the line is saved in (\S+);/.exec(stderr);
      resolvePromise({
        exitCode,
        signal,
        summary,
        stdout,
        stderr,
        failureInput: saved?.[1] ?? null,
        sanitizerReport: /ERROR: AddressSanitizer|runtime error:/.test(stderr),
      });
    });
  });
}

export interface LibFuzzerOptions {
  runs: number;
  seed?: number;
  /** Corpus folder libFuzzer grows (default: build/host-fuzz/libfuzzer/corpus). Crash inputs go to the build folder. */
  corpusDir?: string;
  extraArgs?: string[];
  echo?: boolean;
}

/**
 * Run the libFuzzer build: its corpus starts from the request vectors, with a dictionary of the
 * command and setting names and the envelope's characters.
 */
export function runLibFuzzer(build: HostFuzzBuild, options: LibFuzzerOptions): Promise<{ exitCode: number | null; stderr: string }> {
  const seedsDir = join(build.buildDir, 'seeds');
  const corpusDir = options.corpusDir ?? join(build.buildDir, 'corpus');
  mkdirSync(seedsDir, { recursive: true });
  mkdirSync(corpusDir, { recursive: true });
  requestVectorLines().forEach((line, i) => writeFileSync(join(seedsDir, `vector-${i}`), `${line}\n`, 'latin1'));
  const words = [...COMMANDS.map((c) => c.name), ...SETTINGS.map((s) => s.name), '#', '*', '\\x0a', '\\x0d\\x0a', '?', '!', ' ', '\\x09'];
  const dict = join(build.buildDir, 'protocol.dict');
  writeFileSync(dict, `${words.map((w) => `"${w}"`).join('\n')}\n`);
  const argv = [
    `-runs=${options.runs}`, `-seed=${options.seed ?? 1}`, '-max_len=512', '-timeout=5', `-dict=${dict}`, '-print_final_stats=1',
    `-artifact_prefix=${build.buildDir}/`, ...(options.extraArgs ?? []), corpusDir, seedsDir,
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(build.binary, argv, { env: { ...process.env, ...sanitizerEnv }, stdio: ['ignore', options.echo ? 'inherit' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (options.echo) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (exitCode) => resolvePromise({ exitCode, stderr }));
  });
}
