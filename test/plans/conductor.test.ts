import { describe, expect, it } from 'vitest';
import { parseConductorId, withArticle } from '../../host/standards/conductor.js';
import { planError } from './helpers.js';

describe('conductor ids', () => {
  it('parses a metric fine-stranded conductor', () => {
    expect(parseConductorId('10mm2-fine')).toEqual({ id: '10mm2-fine', crossSectionMm2: 10, kind: 'fine', text: '10 mm² fine-stranded conductor' });
  });

  it('reads fine-ferrule as an insulated ferrule', () => {
    expect(parseConductorId('6mm2-fine-ferrule')).toEqual({ id: '6mm2-fine-ferrule', crossSectionMm2: 6, kind: 'fine-ferrule-insulated', text: '6 mm² fine-stranded conductor with insulated ferrule' });
  });

  it('parses an uninsulated ferrule and a decimal size', () => {
    expect(parseConductorId('2.5mm2-fine-ferrule-uninsulated')).toMatchObject({ crossSectionMm2: 2.5, kind: 'fine-ferrule-uninsulated' });
    expect(parseConductorId('2.5mm2-solid')).toMatchObject({ crossSectionMm2: 2.5, kind: 'solid', text: '2.5 mm² solid conductor' });
  });

  it('maps AWG to the standards table equivalents', () => {
    const pairs = [20, 18, 16, 14, 12, 10, 8].map((awg) => [awg, parseConductorId(`${awg}awg-solid`).crossSectionMm2]);
    expect(pairs).toEqual([
      [20, 0.5],
      [18, 0.75],
      [16, 1.5],
      [14, 2.5],
      [12, 4],
      [10, 6],
      [8, 10],
    ]);
    expect(parseConductorId('8awg-solid')).toEqual({ id: '8awg-solid', crossSectionMm2: 10, awg: 8, kind: 'solid', text: '8 AWG solid conductor' });
  });

  it('refuses a malformed id, listing the accepted forms', () => {
    const error = planError(() => parseConductorId('10mm-fine'));
    expect(error.field).toBe('conductor');
    expect(error.value).toBe('10mm-fine');
    expect(error.message).toBe(
      'conductor: value "10mm-fine" is not allowed; expected <size>mm2-<kind> or <gauge>awg-<kind>, e.g. 10mm2-fine, 6mm2-fine-ferrule, 2.5mm2-solid, 8awg-solid; ' +
        'kinds: solid, fine, fine-ferrule, fine-ferrule-insulated, fine-ferrule-uninsulated (fine-ferrule = insulated ferrule); ' +
        'gauges: 24 AWG≈0.2 mm², 22 AWG≈0.34 mm², 20 AWG≈0.5 mm², 18 AWG≈0.75 mm², 16 AWG≈1.5 mm², 14 AWG≈2.5 mm², 12 AWG≈4 mm², 10 AWG≈6 mm², 8 AWG≈10 mm², 6 AWG≈16 mm², 4 AWG≈25 mm², 2 AWG≈35 mm²',
    );
  });

  it('refuses an unknown kind and a gauge with no metric equivalent', () => {
    expect(planError(() => parseConductorId('10mm2-stranded')).value).toBe('10mm2-stranded');
    expect(planError(() => parseConductorId('7awg-solid')).value).toBe('7awg-solid');
    expect(planError(() => parseConductorId('0mm2-solid')).value).toBe('0mm2-solid');
  });

  it('puts the right article before a size', () => {
    expect(withArticle('8 AWG solid conductor')).toBe('an 8 AWG solid conductor');
    expect(withArticle('10 mm² fine-stranded conductor')).toBe('a 10 mm² fine-stranded conductor');
    expect(withArticle('18 AWG solid conductor')).toBe('an 18 AWG solid conductor');
    expect(withArticle('1.5 mm² solid conductor')).toBe('a 1.5 mm² solid conductor');
  });
});
