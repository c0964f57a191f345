import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedStandardFirmataHexFile, standardFirmataHexFile } from '../../rigs/firmata-continuity/sim/standard-firmata-hex.js';
import { standardFirmataAvailable } from './support/firmata-sim-board.js';

// Fetching the image without the network: a stand-in `npm` script answers `npm pack` the way the
// test needs (a tarball with the wrong file, or a registry error).
let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-firmata-hex-'));
  dirs.push(dir);
  return dir;
}

/** An executable that stands in for npm; `body` is shell, `$4` is the --pack-destination folder. */
function fakeNpm(body: string): string {
  const file = join(tempDir(), 'npm');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('fetching the StandardFirmata image', () => {
  it('says npm is missing, and how to put the file in place by hand', async () => {
    const cacheDir = tempDir();
    const message = await failure(standardFirmataHexFile({ cacheDir, npmCommand: join(cacheDir, 'no-such-npm') }));
    expect(message).toContain('tried `npm pack avrgirl-arduino@5.0.1`');
    expect(message).toContain('no-such-npm was not found on PATH');
    expect(message).toContain(`put it at ${join(cacheDir, 'StandardFirmata-avrgirl-arduino-5.0.1.hex')}`);
  });

  it('says the registry was unreachable when npm cannot resolve it', async () => {
    const npm = fakeNpm('echo "npm error code ENOTFOUND" >&2\necho "npm error network request to the registry failed" >&2\nexit 1');
    const message = await failure(standardFirmataHexFile({ cacheDir: tempDir(), npmCommand: npm }));
    expect(message).toMatch(/the npm registry was unreachable \(npm error code ENOTFOUND \/ npm error network request/);
  });

  it('refuses a file whose checksum is not the pinned one, and caches nothing', async () => {
    const npm = fakeNpm(
      [
        'work=$(mktemp -d)',
        'mkdir -p "$work/package/junk/hex/uno"',
        'echo ":00000001FF" > "$work/package/junk/hex/uno/StandardFirmata.cpp.hex"',
        'tar -czf "$4/avrgirl-arduino-5.0.1.tgz" -C "$work" package',
        'rm -rf "$work"',
        'echo avrgirl-arduino-5.0.1.tgz',
      ].join('\n'),
    );
    const cacheDir = tempDir();
    const message = await failure(standardFirmataHexFile({ cacheDir, npmCommand: npm }));
    expect(message).toMatch(/its checksum does not match \(sha256 [0-9a-f]{64}, expected 6d57ea7c/);
    expect(readdirSync(cacheDir)).toEqual([]);
    expect(cachedStandardFirmataHexFile({ cacheDir })).toBeNull();
  });
});

const available = await standardFirmataAvailable();

describe.skipIf(!available)('the cached StandardFirmata image', () => {
  it('is used as it is, without running npm again', async () => {
    const cacheDir = tempDir();
    const cached = join(cacheDir, 'StandardFirmata-avrgirl-arduino-5.0.1.hex');
    mkdirSync(cacheDir, { recursive: true });
    copyFileSync(await standardFirmataHexFile(), cached);
    expect(cachedStandardFirmataHexFile({ cacheDir })).toBe(cached);
    expect(await standardFirmataHexFile({ cacheDir, npmCommand: join(cacheDir, 'no-such-npm') })).toBe(cached);
  });

  it('is not trusted when it was changed: the cache then counts as empty', async () => {
    const cacheDir = tempDir();
    writeFileSync(join(cacheDir, 'StandardFirmata-avrgirl-arduino-5.0.1.hex'), ':00000001FF\n');
    expect(existsSync(join(cacheDir, 'StandardFirmata-avrgirl-arduino-5.0.1.hex'))).toBe(true);
    expect(cachedStandardFirmataHexFile({ cacheDir })).toBeNull();
  });
});
