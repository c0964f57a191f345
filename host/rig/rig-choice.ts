import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readYamlFile } from '../shared/load-data-file.js';
import { FIRMATA_RIG_KIND, defaultFirmataRigFile } from '../../rigs/firmata-continuity/rig-definition.js';
import { RIG_KINDS, type RigChoice } from './rig-kind.js';
import { UsageError } from '../shared/usage-error.js';

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
