import { citationText } from './citation.js';
import { PlanError } from '../shared/plan-error.js';
import { standardTables } from './load-standards.js';

/** Temperature-rise limit of a standard (IEC 60947-7-1 → 45 K). */
export function maxRiseK(standard: string, field = 'standard'): { maxRiseK: number; source: string } {
  const { limits, source } = standardTables().temperatureRise;
  const limit = limits.find((candidate) => candidate.standard === standard);
  const withRise = limits.filter((candidate) => candidate.maxRiseK !== undefined).map((candidate) => `${candidate.standard} (${candidate.maxRiseK} K)`);
  if (!limit) throw new PlanError(field, standard, `temperature-rise limits are tabled for ${withRise.join(', ')}`);
  if (limit.maxRiseK === undefined) {
    throw new PlanError(field, standard, `${standard} sets no rise limit: ${limit.note} (use maxC: dut); standards with a rise limit: ${withRise.join(', ')}`);
  }
  return { maxRiseK: limit.maxRiseK, source: `${standard}: rise ≤ ${limit.maxRiseK} K, ${limit.note} (${citationText(limit.standard, limit.citation)}; ${source})` };
}

/** Default equilibrium criterion; unconfirmed for these standards, hence a plan parameter. */
export function defaultEquilibriumKPerHour(): { kPerHour: number; source: string } {
  const { equilibrium, source } = standardTables().temperatureRise;
  const confidence = equilibrium.confirmed ? '' : ', unconfirmed for these standards: a plan parameter';
  return { kPerHour: equilibrium.kPerHour, source: `common rule < ${equilibrium.kPerHour} K/h${confidence} (${source})` };
}
