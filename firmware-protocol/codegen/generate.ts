// CLI: `npm run codegen` rewrites the generated files; `npm run codegen -- --check` only reports stale ones (exit 1).
import { FileValidationError } from '../../host/config/validation-error.js';
import { findStaleFiles, readCodegenInputs, renderOutputs, writeGeneratedFiles } from './codegen.js';

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const files = renderOutputs(readCodegenInputs());
  if (check) {
    const stale = findStaleFiles(files);
    if (stale.length === 0) {
      console.log('codegen: all generated files are current');
      return 0;
    }
    console.error(`codegen: stale generated files (run npm run codegen):\n${stale.map((p) => `  ${p}`).join('\n')}`);
    return 1;
  }
  const written = writeGeneratedFiles(files);
  console.log(written.length === 0 ? 'codegen: nothing to do' : `codegen: wrote\n${written.map((p) => `  ${p}`).join('\n')}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof FileValidationError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
