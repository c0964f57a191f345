import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readYamlFile } from '../config/load-data-file.js';
import { FIRMATA_RIG_KIND, defaultFirmataRigFile } from '../../rigs/firmata-continuity/rig-definition.js';
import { RIG_KINDS, type RigChoice } from '../rig/rig-kind.js';
import type { RunInput } from '../results/journal/journal-line.js';
import { UsageError } from './usage-error.js';

/** `--rig uno-pull`, `--rig firmata`, or `--rig <Firmata rig file>` (its `kind:` must say so). */
export function parseRigOption(value: string): RigChoice {
  if (value === 'uno-pull') return { kind: 'uno-pull' };
  if (value === 'firmata') return { kind: 'firmata', rigFile: defaultFirmataRigFile };
  if (!existsSync(value)) {
    throw new UsageError(`--rig: value "${value}" is neither a rig kind (${RIG_KINDS.join(', ')}) nor an existing rig file`);
  }
  const kind = (readYamlFile(value) as { kind?: unknown } | null)?.kind;
  if (kind !== FIRMATA_RIG_KIND) {
    throw new UsageError(`--rig: ${value} has kind ${JSON.stringify(kind)}; a rig file given to --rig must be a Firmata rig (kind: ${FIRMATA_RIG_KIND}); the uno-pull rig needs no file`);
  }
  return { kind: 'firmata', rigFile: resolve(value) };
}

/** The rig a run's journal says it began on (journals from before `--rig` existed: uno-pull). */
export function rigChoiceOf(input: RunInput): RigChoice {
  return input.rigKind === 'firmata' ? { kind: 'firmata', rigFile: input.rigFile ?? defaultFirmataRigFile } : { kind: 'uno-pull' };
}

/** What the journal keeps of the rig choice, so `resume` opens the same kind. */
export function rigInput(choice: RigChoice): Pick<RunInput, 'rigKind' | 'rigFile'> {
  return { rigKind: choice.kind, ...(choice.rigFile ? { rigFile: choice.rigFile } : {}) };
}
