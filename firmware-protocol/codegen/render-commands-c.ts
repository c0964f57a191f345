import type { CodesFile } from './codes-schema.js';
import type { CommandsFile } from './commands-schema.js';
import { renderCommandsHeader } from './render-commands-c-header.js';
import { renderCommandsSource } from './render-commands-c-source.js';
import { buildCommandTable } from './render-commands-c-table.js';


// The firmware's command table (`commands_table.h` / `commands_table.cpp`) from commands.yaml:
// command and argument indices, bounds and defaults, the descriptor tables, interlock order,
// SET / SETTINGS and HELP.
//
// The checks are table-driven: command_check.cpp (hand-written, the same for every commands.yaml)
// reads 4-byte argument descriptors and two pools of bound values from flash; per-command C code
// would cost several times the flash. The pieces:
//   render-commands-c-table.ts     commands.yaml -> the table (rows, gates, macros), and what it refuses
//   render-commands-c-specs.ts     argument descriptors and the pools of bound values
//   render-commands-c-header.ts    commands_table.h
//   render-commands-c-source.ts    commands_table.cpp: the tables
//   render-commands-c-settings.ts  commands_table.cpp: text checks, setting report, SET and SETTINGS

/** Errors command_check.cpp and the generated setting code answer; codes.yaml must define them. */
const ENGINE_ERRORS = ['UNKNOWN_COMMAND', 'OUT_OF_RANGE', 'MISSING_ARGUMENT', 'TOO_MANY_ARGUMENTS', 'UNKNOWN_SETTING', 'EEPROM_FAILED'] as const;

export function renderCommandsC(commands: CommandsFile, codes: CodesFile): { header: string; source: string } {
  const errorNames = new Set(codes.errors.map((e) => e.name));
  for (const name of ENGINE_ERRORS) if (!errorNames.has(name)) throw new Error(`codes.yaml has no error ${name}, which the firmware command table answers`);
  const table = buildCommandTable(commands, codes);
  return { header: renderCommandsHeader(table), source: renderCommandsSource(table) };
}
