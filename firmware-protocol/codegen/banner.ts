/** Source files named in every banner; paths relative to the repository root. */
export const CODES_SOURCE = 'firmware-protocol/codes.yaml';
export const COMMANDS_SOURCE = 'firmware-protocol/commands.yaml';

/** One-line "do not edit" notice, without comment delimiters. */
export function bannerText(source: string): string {
  return `Generated from ${source} (npm run codegen). Do not edit.`;
}
