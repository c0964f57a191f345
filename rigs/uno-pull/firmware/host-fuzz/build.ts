// Build the host-fuzz binaries (the firmware with ASan + UBSan for x86-64) without running them:
//
//   node --import tsx rigs/uno-pull/firmware/host-fuzz/build.ts
//
// CI runs it while better-sqlite3 compiles on the other core, so test/firmware/parser-fuzz.test.ts
// finds its objects current (they are rebuilt whenever a source or header is newer). A variant whose
// compiler is missing is named and left out; a compile error exits 1.
import { relative } from 'node:path';
import { buildHostFuzz, hostFuzzCompilerAvailable, type HostFuzzVariant } from './host-fuzz.js';

const variants: HostFuzzVariant[] = ['random', 'faults', 'libfuzzer'];
try {
  for (const variant of variants) {
    if (!hostFuzzCompilerAvailable(variant)) {
      process.stdout.write(`host-fuzz: ${variant} left out (its compiler is not installed)\n`);
      continue;
    }
    const build = await buildHostFuzz(variant);
    process.stdout.write(`host-fuzz: ${variant} built: ${relative(process.cwd(), build.binary)}\n`);
  }
} catch (error) {
  process.stderr.write(`host-fuzz: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
