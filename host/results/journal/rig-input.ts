import { defaultFirmataRigFile } from '../../../rigs/firmata-continuity/rig-definition.js';
import type { RigChoice } from '../../rig/rig-kind.js';
import type { RunInput } from './journal-line.js';

/** The rig a run's journal says it began on (journals from before `--rig` existed: uno-pull). */
export function rigChoiceOf(input: RunInput): RigChoice {
  return input.rigKind === 'firmata' ? { kind: 'firmata', rigFile: input.rigFile ?? defaultFirmataRigFile } : { kind: 'uno-pull' };
}

/** What the journal keeps of the rig choice, so `resume` opens the same kind. */
export function rigInput(choice: RigChoice): Pick<RunInput, 'rigKind' | 'rigFile'> {
  return { rigKind: choice.kind, ...(choice.rigFile ? { rigFile: choice.rigFile } : {}) };
}
