import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataFile } from '../../host/shared/load-data-file.js';
import { loadDutSpec } from '../../host/specs/load-dut-spec.js';
import { citationText, UNCONFIRMED, type Citation } from '../../host/standards/citation.js';
import { standardTables } from '../../host/standards/load-standards.js';
import { pullForceN, pullHoldS } from '../../host/standards/pull-force.js';
import { PullForceTable } from '../../host/standards/standard-tables.js';
import { maxRiseK } from '../../host/standards/temperature-rise.js';
import { maxDropMv } from '../../host/standards/voltage-drop.js';

/**
 * The standards /work/shared/reference/standards.md gives figures for, and the documents it names as
 * their sources (ISO 2859-1's tables are the standard's own). A table row citing anything else was
 * not checked against the reference.
 */
const KNOWN_STANDARDS = ['IEC 60999-1', 'IEC 60947-7-1', 'IEC 60998-1', 'IEC 60998-2-2', 'IEC 60512-5-1', 'IEC 61984', 'UL 486E', 'UL 1059', 'ISO 2859-1', 'ANSI/ASQ Z1.4'];
const KNOWN_SOURCES = [
  'standards.md: WAGO technical section (terminal blocks vol. 2 p. 588, technical section p. 7); Siemens support FAQ 21656695',
  'standards.md: WAGO vol. 2 p. 607',
  'standards.md: Phoenix Contact catalogue pp. 606, 613 and quality-test pages',
  'standards.md: temperature rise',
  "ISO 2859-1:1999 Table 1; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table I)",
  "ISO 2859-1:1999 Table 2-A; the standard's published figures, reproduced identically in public references such as ANSI/ASQ Z1.4 (Table II-A)",
];

/** Every row of every table shipped, as `what: standard | source` (a row's source is its table's). */
function rows(): Array<{ row: string; standards: string[]; source: string }> {
  const { pullForce, voltageDrop, temperatureRise, sampling } = standardTables();
  return [
    ...pullForce.flatMap((t) => t.rows.map((r) => ({ row: `pull ${t.standard} ${r.crossSectionMm2 ?? ''}/${r.awg ?? ''}`, standards: [t.standard, ...t.alsoIn], source: t.source }))),
    ...voltageDrop.flatMap((t) => [
      ...t.testCurrents.map((r) => ({ row: `test current ${t.standard} ${r.crossSectionMm2 ?? ''}/${r.awg ?? ''}`, standards: [t.standard], source: t.source })),
      { row: `voltage drop limit ${t.standard}`, standards: [t.standard], source: t.source },
    ]),
    ...temperatureRise.limits.map((l) => ({ row: `temperature rise ${l.standard}`, standards: [l.standard], source: temperatureRise.source })),
    ...[sampling.codeLetters, sampling.normalSingle].map((t) => ({ row: `sampling ${t.standard}`, standards: [t.standard, ...t.alsoIn], source: t.source })),
  ];
}

describe('the standards tables name their sources', () => {
  it('every row names a standard and a source document from the reference list', () => {
    const unknown = rows().flatMap(({ row, standards, source }) => [
      ...standards.filter((s) => !KNOWN_STANDARDS.includes(s)).map((s) => `${row}: standard ${s}`),
      ...(KNOWN_SOURCES.includes(source) ? [] : [`${row}: source ${source}`]),
    ]);
    expect(unknown).toEqual([]);
  });

  it('each figure cites the standard the reference gives it under', () => {
    const { pullForce, voltageDrop, temperatureRise } = standardTables();
    expect(pullForce.map((t) => `${t.standard} (${t.alsoIn.join(', ')})`)).toEqual(['IEC 60999-1 (IEC 60947-7-1, IEC 60998-2-2)', 'UL 486E (UL 1059)']);
    expect(voltageDrop.map((t) => t.standard)).toEqual(['IEC 60947-7-1']);
    expect(temperatureRise.limits.map((l) => `${l.standard}: ${l.maxRiseK ?? l.upperLimit}`)).toEqual(['IEC 60947-7-1: 45', 'IEC 60998-1: 45', 'IEC 60512-5-1: 30', 'UL 1059: 30', 'IEC 61984: dut']);
  });

  it('the DUT rated current is the connector standard\'s (IEC 61984), not the insulation coordination one its voltages are rated per', () => {
    const { iec } = loadDutSpec('831-1104/322-004').ratings;
    expect(iec).toMatchObject({ standard: 'IEC/EN 60664-1', ratedCurrentA: 41, ratedCurrentStandard: 'IEC 61984' });
    expect(KNOWN_STANDARDS).toContain(iec.ratedCurrentStandard);
  });
});

/** Every table's (and each temperature-rise row's) citation, as `standard: edition, clause`. */
function citations(): string[] {
  const { pullForce, voltageDrop, temperatureRise, sampling } = standardTables();
  const cite = (standard: string, c: Citation): string => `${standard}: ${c.edition}, ${c.clause}`;
  return [
    ...pullForce.map((t) => cite(t.standard, t.citation)),
    ...voltageDrop.map((t) => cite(t.standard, t.citation)),
    ...temperatureRise.limits.map((l) => cite(l.standard, l.citation)),
    ...[sampling.codeLetters, sampling.normalSingle].map((t) => cite(t.standard, t.citation)),
  ];
}

describe('the standards tables name edition and clause, or say they are unconfirmed', () => {
  it('every table and row carries an edition (a year) and a clause, each confirmed or marked unconfirmed', () => {
    // What could be confirmed (docs/plans.md, Standards tables): editions from the standards' covers and
    // catalogue entries, tables from manufacturers' pages that quote them. Everything else is unconfirmed.
    expect(citations()).toEqual([
      'IEC 60999-1: 1999, Table 3',
      `UL 486E: ${UNCONFIRMED}, Table 22`,
      `IEC 60947-7-1: 2009, ${UNCONFIRMED}`,
      `IEC 60947-7-1: 2009, ${UNCONFIRMED}`,
      `IEC 60998-1: ${UNCONFIRMED}, ${UNCONFIRMED}`,
      `IEC 60512-5-1: ${UNCONFIRMED}, ${UNCONFIRMED}`,
      `UL 1059: ${UNCONFIRMED}, ${UNCONFIRMED}`,
      `IEC 61984: ${UNCONFIRMED}, ${UNCONFIRMED}`,
      `ISO 2859-1: 1999, ${UNCONFIRMED}`,
      `ISO 2859-1: 1999, ${UNCONFIRMED}`,
    ]);
  });

  it('each limit\'s source text carries its citation', () => {
    const conductor = { id: 'cu-10-fine', crossSectionMm2: 10, kind: 'fine' as const, text: '10 mm² fine-stranded copper' };
    expect(pullForceN('IEC 60999-1', conductor).source).toContain('(IEC 60999-1:1999, Table 3; standards.md: WAGO');
    expect(pullHoldS('IEC 60999-1').source).toContain('(IEC 60999-1:1999, Table 3;');
    expect(maxDropMv('IEC 60947-7-1').source).toContain('(IEC 60947-7-1:2009, clause unconfirmed;');
    expect(maxRiseK('UL 1059').source).toContain('(UL 1059 (edition unconfirmed), clause unconfirmed;');
    expect(citationText('UL 486E', { edition: UNCONFIRMED, clause: 'Table 22', checked: 'x' })).toBe('UL 486E (edition unconfirmed), Table 22');
  });

  it('a table without a citation, or with an edition that is not a year, is refused naming the field', () => {
    const shipped = readFileSync(fileURLToPath(new URL('../../host/standards/ul-486e-pull.yaml', import.meta.url)), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'cb-standards-'));
    const without = join(dir, 'without.yaml');
    writeFileSync(without, shipped.replace(/^citation:.*$/m, ''));
    expect(() => loadDataFile(without, PullForceTable)).toThrow(/citation/);
    const badEdition = join(dir, 'bad-edition.yaml');
    writeFileSync(badEdition, shipped.replace(/^citation: \{ edition: unconfirmed,/m, 'citation: { edition: "about 2015",'));
    expect(() => loadDataFile(badEdition, PullForceTable)).toThrow(/citation\.edition/);
  });
});
