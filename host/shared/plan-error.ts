/**
 * A plan that cannot run as asked: a figure outside what the DUT, the conductor, the standards
 * tables or the rig allow, found before anything moves. The CLI maps it to exit code 2.
 * `field` is where the value came from (a plan step field, `--conductor`, `poles` …).
 */
export class PlanError extends Error {
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(field: string, value: unknown, allowed: string) {
    super(`${field}: value ${typeof value === 'string' ? JSON.stringify(value) : formatValue(value)} is not allowed; ${allowed}`);
    this.name = 'PlanError';
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

function formatValue(value: unknown): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}
