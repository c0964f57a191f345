import { z } from 'zod';
/** Outcome of a step, a pole or the unit. ERROR: the rig or link failed; ABORTED: an operator or E-stop stopped it. */
export const Outcome = z.enum(['PASS', 'FAIL', 'ERROR', 'ABORTED', 'SKIPPED']).describe('PASS, FAIL, ERROR (the rig or link failed, or a condition was not met), ABORTED (an operator or the E-stop stopped it), SKIPPED');
export type Outcome = z.infer<typeof Outcome>;
