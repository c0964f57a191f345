/** Source files named in every banner; paths relative to the repository root. */
export const CODES_SOURCE = 'firmware-protocol/codes.yaml';
export const RIG_SOURCE = 'rigs/uno-pull/rig.yaml';
export const GENERATOR = 'firmware-protocol/codegen/generate.ts';

/** One-line "do not edit" notice, without comment delimiters. */
export function bannerText(source: string): string {
  return `Generated from ${source} by ${GENERATOR} (npm run codegen). Do not edit.`;
}
