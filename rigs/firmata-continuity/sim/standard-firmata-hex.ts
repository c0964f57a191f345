import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The StandardFirmata image the simulator runs. Its licence keeps it out of this repository, so
 * it is fetched once from the npm package that ships it (avrgirl-arduino, a flashing tool whose
 * tarball carries prebuilt Uno images) and kept in a cache outside git.
 */
const PACKAGE_SPEC = 'avrgirl-arduino@5.0.1';
const HEX_IN_TARBALL = 'package/junk/hex/uno/StandardFirmata.cpp.hex';
/** Pinned, so a changed upstream file is refused rather than simulated as if it were the one we know. */
const STANDARD_FIRMATA_SHA256 = '6d57ea7cf30e26c9c2f3a01ee37907d2c951f8bc9c27f84dddad12fa9c8b8f36';
const CACHED_NAME = 'StandardFirmata-avrgirl-arduino-5.0.1.hex';
/** npm pack of a 3 MB package; generous for a slow registry, short of hanging a test run. */
const NPM_TIMEOUT_MS = 120_000;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface StandardFirmataHexOptions {
  /** Where the image is kept; default $CLAMPBENCH_CACHE_DIR, else node_modules/.cache/clampbench under the repo root. */
  cacheDir?: string;
  /** The npm client to run; default `npm` on PATH. */
  npmCommand?: string;
}

export function standardFirmataCacheDir(options: StandardFirmataHexOptions = {}): string {
  return options.cacheDir ?? process.env.CLAMPBENCH_CACHE_DIR ?? join(repoRoot, 'node_modules', '.cache', 'clampbench');
}

/** Path of the cached image when it is there and intact, else null (never downloads). */
export function cachedStandardFirmataHexFile(options: StandardFirmataHexOptions = {}): string | null {
  const file = join(standardFirmataCacheDir(options), CACHED_NAME);
  return existsSync(file) && sha256Of(file) === STANDARD_FIRMATA_SHA256 ? file : null;
}

/** Path of the StandardFirmata image, fetched into the cache on first use. Throws saying what was tried, why it failed and how to fix it. */
export async function standardFirmataHexFile(options: StandardFirmataHexOptions = {}): Promise<string> {
  const cached = cachedStandardFirmataHexFile(options);
  if (cached) return cached;
  const cacheDir = standardFirmataCacheDir(options);
  const target = join(cacheDir, CACHED_NAME);
  const fail = (why: string): Error =>
    new Error(
      `could not get the StandardFirmata image: tried \`npm pack ${PACKAGE_SPEC}\` and extracting ${HEX_IN_TARBALL}, but ${why}. ` +
        `Fix: run \`npm pack ${PACKAGE_SPEC}\` by hand, extract ${HEX_IN_TARBALL} from the tarball and put it at ${target} ` +
        `(sha256 ${STANDARD_FIRMATA_SHA256}); set CLAMPBENCH_CACHE_DIR to keep it elsewhere.`,
    );
  mkdirSync(cacheDir, { recursive: true });
  // A private work folder in the cache (same file system, so the final rename is atomic): two
  // test workers fetching at once each finish with a whole file.
  const work = mkdtempSync(join(cacheDir, 'fetch-'));
  try {
    process.stderr.write(`clampbench: fetching StandardFirmata (${PACKAGE_SPEC} from the npm registry) into ${cacheDir}\n`);
    const npm = options.npmCommand ?? 'npm';
    const packed = await run(npm, ['pack', PACKAGE_SPEC, '--pack-destination', work, '--silent'], work);
    if (packed.error) throw fail(npmFailure(npm, packed));
    const tarball = packed.stdout.trim().split('\n').pop()?.trim();
    if (!tarball) throw fail(`${npm} pack named no tarball`);
    const extracted = await run('tar', ['-xzf', join(work, tarball), '-C', work, HEX_IN_TARBALL], work);
    if (extracted.error) {
      throw fail(extracted.notFound ? 'tar was not found on PATH' : `tar could not extract it: ${lastLine(extracted.stderr)}`);
    }
    const hexFile = join(work, HEX_IN_TARBALL);
    const sha = sha256Of(hexFile);
    if (sha !== STANDARD_FIRMATA_SHA256) throw fail(`its checksum does not match (sha256 ${sha}, expected ${STANDARD_FIRMATA_SHA256})`);
    renameSync(hexFile, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

interface RunResult {
  error: boolean;
  notFound: boolean;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: NPM_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      const notFound = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ error: error !== null, notFound, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

function npmFailure(npm: string, result: RunResult): string {
  if (result.notFound) return `${npm} was not found on PATH (install Node.js with npm)`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network/i.test(result.stderr)) {
    return `the npm registry was unreachable (${lastLine(result.stderr)})`;
  }
  return `${npm} pack failed: ${lastLine(result.stderr)}`;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((line) => line.trim() !== '');
  return lines.slice(-2).join(' / ') || 'no message';
}
