import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODES_SOURCE, COMMANDS_SOURCE } from './banner.js';
import { CodesFile } from './codes-schema.js';
import { CommandsFile } from './commands-schema.js';
import { parseSource } from './read-source.js';
import { renderCodesH } from './render-codes-h.js';
import { renderCodesTs } from './render-codes-ts.js';
import { renderCommandsC } from './render-commands-c.js';
import { renderCommandsTs } from './render-commands-ts.js';
import { renderProtocolTables, spliceProtocolTables } from './render-protocol-tables.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The protocol package's own outputs, relative to the repository root. */
export const OUTPUT_PATHS = {
  codesTs: 'firmware-protocol/generated/codes.ts',
  commandsTs: 'firmware-protocol/generated/commands.ts',
  protocolMd: 'firmware-protocol/PROTOCOL.md',
} as const;

/** Names of the C files a firmware puts in its sketch folder; where that is, the firmware decides. */
const FIRMWARE_FILE_NAMES = { codesH: 'codes.h', commandsH: 'commands_table.h', commandsCpp: 'commands_table.cpp' } as const;

/** Everything the generator reads, as text, so a test can change it in memory. */
export interface ProtocolSources {
  codesYamlText: string;
  commandsYamlText: string;
  protocolMdText: string;
}

export interface GeneratedFile {
  /** Relative to the repository root (for firmware files: to the sketch folder until placed). */
  path: string;
  content: string;
}

export function readProtocolSources(root: string = repoRoot): ProtocolSources {
  return {
    codesYamlText: readFileSync(join(root, CODES_SOURCE), 'utf8'),
    commandsYamlText: readFileSync(join(root, COMMANDS_SOURCE), 'utf8'),
    protocolMdText: readFileSync(join(root, OUTPUT_PATHS.protocolMd), 'utf8'),
  };
}

/** Both source files validated; throws ProtocolSourceError naming the file and field. */
function parseProtocolSources(sources: ProtocolSources): { codes: CodesFile; commands: CommandsFile } {
  return {
    codes: parseSource(CODES_SOURCE, sources.codesYamlText, CodesFile),
    commands: parseSource(COMMANDS_SOURCE, sources.commandsYamlText, CommandsFile),
  };
}

/** Pure: the host module, the command module and PROTOCOL.md with its generated tables. */
export function renderProtocolFiles(sources: ProtocolSources): GeneratedFile[] {
  const { codes, commands } = parseProtocolSources(sources);
  // PROTOCOL.md is partly hand-written; keep LF so the output does not depend on a checkout's line endings.
  const markdown = sources.protocolMdText.replace(/\r\n/g, '\n');
  return [
    { path: OUTPUT_PATHS.codesTs, content: renderCodesTs(codes) },
    { path: OUTPUT_PATHS.commandsTs, content: renderCommandsTs(commands, codes) },
    { path: OUTPUT_PATHS.protocolMd, content: spliceProtocolTables(markdown, renderProtocolTables(codes, commands)) },
  ];
}

/** Pure: the C files a firmware compiles (codes, dispatch table, argument checks, settings, HELP), by file name. */
export function renderFirmwareFiles(sources: ProtocolSources): GeneratedFile[] {
  const { codes, commands } = parseProtocolSources(sources);
  const c = renderCommandsC(commands, codes);
  return [
    { path: FIRMWARE_FILE_NAMES.codesH, content: renderCodesH(codes) },
    { path: FIRMWARE_FILE_NAMES.commandsH, content: c.header },
    { path: FIRMWARE_FILE_NAMES.commandsCpp, content: c.source },
  ];
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Paths (relative) whose file on disk differs from what the generator would write, or is missing. */
export function findStaleFiles(files: readonly GeneratedFile[], root: string = repoRoot): string[] {
  return files.filter((f) => readOrUndefined(join(root, f.path)) !== f.content).map((f) => f.path);
}

/** Write the stale files only (temp file + rename, so a reader never sees half a header); returns what was written. */
function writeGeneratedFiles(files: readonly GeneratedFile[], root: string = repoRoot): string[] {
  const stale = findStaleFiles(files, root);
  for (const path of stale) {
    const target = join(root, path);
    const content = files.find((f) => f.path === path)?.content ?? '';
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, content, 'utf8');
    renameSync(temp, target);
  }
  return stale;
}

/** The command line of a generator: write the stale files, or with `--check` only list them (exit 1). Returns the exit code. */
export function runCodegen(files: readonly GeneratedFile[], argv: readonly string[], root: string = repoRoot): number {
  if (argv.includes('--check')) {
    const stale = findStaleFiles(files, root);
    if (stale.length === 0) {
      console.log('codegen: all generated files are current');
      return 0;
    }
    console.error(`codegen: stale generated files (run npm run codegen):\n${stale.map((p) => `  ${p}`).join('\n')}`);
    return 1;
  }
  const written = writeGeneratedFiles(files, root);
  console.log(written.length === 0 ? 'codegen: nothing to do' : `codegen: wrote\n${written.map((p) => `  ${p}`).join('\n')}`);
  return 0;
}
