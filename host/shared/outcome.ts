/** Outcome of a step, a pole or the unit. ERROR: the rig or link failed; ABORTED: an operator or E-stop stopped it. */
export type Outcome = 'PASS' | 'FAIL' | 'ERROR' | 'ABORTED' | 'SKIPPED';
