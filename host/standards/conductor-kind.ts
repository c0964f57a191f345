import { z } from 'zod';

/** Conductor kinds as datasheets list them; each has its own clamping range on a DUT. */
export const ConductorKind = z.enum(['solid', 'fine', 'fine-ferrule-insulated', 'fine-ferrule-uninsulated']);
export type ConductorKind = z.infer<typeof ConductorKind>;

/** Words for prompts and reports ("a 10 mm² fine-stranded conductor with insulated ferrule"). */
export const CONDUCTOR_KIND_TEXT: Record<ConductorKind, { noun: string; suffix: string }> = {
  solid: { noun: 'solid conductor', suffix: '' },
  fine: { noun: 'fine-stranded conductor', suffix: '' },
  'fine-ferrule-insulated': { noun: 'fine-stranded conductor', suffix: ' with insulated ferrule' },
  'fine-ferrule-uninsulated': { noun: 'fine-stranded conductor', suffix: ' with uninsulated ferrule' },
};
