import { Command, CommanderError } from 'commander';
import { FileValidationError } from '../config/validation-error.js';
import { registerRunCommand } from './run-command.js';
import { UsageError } from './usage-error.js';

/** Exit codes: 0 success, 1 a test verdict FAIL, 2 bad input or a rig/link problem. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('clampbench')
    .description('Test pluggable push-in connectors pole by pole: pull-out, voltage drop, isolation, temperature rise.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage and examples)');
  registerRunCommand(program);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof FileValidationError || error instanceof UsageError) {
      process.stderr.write(`clampbench: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`clampbench: ${(error as Error).message}\n`);
    return 2;
  }
}
