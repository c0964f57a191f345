import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Firmware-in-the-loop suites each run a CPU simulation; two cores, so two workers.
    maxWorkers: 2,
    // Each worker runs its files one after another in one process with the modules loaded once: a
    // fresh process and module graph per file cost over a tenth of the suite's CPU on two cores. Tests
    // therefore leave no state behind (rigs closed; process.exitCode, cwd and streams restored).
    isolate: false,
  },
});
