import { createInterface } from 'node:readline/promises';
import { printableText } from '../shared/identifier-text.js';
import type { Question } from './calibration-questions.js';

/** The person calibrating: answers questions, does what the walk asks at the rig, reads what it says. */
export interface Technician {
  ask<T>(question: Question<T>): Promise<T>;
  /** Something to do at the rig (hang the weight); resolves once it is done. */
  instruct(text: string): Promise<void>;
  say(text: string): void;
  close(): void;
}

/** The technician stopped the walk (Ctrl-C, `a` at a prompt): nothing more is done, nothing unconfirmed is written. */
export class CalibrationAbortedError extends Error {
  constructor() {
    super('calibration aborted by the technician');
    this.name = 'CalibrationAbortedError';
  }
}

/** A scripted answer that is missing or not allowed: names the key, the value given and what is allowed. */
export class AnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerError';
  }
}

/** `weight.id` of `{ weight: { id: … } }` (an answers file), as text; undefined when absent. */
function answerAt(answers: unknown, key: string): string | undefined {
  const value = key.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), answers);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * Answers from a file (YAML or JSON, keys as in `clampbench calibrate --help`): every instruction counts as
 * done at once (a fixture, or the simulator's hooks, does it); a missing or wrong answer ends the walk with
 * an AnswerError naming it, before anything is written to the rig.
 */
export function scriptedTechnician(answers: unknown, source: string, write: (text: string) => void): Technician {
  return {
    ask: async <T>(question: Question<T>): Promise<T> => {
      const given = answerAt(answers, question.key);
      if (given === undefined) throw new AnswerError(`${source}: ${question.key}: missing; ${question.text}`);
      const parsed = question.parse(given);
      if ('problem' in parsed) throw new AnswerError(`${source}: ${question.key}: value "${printableText(given)}" is not allowed; ${parsed.problem}`);
      write(`  ${question.text}: ${given}\n`);
      return parsed.value;
    },
    instruct: async (text) => void write(`  > ${text} (scripted: done)\n`),
    say: (text) => void write(`${text}\n`),
    close: () => undefined,
  };
}

/** A person at a terminal: a wrong answer is explained and asked again; `a` at an instruction aborts. */
export function terminalTechnician(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Technician {
  const rl = createInterface({ input, output, terminal: true });
  const line = async (prompt: string): Promise<string> => {
    try {
      return await rl.question(prompt);
    } catch {
      throw new CalibrationAbortedError();
    }
  };
  rl.on('SIGINT', () => rl.close());
  return {
    ask: async <T>(question: Question<T>): Promise<T> => {
      for (;;) {
        const answer = await line(`  ${question.text}: `);
        const parsed = question.parse(answer);
        if ('value' in parsed) return parsed.value;
        output.write(`    "${printableText(answer)}" is not allowed: ${parsed.problem}\n`);
      }
    },
    instruct: async (text) => {
      const answer = await line(`\n  > ${text}\n    [Enter when done, a to abort] `);
      if (answer.trim().toLowerCase() === 'a') throw new CalibrationAbortedError();
    },
    say: (text) => void output.write(`${text}\n`),
    close: () => rl.close(),
  };
}
