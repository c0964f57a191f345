import { PlanError } from '../shared/plan-error.js';
import { planRowIndex } from './iso-2859-tables.js';
import { standardTables } from './load-standards.js';

export interface SamplingPlanRequest {
  /** Units in the lot the sample is drawn from. */
  lotSize: number;
  /** Inspection level as the standard names it: S-1 … S-4, I, II or III. */
  level: string;
  /** Acceptance quality limit in percent nonconforming, a column of Table 2-A (0.65, 1.0 …). */
  aqlPercent: number;
}

export interface SamplingPlan {
  /** Table 1's code letter for the lot size and level. */
  codeLetter: string;
  /** The row whose plan applies: the code letter, or the row an arrow in Table 2-A points to. */
  planLetter: string;
  /** The plan's sample size, n. */
  planSampleSize: number;
  /** Units to test: n, or the whole lot when n reaches the lot size. */
  sampleSize: number;
  /** Ac: the lot is accepted with at most this many nonconforming units in the sample. */
  acceptance: number;
  /** Re: the lot is not accepted with this many or more. */
  rejection: number;
  /** n ≥ lot size: the standard says to inspect every unit of the lot. */
  inspectAll: boolean;
  source: string;
}

/** Inspection levels in the order of Table 1's columns. */
export function inspectionLevels(): readonly string[] {
  return standardTables().sampling.codeLetters.levels;
}

/** The AQLs of Table 2-A as printed ("0.010" … "10"), for messages. */
export function tabledAqlsText(): string {
  return standardTables().sampling.normalSingle.aqlPercent.join(', ');
}

/** Table 2-A's column for an AQL given as a number (0.1 finds "0.10", 1 finds "1.0"). */
export function aqlColumn(aqlPercent: number): number | undefined {
  const column = standardTables().sampling.normalSingle.aqlPercent.findIndex((printed) => Number(printed) === aqlPercent);
  return column === -1 ? undefined : column;
}

/** An AQL as Table 2-A prints it (1 → "1.0", 0.1 → "0.10"), or undefined when not tabled. */
export function printedAql(aqlPercent: number): string | undefined {
  const column = aqlColumn(aqlPercent);
  return column === undefined ? undefined : standardTables().sampling.normalSingle.aqlPercent[column];
}

function lotRangeText(row: { lotSizeMin: number; lotSizeMax?: number | undefined }): string {
  return row.lotSizeMax === undefined ? `${row.lotSizeMin} and over` : `${row.lotSizeMin}–${row.lotSizeMax}`;
}

/**
 * ISO 2859-1 single sampling plan for normal inspection: Table 1 gives the code letter, Table 2-A
 * the plan, following its arrows (the plan pointed to brings its own sample size). `fieldPrefix`
 * names where the request came from in messages (e.g. `sampling.iso2859.`).
 * Example: lot 500, level II, AQL 1.0 → H, n=50, Ac 1, Re 2.
 */
export function samplingPlan(request: SamplingPlanRequest, fieldPrefix = ''): SamplingPlan {
  const { codeLetters, normalSingle } = standardTables().sampling;
  const { lotSize, level, aqlPercent } = request;

  if (!Number.isInteger(lotSize) || lotSize < 2) {
    throw new PlanError(`${fieldPrefix}lotSize`, lotSize, `a whole number of units, 2 or more (ISO 2859-1 Table 1 starts at lots of 2–8)`);
  }
  const levelColumn = codeLetters.levels.indexOf(level);
  if (levelColumn === -1) throw new PlanError(`${fieldPrefix}level`, level, `ISO 2859-1 inspection levels are ${codeLetters.levels.join(', ')}`);
  const column = aqlColumn(aqlPercent);
  if (column === undefined) {
    throw new PlanError(`${fieldPrefix}aqlPercent`, aqlPercent, `ISO 2859-1 Table 2-A has the AQLs (percent nonconforming) ${tabledAqlsText()}`);
  }

  // Validation guarantees contiguous ranges from 2 with an open last row: a lot of 2 or more finds one.
  const lotRow = codeLetters.rows.find((row) => lotSize >= row.lotSizeMin && (row.lotSizeMax === undefined || lotSize <= row.lotSizeMax));
  const codeLetter = lotRow?.letters[levelColumn];
  const letterRow = normalSingle.rows.findIndex((row) => row.letter === codeLetter);
  if (lotRow === undefined || codeLetter === undefined || letterRow === -1) throw new Error(`ISO 2859-1 tables disagree: no Table 2-A row for lot ${lotSize}, level ${level}`);

  const planRow = normalSingle.rows[planRowIndex(normalSingle.rows, letterRow, column) ?? -1];
  const cell = planRow?.plans[column];
  if (planRow === undefined || cell === undefined) throw new Error(`ISO 2859-1 Table 2-A: the cell ${codeLetter} at AQL ${aqlPercent} reaches no plan`);
  const [acceptance = Number.NaN, rejection = Number.NaN] = cell.split('/').map(Number);
  const inspectAll = planRow.sampleSize >= lotSize;
  const sampleSize = inspectAll ? lotSize : planRow.sampleSize;

  const printedAql = normalSingle.aqlPercent[column];
  const printedCell = normalSingle.rows[letterRow]?.plans[column];
  const arrow = planRow.letter === codeLetter ? '' : `${printedCell} to ${planRow.letter}: `;
  const whole = inspectAll ? `; n ≥ lot ${lotSize}: 100 % inspection` : '';
  const source =
    `${codeLetters.standard} Table 1, lot ${lotRangeText(lotRow)} at level ${level}: code letter ${codeLetter}; ` +
    `Table 2-A (${normalSingle.inspection} inspection), ${codeLetter} at AQL ${printedAql}: ${arrow}n=${planRow.sampleSize}, Ac ${acceptance}, Re ${rejection}${whole} ` +
    `(${codeLetters.source}; ${normalSingle.source})`;

  return { codeLetter, planLetter: planRow.letter, planSampleSize: planRow.sampleSize, sampleSize, acceptance, rejection, inspectAll, source };
}
