import { randomUUID } from 'node:crypto';
import type { Operator, OperatorAnswer } from '../runner/operator.js';
import type { PromptView } from './panel-messages.js';

interface Pending {
  rig: string;
  view: PromptView;
  resolve: (answer: OperatorAnswer) => void;
}

/**
 * The runner's operator prompts, as the panel's dialogs: each rig's unit gets an Operator whose
 * `confirm` waits for an answer from a page. A prompt stays open while no page is connected (a page
 * that connects later shows it); an abort of the unit answers its open prompt "abort". Once the panel
 * stops, every prompt is answered "abort", also one a unit still starting up opens afterwards.
 */
export class PromptDesk {
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  /** `onChange(rig, prompt)`: a prompt opened (shown as a dialog) or closed (null). */
  constructor(private readonly onChange: (rig: string, prompt: PromptView | null) => void) {}

  operatorFor(rig: string, serial: string): Operator {
    return {
      confirm: (prompt) =>
        new Promise<OperatorAnswer>((resolve) => {
          if (this.stopped) {
            resolve('abort');
            return;
          }
          const view: PromptView = { id: randomUUID(), serial, text: prompt.text, optional: prompt.optional, ...(prompt.pole === undefined ? {} : { pole: prompt.pole }) };
          this.pending.set(view.id, { rig, view, resolve });
          this.onChange(rig, view);
        }),
    };
  }

  /** Answer an open prompt; an error text when there is none by that id or the answer is not allowed there. */
  answer(promptId: string, answer: OperatorAnswer): string | null {
    const open = this.pending.get(promptId);
    if (!open) return `promptId: value "${promptId}" is not an open prompt (answered already, or its unit ended)`;
    if (answer === 'skip' && !open.view.optional) return 'answer: value "skip" is not allowed here: this step is not optional (allowed: ok, abort)';
    this.close(promptId, open, answer);
    return null;
  }

  /** The unit on `rig` is stopped: its open prompt, if any, is answered "abort". */
  abortRig(rig: string): void {
    for (const [id, open] of this.pending) if (open.rig === rig) this.close(id, open, 'abort');
  }

  /** The panel stops: every open prompt is answered "abort", and every prompt opened from now on. */
  abortAll(): void {
    this.stopped = true;
    for (const [id, open] of this.pending) this.close(id, open, 'abort');
  }

  private close(id: string, open: Pending, answer: OperatorAnswer): void {
    this.pending.delete(id);
    this.onChange(open.rig, null);
    open.resolve(answer);
  }
}
