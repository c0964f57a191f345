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
