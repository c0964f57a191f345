import type { Conductor } from './conductor.js';
import { awgForMm2 } from './awg-equivalence.js';

interface SizedRow {
  crossSectionMm2?: number | undefined;
  awg?: number | undefined;
}

/** "10 mm² / 8 AWG", "1 mm²", "10 AWG": how a table row is named in sources and messages. */
export function rowLabel(row: SizedRow): string {
  const parts = [row.crossSectionMm2 !== undefined ? `${row.crossSectionMm2} mm²` : '', row.awg !== undefined ? `${row.awg} AWG` : ''];
  return parts.filter((part) => part !== '').join(' / ');
}

/**
 * The row for a conductor: by the unit the conductor was stated in first, then by its
 * equivalent (IEC 60999-1 AWG column), so `10mm2-fine` finds the UL 486E 8 AWG row.
 */
export function findRow<Row extends SizedRow>(rows: readonly Row[], conductor: Conductor): Row | undefined {
  if (conductor.awg !== undefined) {
    const byGauge = rows.find((row) => row.awg === conductor.awg);
    if (byGauge) return byGauge;
  }
  const byMm2 = rows.find((row) => row.crossSectionMm2 === conductor.crossSectionMm2);
  if (byMm2 || conductor.awg !== undefined) return byMm2;
  const gauge = awgForMm2(conductor.crossSectionMm2);
  return gauge === undefined ? undefined : rows.find((row) => row.awg === gauge && row.crossSectionMm2 === undefined);
}

/** The sizes a table has, for "not in the table" messages. */
export function sizesText(rows: readonly SizedRow[]): string {
  return rows.map(rowLabel).join(', ');
}
