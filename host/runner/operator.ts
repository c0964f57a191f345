/** What the runner asks a person to do: insert a conductor, mount a pole. */
export interface OperatorPrompt {
  text: string;
  pole?: number;
  stepId: string;
  /** Whether `skip` is an allowed answer (optional steps only). */
  optional: boolean;
}

export type OperatorAnswer = 'ok' | 'skip' | 'abort';

/**
 * The person at the rig. The runner switches the test current off before every prompt, so an
 * implementation may assume the DUT can be touched while `confirm` is pending.
 */
export interface Operator {
  confirm(prompt: OperatorPrompt): Promise<OperatorAnswer>;
  /** Release the terminal or panel; the runner does not call it (the caller owns the operator). */
  close?(): void;
}

/** Confirms everything at once: headless runs and tests. */
export const autoConfirmOperator: Operator = {
  confirm: async () => 'ok',
};
