import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostFuzz, hostFuzzDir, runHostFuzz, runLibFuzzer, type HostFuzzBuild, type HostFuzzSummary } from '../../rigs/uno-pull/firmware/host-fuzz/host-fuzz.js';
import { systemTool } from '../support/system-tool.js';

// The real firmware sources compiled for x86-64 with ASan + UBSan (rigs/uno-pull/firmware/host-fuzz/):
// random host lines go in through the USART receive interrupt, replies come out of UDR0, and the
// driver checks that every line gets exactly one reply carrying its id (protocol 2.0: but an abort
// line, "!\n", and a copy of the request that started the running TARE or SPAN, which get none). The long run is
// `node --import tsx rigs/uno-pull/firmware/host-fuzz/run.ts` (1,000,000 lines, docs/RELIABILITY.md).
const BUDGET = 100_000;
// A seed is a sample of the generator's stream: each command or setting added (INSUL, calCheck, protocol 2.2)
// reshuffles it. NOT_HOMED (24) needs a random valid `SET calDate` before a PULL (the fuzzed rig starts never
// calibrated), which some seeds never draw; this one reaches every code listed below.
const SEED = 20261209;

const gxx = systemTool('g++', 'g++');
const clang = systemTool('clang++', 'clang libclang-rt-dev');

describe.skipIf(!gxx.available)('firmware line handling fuzzed on the host (g++, ASan + UBSan)', () => {
  let random: HostFuzzBuild;
  let faults: HostFuzzBuild;
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'clampbench-host-fuzz-'));
    random = await buildHostFuzz('random');
    faults = await buildHostFuzz('faults');
  }, 600_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it(`answers each of ${BUDGET.toLocaleString('en-US')} random host lines exactly once, with no sanitizer report`, async () => {
    const run = await runHostFuzz(random, { count: BUDGET, seed: SEED, outDir });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.summary).toMatchObject({ result: 'pass', inputs: BUDGET, lines: BUDGET });
    const s = run.summary!;
    expect(s.replies + s.abortLines + s.silentCopies).toBe(BUDGET);
    // The budget gets past the envelope: commands run, short operations answer later, retried ids
    // of state-changing requests are answered from memory, abort lines go in, and every argument
    // and state error shows up.
    expect(s.okReplies).toBeGreaterThan(BUDGET / 10);
    expect(s.deferredReplies).toBeGreaterThan(1000);
    expect(s.dupReplies).toBeGreaterThan(500);
    expect(s.abortLines).toBeGreaterThan(100);
    // The generator's situations reach the running-operation check: copies of a running TARE/SPAN
    // (no reply) and of a running HOME/PULL whose ok has left the memory (ok dup=1).
    expect(s.silentCopies).toBeGreaterThan(50);
    expect(s.longCopies).toBeGreaterThan(20);
    expect(Object.keys(s.errorReplies).map(Number)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 16, 17, 22, 23, 24]));
  }, 300_000);

  it('repeats a run exactly from its seed, so that a failure at input #N is reproduced by --seed S --count N', async () => {
    const counts = (s: HostFuzzSummary | null) => s && { ...s, seconds: 0, inputsPerSecond: 0 };
    const first = await runHostFuzz(random, { count: 5_000, seed: 7, outDir });
    const second = await runHostFuzz(random, { count: 5_000, seed: 7, outDir });
    expect(first.summary?.result).toBe('pass');
    expect(counts(second.summary)).toEqual(counts(first.summary));
  }, 120_000);

  // Deliberate faults (the `faults` build only): each must end the run with the line that caused it saved.
  it.each([
    { inject: 'drop-reply@500', ends: { exitCode: 1, signal: null }, summary: 'fail', says: ['FAIL oracle at input #500', 'no reply to "'] },
    { inject: 'crc@500', ends: { exitCode: 1, signal: null }, summary: 'fail', says: ['FAIL oracle at input #500', 'device line with a wrong CRC'] },
    { inject: 'asan@300', ends: { exitCode: 1, signal: null }, summary: 'none', says: ['AddressSanitizer: global-buffer-overflow', 'FAIL sanitizer report (above) at input #300'] },
    { inject: 'ubsan@300', ends: { exitCode: null, signal: 'SIGABRT' }, summary: 'none', says: ['runtime error: signed integer overflow', 'FAIL abort (sanitizer report or assertion above) at input #300'] },
    { inject: 'hang@200', ends: { exitCode: 3, signal: null }, summary: 'none', says: ['FAIL hang at input #200', 'no progress for 1000 ms'] },
  ])('catches an injected $inject and saves the line it happened on', async ({ inject, ends, summary, says }) => {
    const dir = join(outDir, inject.replace('@', '-'));
    const run = await runHostFuzz(faults, { count: 1_000, seed: SEED, outDir: dir, inject, inputTimeoutMs: inject.startsWith('hang') ? 1000 : 10_000 });
    expect({ exitCode: run.exitCode, signal: run.signal }).toEqual(ends);
    // An oracle failure still closes with a summary; a crash or a hang does not get that far.
    expect(run.summary?.result ?? 'none').toBe(summary);
    for (const text of says) expect(run.stderr).toContain(text);
    expect(run.failureInput).toBe(join(dir, 'failure-input.bin'));
    const saved = readFileSync(run.failureInput!, 'latin1');
    expect(saved.endsWith('\n') && saved.indexOf('\n') === saved.length - 1).toBe(true);
  }, 120_000);

  it('replays the findings fixed in d805126 and 7758ecc', async () => {
    const findings = join(hostFuzzDir, 'findings');
    // An empty line with an id is not remembered: the POLE with that id runs.
    const empty = await runHostFuzz(random, { count: 1, replay: join(findings, 'empty-id-line-fills-the-memory.txt'), outDir });
    expect(empty.exitCode).toBe(0);
    expect(empty.stdout).toContain('#5 ok pole=1*');
    // A POLE run under the id of a read's running VDROP is refused, and that refusal is remembered:
    // the retry is told error:9 (not the VDROP's ok), and the pole stays 1.
    const shared = await runHostFuzz(random, { count: 1, replay: join(findings, 'read-op-id-reused-by-a-state-change.txt'), pipelinedLines: 2, outDir });
    expect(shared.exitCode).toBe(0);
    expect(shared.stdout).toContain('host-fuzz: replayed 5 line(s), each answered once');
    expect(shared.stdout).toContain('> #7 POLE 2*BEF9\\x0a\n#7 error:9 dup=1*');
    expect(shared.stdout).not.toContain('#7 ok dup=1*');
    expect(shared.stdout).toContain('#9 ok state=IDLE pole=1 ');
  }, 60_000);

  it('replays a saved line on a freshly booted firmware: the injected missing reply was not the line\'s fault', async () => {
    const saved = join(outDir, 'drop-reply-500', 'failure-input.bin');
    expect(existsSync(saved)).toBe(true);
    const run = await runHostFuzz(random, { count: 1, replay: saved, outDir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('host-fuzz: replayed 1 line(s), each answered once');
  }, 60_000);
});

describe.skipIf(!clang.available)('firmware line handling under libFuzzer (clang, ASan + UBSan)', () => {
  it('runs 20,000 libFuzzer inputs grown from the request vectors without a finding', async () => {
    const build = await buildHostFuzz('libfuzzer');
    const corpusDir = mkdtempSync(join(tmpdir(), 'clampbench-libfuzzer-'));
    try {
      const run = await runLibFuzzer(build, { runs: 20_000, seed: 1, corpusDir });
      expect(run.stderr).toContain('Done 20000 runs');
      expect(run.stderr).not.toMatch(/ERROR: AddressSanitizer|runtime error:|host-fuzz: FAIL/);
      expect(run.exitCode).toBe(0);
    } finally {
      rmSync(corpusDir, { recursive: true, force: true });
    }
  }, 600_000);
});
