import { execFileSync } from 'node:child_process';
import { it } from 'vitest';

/**
 * A system tool some tests need (avr-gcc, socat, chromium). Where it is missing those tests are
 * skipped with a message saying what to install; with CLAMPBENCH_REQUIRE_TOOLS=1 (set by
 * .ci/run, which installs the tools) a missing tool is a failing test instead of a skip.
 */
export interface SystemTool {
  name: string;
  available: boolean;
}

export function systemTool(name: string, debianPackage: string, versionArgs: string[] = ['--version']): SystemTool {
  let available = true;
  try {
    execFileSync(name, versionArgs, { stdio: 'ignore' });
  } catch {
    available = false;
  }
  if (!available) {
    const required = process.env.CLAMPBENCH_REQUIRE_TOOLS === '1';
    if (!required) process.stderr.write(`SKIP: tests that need ${name} are skipped: it is not installed (Debian package ${debianPackage})\n`);
    it(`${name} is installed (CLAMPBENCH_REQUIRE_TOOLS=${required ? '1' : 'unset'})`, () => {
      if (required) throw new Error(`${name} is required here (CLAMPBENCH_REQUIRE_TOOLS=1) but not installed: apt-get install ${debianPackage}`);
    });
  }
  return { name, available };
}
