import { printableText } from './identifier-text.js';

/** Bad command-line input: the message names the option, the value given and what is allowed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parse a number option within [min, max] or throw a UsageError that says so. */
export function numberOption(option: string, min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new UsageError(`${option}: value "${text}" is not allowed; expected a number from ${min} to ${max}`);
    }
    return value;
  };
}

/** Parse a text option a person types (`--serial`, `--operator`) or throw a UsageError naming the option, the value (escaped) and the problem. */
export function textOption(option: string, problem: (text: string) => string | null): (text: string) => string {
  return (text) => {
    const found = problem(text);
    if (found !== null) throw new UsageError(`${option}: value "${printableText(text)}" is not allowed; ${found}`);
    return text;
  };
}
