import { citationText } from './citation.js';
import { PlanError } from '../shared/plan-error.js';
import type { Conductor } from './conductor.js';
import { standardTables } from './load-standards.js';
import { findRow, rowLabel, sizesText } from './size-rows.js';
import type { PullForceTable } from './standard-tables.js';


/** The pull-out table for a standard's name (or a standard that uses the same figures). */
function pullForceTable(standard: string, field = 'standard'): PullForceTable {
  const tables = standardTables().pullForce;
  const table = tables.find((candidate) => candidate.standard === standard || candidate.alsoIn.includes(standard));
  if (!table) throw new PlanError(field, standard, `pull-out forces are tabled for ${tables.flatMap((t) => [t.standard, ...t.alsoIn]).join(', ')}`);
  return table;
}

/** Pull-out force for a conductor per a standard's table, e.g. IEC 60999-1, 10 mm² → 90 N. */
export function pullForceN(standard: string, conductor: Conductor, field = 'standard'): { forceN: number; source: string } {
  const table = pullForceTable(standard, field);
  const row = findRow(table.rows, conductor);
  if (!row) throw new PlanError('conductor', conductor.id, `the ${table.standard} pull-out table has ${sizesText(table.rows)}`);
  return { forceN: row.forceN, source: `${table.standard} pull-out table, ${rowLabel(row)}: ${row.forceN} N (${citationText(table.standard, table.citation)}; ${table.source})` };
}

/** Hold time of a standard's pull-out test (1 minute for both tables shipped). */
export function pullHoldS(standard: string, field = 'standard'): { holdS: number; source: string } {
  const table = pullForceTable(standard, field);
  return { holdS: table.holdS, source: `${table.standard}: ${table.method} (${citationText(table.standard, table.citation)}; ${table.source})` };
}
