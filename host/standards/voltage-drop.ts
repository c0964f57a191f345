import { citationText } from './citation.js';
import { PlanError } from '../shared/plan-error.js';
import type { Conductor } from './conductor.js';
import { standardTables } from './load-standards.js';
import { findRow, rowLabel, sizesText } from './size-rows.js';
import type { VoltageDropTable } from './standard-tables.js';

function voltageDropTable(standard: string, field = 'standard'): VoltageDropTable {
  const tables = standardTables().voltageDrop;
  const table = tables.find((candidate) => candidate.standard === standard);
  if (!table) throw new PlanError(field, standard, `test currents and voltage-drop limits are tabled for ${tables.map((t) => t.standard).join(', ')}`);
  return table;
}

/** Products such as 57 × 0.1 land on 5.700000000000001; figures carry no more than 6 decimals. */
export function roundFigure(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The standard's test current for the conductor's size (IEC 60947-7-1, 10 mm² → 57 A). */
export function testCurrentA(standard: string, conductor: Conductor, field = 'standard'): { currentA: number; source: string } {
  const table = voltageDropTable(standard, field);
  const row = findRow(table.testCurrents, conductor);
  if (!row) throw new PlanError('conductor', conductor.id, `the ${table.standard} test-current table has ${sizesText(table.testCurrents)}`);
  return { currentA: row.currentA, source: `${table.standard} test current, ${rowLabel(row)}: ${row.currentA} A (${citationText(table.standard, table.citation)}; ${table.source})` };
}

/**
 * DC voltage-drop test current: `fraction` (default: the standard's own, 0.1) × the test current
 * of the conductor's size, e.g. 0.1 × 57 A = 5.7 A for 10 mm².
 */
export function vdropTestCurrentA(standard: string, conductor: Conductor, fraction?: number, field = 'standard'): { currentA: number; source: string } {
  const table = voltageDropTable(standard, field);
  const share = fraction ?? table.testCurrentFraction;
  const base = testCurrentA(standard, conductor, field);
  return { currentA: roundFigure(share * base.currentA), source: `${share} × ${base.source}` };
}

/** Voltage-drop limit before and after the other tests (IEC 60947-7-1: 3.2 mV). */
export function maxDropMv(standard: string, field = 'standard'): { maxDropMv: number; source: string } {
  const table = voltageDropTable(standard, field);
  return { maxDropMv: table.maxDropMv, source: `${table.standard}: ≤ ${table.maxDropMv} mV per terminal block before and after the other tests; ${table.method} (${citationText(table.standard, table.citation)}; ${table.source})` };
}
