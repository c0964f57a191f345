import { standardTables } from './load-standards.js';

/**
 * AWG <-> mm² pairs from the AWG column of the IEC 60999-1 pull-out table (the nominal metric
 * sizes the standards pair with each gauge, e.g. 8 AWG ≈ 10 mm², though 8 AWG is 8.37 mm²).
 * One source, so a conductor stated in AWG meets the same table rows as its metric twin.
 */
export function awgEquivalents(): Array<{ awg: number; crossSectionMm2: number }> {
  const iec = standardTables().pullForce.find((table) => table.standard === 'IEC 60999-1');
  if (!iec) throw new Error('IEC 60999-1 pull-out table missing from host/standards');
  return iec.rows.flatMap((row) => (row.awg !== undefined && row.crossSectionMm2 !== undefined ? [{ awg: row.awg, crossSectionMm2: row.crossSectionMm2 }] : []));
}

export function mm2ForAwg(awg: number): number | undefined {
  return awgEquivalents().find((pair) => pair.awg === awg)?.crossSectionMm2;
}

export function awgForMm2(crossSectionMm2: number): number | undefined {
  return awgEquivalents().find((pair) => pair.crossSectionMm2 === crossSectionMm2)?.awg;
}
