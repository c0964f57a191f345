// Fuzz the firmware's line handling on the host (x86-64, ASan + UBSan): build, run, print figures.
//
//   node --import tsx rigs/uno-pull/firmware/host-fuzz/run.ts [COUNT] [--seed N] [--transcript FILE]
//       COUNT random host lines (default 1000000) through the real firmware; every line must get
//       exactly one reply (none: an abort line, a copy of the running operation's request). A
//       failing line is saved to build/host-fuzz/random/failure-input.bin.
//   node --import tsx rigs/uno-pull/firmware/host-fuzz/run.ts --replay FILE [--stall-bytes N | --pipelined N]
//       the lines of FILE through a freshly booted firmware, printing what it sends back; with
//       --stall-bytes the main loop reads nothing until N bytes have arrived (receive-ring overflow);
//       with --pipelined N the first N lines go in without waiting for a short operation's reply
//   node --import tsx rigs/uno-pull/firmware/host-fuzz/run.ts --libfuzzer [COUNT] [-- libFuzzer options]
//       COUNT libFuzzer inputs (default 1000000) with clang's libFuzzer (apt-get install clang
//       libclang-rt-dev); crashes go to build/host-fuzz/libfuzzer/
//
// Exit code 0 when every input was answered correctly, 1 on a finding, 2 on bad usage.
import { relative, resolve } from 'node:path';
import { buildHostFuzz, hostFuzzCompilerAvailable, runHostFuzz, runLibFuzzer, type HostFuzzBuild } from './host-fuzz.js';

const usage = 'usage: run.ts [COUNT] [--seed N] [--transcript FILE] | --replay FILE [--stall-bytes N | --pipelined N] | --libfuzzer [COUNT] [-- libFuzzer options]';

function fail(message: string, code = 2): never {
  process.stderr.write(`host-fuzz: ${message}\n`);
  process.exit(code);
}

interface Cli {
  count: number;
  seed: number;
  transcript?: string;
  replay?: string;
  stallBytes?: number;
  pipelinedLines?: number;
  libfuzzer: boolean;
  libfuzzerArgs: string[];
}

function parseCli(argv: string[]): Cli {
  const cli: Cli = { count: 1_000_000, seed: 1, libfuzzer: false, libfuzzerArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i] ?? fail(`${arg} needs a value\n${usage}`);
    if (arg === '--') {
      cli.libfuzzerArgs = argv.slice(i + 1);
      break;
    } else if (arg === '--seed') cli.seed = Number(value());
    else if (arg === '--transcript') cli.transcript = resolve(value());
    else if (arg === '--replay') cli.replay = resolve(value());
    else if (arg === '--stall-bytes') cli.stallBytes = Number(value());
    else if (arg === '--pipelined') cli.pipelinedLines = Number(value());
    else if (arg === '--libfuzzer') cli.libfuzzer = true;
    else if (/^[0-9_]+$/.test(arg)) cli.count = Number(arg.replaceAll('_', ''));
    else fail(`unknown argument ${arg}\n${usage}`);
  }
  if (!Number.isSafeInteger(cli.count) || cli.count < 1) fail(`COUNT must be a positive integer\n${usage}`);
  if (!Number.isSafeInteger(cli.seed) || cli.seed < 0) fail(`--seed must be a non-negative integer\n${usage}`);
  return cli;
}

const formatRate = (n: number) => Math.round(n).toLocaleString('en-US');

async function runRandom(build: HostFuzzBuild, cli: Cli): Promise<number> {
  const run = await runHostFuzz(build, { count: cli.count, seed: cli.seed, transcript: cli.transcript, replay: cli.replay, stallBytes: cli.stallBytes, pipelinedLines: cli.pipelinedLines, echo: true });
  if (cli.replay) return run.exitCode === 0 ? 0 : 1;
  const s = run.summary;
  if (!s) {
    process.stderr.write(`host-fuzz: the driver ended without a summary (exit ${run.exitCode ?? run.signal})\n`);
    return 1;
  }
  console.log([
    '',
    `inputs run:      ${s.inputs.toLocaleString('en-US')} host lines (seed ${s.seed}), ${s.replies.toLocaleString('en-US')} replies, ${s.abortLines.toLocaleString('en-US')} abort lines, ${s.silentCopies.toLocaleString('en-US')} copies of a running request (no reply)`,
    `time:            ${s.seconds.toFixed(1)} s wall, ${s.rigSeconds.toFixed(0)} s of rig time`,
    `rate:            ${formatRate(s.inputsPerSecond)} inputs/s`,
    `replies:         ${s.okReplies.toLocaleString('en-US')} ok, ${(s.replies - s.okReplies).toLocaleString('en-US')} error, ${s.dupReplies.toLocaleString('en-US')} dup=1 (${s.longCopies.toLocaleString('en-US')} of them to a copy of a running PULL/HOME), ${s.deferredReplies.toLocaleString('en-US')} after a short operation`,
    `result:          ${s.result === 'pass' ? 'every line answered exactly once (or, by the protocol, not at all), no sanitizer report' : 'FAIL (see above)'}`,
  ].join('\n'));
  return s.result === 'pass' && run.exitCode === 0 ? 0 : 1;
}

async function libFuzzer(build: HostFuzzBuild, cli: Cli): Promise<number> {
  const started = Date.now();
  const run = await runLibFuzzer(build, { runs: cli.count, seed: cli.seed, extraArgs: cli.libfuzzerArgs, echo: true });
  const seconds = (Date.now() - started) / 1000;
  const done = /Done (\d+) runs in (\d+) second/.exec(run.stderr);
  console.log([
    '',
    `inputs run:      ${done ? Number(done[1]).toLocaleString('en-US') : '?'} libFuzzer inputs (seed ${cli.seed})`,
    `time:            ${seconds.toFixed(1)} s wall`,
    `rate:            ${done ? formatRate(Number(done[1]) / seconds) : '?'} inputs/s`,
    `result:          ${run.exitCode === 0 ? 'no finding' : `FAIL (exit ${run.exitCode}; the input is saved in ${relative(process.cwd(), build.buildDir)})`}`,
  ].join('\n'));
  return run.exitCode === 0 ? 0 : 1;
}

const cli = parseCli(process.argv.slice(2));
const variant = cli.libfuzzer ? 'libfuzzer' : 'random';
if (!hostFuzzCompilerAvailable(variant)) {
  fail(cli.libfuzzer ? 'clang++ is not installed: apt-get install clang libclang-rt-dev' : 'g++ is not installed: apt-get install g++');
}
const buildStarted = Date.now();
const build = await buildHostFuzz(variant);
console.log(`host-fuzz: built ${relative(process.cwd(), build.binary)} in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`);
process.exitCode = cli.libfuzzer ? await libFuzzer(build, cli) : await runRandom(build, cli);
