import { describe, expect, it } from 'vitest';
import { parseConductorId } from '../../host/standards/conductor.js';
import { pullForceN, pullHoldS } from '../../host/standards/pull-force.js';
import { defaultEquilibriumKPerHour, maxRiseK } from '../../host/standards/temperature-rise.js';
import { maxDropMv, testCurrentA, vdropTestCurrentA } from '../../host/standards/voltage-drop.js';
import { planError } from './helpers.js';

const c = parseConductorId;

describe('standards tables', () => {
  it('IEC 60999-1: 10 mm² → 90 N, with its source', () => {
    expect(pullForceN('IEC 60999-1', c('10mm2-fine'))).toEqual({
      forceN: 90,
      source: 'IEC 60999-1 pull-out table, 10 mm² / 8 AWG: 90 N (IEC 60999-1:1999, Table 3; standards.md: WAGO technical section (terminal blocks vol. 2 p. 588, technical section p. 7); Siemens support FAQ 21656695)',
    });
  });

  it('20 AWG: 30 N per UL 486E against 20 N per IEC 60999-1', () => {
    expect(pullForceN('UL 486E', c('20awg-solid')).forceN).toBe(30);
    expect(pullForceN('IEC 60999-1', c('20awg-solid')).forceN).toBe(20);
  });

  it('finds a metric conductor in the AWG-only UL table through the equivalence', () => {
    expect(pullForceN('UL 486E', c('10mm2-fine')).forceN).toBe(90);
    expect(pullForceN('UL 1059', c('2.5mm2-solid')).forceN).toBe(50);
  });

  it('answers for the standards that share the IEC figures', () => {
    expect(pullForceN('IEC 60947-7-1', c('6mm2-fine')).forceN).toBe(80);
    expect(pullHoldS('IEC 60999-1').holdS).toBe(60);
  });

  it('says which sizes a table has when the conductor is not in it', () => {
    const error = planError(() => pullForceN('UL 486E', c('1mm2-solid')));
    expect(error.message).toBe('conductor: value "1mm2-solid" is not allowed; the UL 486E pull-out table has 20 AWG, 18 AWG, 16 AWG, 14 AWG, 12 AWG, 10 AWG, 8 AWG');
  });

  it('names the standards it knows when asked for another', () => {
    expect(planError(() => pullForceN('VDE 0815', c('10mm2-fine'), 'poleSteps[2].force.standard')).message).toBe(
      'poleSteps[2].force.standard: value "VDE 0815" is not allowed; pull-out forces are tabled for IEC 60999-1, IEC 60947-7-1, IEC 60998-2-2, UL 486E, UL 1059',
    );
  });

  it('IEC 60947-7-1: 10 mm² voltage-drop test current 0.1 × 57 A = 5.7 A, limit 3.2 mV', () => {
    expect(vdropTestCurrentA('IEC 60947-7-1', c('10mm2-fine'))).toEqual({
      currentA: 5.7,
      source: '0.1 × IEC 60947-7-1 test current, 10 mm²: 57 A (IEC 60947-7-1:2009, clause unconfirmed; standards.md: Phoenix Contact catalogue pp. 606, 613 and quality-test pages)',
    });
    expect(maxDropMv('IEC 60947-7-1').maxDropMv).toBe(3.2);
  });

  it('IEC 60947-7-1 test currents by mm² and by AWG', () => {
    const table = ['2.5mm2-solid', '4mm2-solid', '6mm2-fine', '10mm2-fine', '10awg-solid', '8awg-solid'].map((id) => testCurrentA('IEC 60947-7-1', c(id)).currentA);
    expect(table).toEqual([24, 32, 41, 57, 38, 50]);
  });

  it('refuses a size without a test current, listing the table', () => {
    expect(planError(() => testCurrentA('IEC 60947-7-1', c('1.5mm2-solid'))).message).toBe(
      'conductor: value "1.5mm2-solid" is not allowed; the IEC 60947-7-1 test-current table has 2.5 mm², 4 mm², 6 mm², 10 mm², 10 AWG, 8 AWG',
    );
  });

  it('temperature-rise limits per standard', () => {
    expect(['IEC 60947-7-1', 'IEC 60998-1', 'IEC 60512-5-1', 'UL 1059'].map((s) => maxRiseK(s).maxRiseK)).toEqual([45, 45, 30, 30]);
  });

  it('IEC 61984 has no rise limit: it points at the DUT limit temperature', () => {
    expect(planError(() => maxRiseK('IEC 61984')).message).toBe(
      'standard: value "IEC 61984" is not allowed; IEC 61984 sets no rise limit: ambient + self-heating ≤ the DUT\'s upper limiting temperature (use maxC: dut); standards with a rise limit: IEC 60947-7-1 (45 K), IEC 60998-1 (45 K), IEC 60512-5-1 (30 K), UL 1059 (30 K)',
    );
  });

  it('equilibrium < 1 K/h is a default marked unconfirmed', () => {
    expect(defaultEquilibriumKPerHour()).toEqual({ kPerHour: 1, source: 'common rule < 1 K/h, unconfirmed for these standards: a plan parameter (standards.md: temperature rise)' });
  });
});
