import { withArticle } from '../standards/conductor.js';
import { PlanError } from '../shared/plan-error.js';
import { polesText, type ResolveContext, type StepPath } from './resolve-context.js';

/**
 * Fill a prompt's placeholders from the DUT spec and conductor. `{pole}` stays for the runner in
 * pole steps (one resolved step serves every pole); in unit steps there is no pole to name.
 */
export function fillPromptText(text: string, context: ResolveContext, path: StepPath, scope: 'unit' | 'pole'): string {
  const { dut, conductor } = context;
  const values: Record<string, string> = {
    conductor: withArticle(conductor.text),
    strip: dut.stripLengthMm.min === dut.stripLengthMm.max ? `${dut.stripLengthMm.min} mm` : `${dut.stripLengthMm.min}–${dut.stripLengthMm.max} mm`,
    dut: dut.partNumber,
    poles: polesText(context.poles),
  };
  return text.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    if (name === 'pole' && scope === 'pole') return whole;
    const value = values[name];
    if (value === undefined) {
      const allowed = [...Object.keys(values), ...(scope === 'pole' ? ['pole'] : [])].map((key) => `{${key}}`).join(', ');
      throw new PlanError(`${path}.text`, whole, `placeholders in ${scope} steps: ${allowed}`);
    }
    return value;
  });
}
