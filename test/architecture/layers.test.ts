import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run check:layers` on the real tree, and on copies of it with one import added against the
// layer order of .ci/dependency-cruiser.cjs: the check must pass on the first and fail on each of the others.
const root = join(import.meta.dirname, '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const CHECKED = ['host', 'rigs', 'firmware-protocol'];
const copies: string[] = [];

function checkLayers(cwd: string): { status: number | null; output: string } {
  const result = spawnSync(depcruise, ['-c', join(root, '.ci', 'dependency-cruiser.cjs'), ...CHECKED], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The checked folders copied, with each [file, line] appended to its file. */
function treeWith(additions: ReadonlyArray<readonly [file: string, line: string]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-layers-'));
  copies.push(dir);
  for (const folder of CHECKED) cpSync(join(root, folder), join(dir, folder), { recursive: true, filter: (src) => !src.endsWith('.hex') });
  cpSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  for (const [file, line] of additions) appendFileSync(join(dir, file), `\n${line}\n`);
  return dir;
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run check:layers', () => {
  it('passes on the tree as it is', () => {
    const { status, output } = checkLayers(root);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  // Each added import breaks one rule; the rules are independent, so one run of the copy shows them all.
  const backArrows = [
    { what: 'the transport importing the runner (a type only)', file: 'host/transport/open-transport.ts', line: "import type { TestRecord } from '../runner/test-record.js';", rule: 'layer-transport', arrow: 'host/transport/open-transport.ts → host/runner/test-record.ts' },
    { what: 'the shared basics importing the CLI', file: 'host/shared/clock.ts', line: "import { main } from '../cli/main.js';", rule: 'layer-shared', arrow: 'host/shared/clock.ts → host/cli/main.ts' },
    { what: 'the rig layer importing a simulator', file: 'host/rig/rig-kind.ts', line: "import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';", rule: 'simulators-are-plug-ins', arrow: 'host/rig/rig-kind.ts → rigs/uno-pull/sim/create-simulator.ts' },
    { what: 'a simulator importing the link', file: 'rigs/uno-pull/sim/create-simulator.ts', line: "import { LineClient } from '../../../host/link/line-client.js';", rule: 'simulators-see-only-basics', arrow: 'rigs/uno-pull/sim/create-simulator.ts → host/link/line-client.ts' },
    { what: 'a circle inside one layer', file: 'host/shared/closest-name.ts', line: "import { FileValidationError } from './validation-error.js';", rule: 'no-circular', arrow: 'host/shared/closest-name.ts' },
  ];

  it('fails on each import against the order, naming the rule and the arrow', () => {
    const { status, output } = checkLayers(treeWith(backArrows.map((b) => [b.file, b.line] as const)));
    expect(status).not.toBe(0);
    for (const { what, rule, arrow } of backArrows) expect(output, what).toContain(`error ${rule}: ${arrow}`);
    expect(output).toMatch(/x \d+ dependency violations/);
  });
});
