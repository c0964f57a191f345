import { createInterface } from 'node:readline/promises';
import type { Operator, OperatorAnswer, OperatorPrompt } from '../runner/operator.js';

/** `--yes`: every prompt is shown and confirmed at once (automation, tests, a line that loads units by robot). */
export function autoConfirmCliOperator(write: (text: string) => void): Operator {
  return {
    confirm: async (prompt) => {
      write(`  > ${prompt.text} (--yes: confirmed)\n`);
      return 'ok';
    },
  };
}

/** A person at a terminal: Enter confirms, `s` skips an optional step, `a` aborts the run. */
export function terminalOperator(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Operator {
  const rl = createInterface({ input, output, terminal: true });
  // On a TTY readline takes Ctrl-C itself (and only pauses); pass it on, so Ctrl-C stops the rig
  // at once whether or not a prompt is open.
  // An open prompt counts as answered "abort".
  let openPrompt: AbortController | null = null;
  rl.on('SIGINT', () => {
    openPrompt?.abort();
    process.kill(process.pid, 'SIGINT');
  });
  const question = async (text: string): Promise<string | null> => {
    openPrompt = new AbortController();
    try {
      return await rl.question(text, { signal: openPrompt.signal });
    } catch (error) {
      if (openPrompt.signal.aborted) return null;
      throw error;
    } finally {
      openPrompt = null;
    }
  };
  const ask = async (prompt: OperatorPrompt): Promise<OperatorAnswer> => {
    const choices = prompt.optional ? 'Enter when done, s to skip, a to abort' : 'Enter when done, a to abort';
    for (;;) {
      const reply = await question(`\n  > ${prompt.text}\n    [${choices}] `);
      if (reply === null) return 'abort';
      const answer = reply.trim().toLowerCase();
      if (answer === '') return 'ok';
      if (answer === 'a') return 'abort';
      if (answer === 's' && prompt.optional) return 'skip';
      output.write(`    "${answer}" is not an answer here (${choices})\n`);
    }
  };
  return { confirm: ask, close: () => rl.close() };
}
