import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinDutSpecDir, listBuiltinDutSpecs, loadDutSpec, loadDutSpecFile } from '../../host/specs/load-dut-spec.js';
import { fileProblems, planError, tempFile } from './helpers.js';

const fourPoleFile = join(builtinDutSpecDir, '831-1104-322-004.yaml');
const fourPoleText = readFileSync(fourPoleFile, 'utf8');

/** The 4-pole spec with one substitution, loaded from a temporary file. */
function problemsWith(from: string, to: string): readonly string[] {
  expect(fourPoleText).toContain(from);
  const file = tempFile('spec.yaml', fourPoleText.replace(from, to));
  return fileProblems(() => loadDutSpecFile(file));
}

describe('DUT specs', () => {
  it('loads 831-1104/322-004 by part number with the datasheet figures', () => {
    const spec = loadDutSpec('831-1104/322-004');
    expect(spec.poles).toBe(4);
    expect(spec.pitchMm).toBe(7.62);
    expect(spec.conductors).toEqual({
      solid: { minMm2: 0.5, maxMm2: 10, thinnestAwg: 20, thickestAwg: 8 },
      fine: { minMm2: 0.5, maxMm2: 10, thinnestAwg: 20, thickestAwg: 8 },
      'fine-ferrule-insulated': { minMm2: 0.5, maxMm2: 6 },
      'fine-ferrule-uninsulated': { minMm2: 0.5, maxMm2: 6 },
    });
    expect(spec.stripLengthMm).toEqual({ min: 11, max: 13 });
    expect(spec.ratedCrossSectionMm2).toBe(10);
    expect(spec.ratings.iec.ratedCurrentA).toBe(41);
    expect(spec.ratings.iec.voltages.map((v) => `${v.voltageV} V ${v.category}`)).toEqual(['800 V III/3', '1000 V III/2', '1000 V II/2']);
    expect(spec.ratings.ul?.useGroups).toEqual({ C: { voltageV: 600, currentA: 37 }, D: { voltageV: 600, currentA: 5 } });
    expect(spec.ratings.csa?.useGroups).toEqual({ C: { voltageV: 600, currentA: 35 }, D: { voltageV: 600, currentA: 5 } });
    expect(spec.limitTemperatureC).toEqual({ min: -60, max: 105 });
    expect(spec.mustNotConnectLive).toBe(true);
    expect(spec.source).toMatch(/WAGO data sheet/);
    expect(spec.illustrative).toBeUndefined();
  });

  it('loads the same spec by path', () => {
    expect(loadDutSpec(fourPoleFile)).toEqual(loadDutSpec('831-1104/322-004'));
  });

  it('loads the 2-pole sibling, marked illustrative, through extends', () => {
    const spec = loadDutSpec('831-1102/322-000');
    expect(spec.poles).toBe(2);
    expect(spec.illustrative).toMatch(/4-pole/);
    expect(spec.ratings.iec.ratedCurrentA).toBe(41);
  });

  it('lists the built-in specs by part number', () => {
    expect(listBuiltinDutSpecs().map((entry) => [entry.partNumber, entry.poles, entry.illustrative !== undefined])).toEqual([
      ['831-1102/322-000', 2, true],
      ['831-1104/322-004', 4, false],
    ]);
  });

  it('refuses an unknown part number, listing the built-in ones', () => {
    const error = planError(() => loadDutSpec('831-1108/000-000'));
    expect(error.message).toBe('dut: value "831-1108/000-000" is not allowed; expected a built-in part number (831-1102/322-000, 831-1104/322-004) or the path of a DUT spec file (.yaml)');
  });

  it('names a wrong type', () => {
    expect(problemsWith('poles: 4', 'poles: four')).toEqual(['poles: value "four": Invalid input: expected number, received string']);
  });

  it('refuses unknown keys', () => {
    expect(problemsWith('pitchMm: 7.62', 'pitchMm: 7.62\npitch: 7.62')).toEqual([
      'pitch: value 7.62: unknown key (did you mean "pitchMm"?); allowed here: partNumber, manufacturer, description, source, illustrative, poles, pitchMm, conductors, stripLengthMm, ratedCrossSectionMm2, ratings, limitTemperatureC, mustNotConnectLive',
    ]);
  });

  it('refuses an unknown conductor kind', () => {
    expect(problemsWith('  solid: {', '  stranded: {')).toEqual([
      'conductors.stranded: value {"minMm2":0.5,"maxMm2":10,"thinnestAwg":20,"thickestAwg":8}: unknown key; allowed here: solid, fine, fine-ferrule-insulated, fine-ferrule-uninsulated',
    ]);
  });

  it('refuses a range that runs backwards', () => {
    expect(problemsWith('fine-ferrule-insulated: { minMm2: 0.5, maxMm2: 6 }', 'fine-ferrule-insulated: { minMm2: 8, maxMm2: 6 }')).toEqual([
      'conductors.fine-ferrule-insulated.minMm2: value 8: must not exceed maxMm2 (6)',
    ]);
  });

  it('refuses an AWG range with the gauges swapped', () => {
    expect(problemsWith('solid: { minMm2: 0.5, maxMm2: 10, thinnestAwg: 20, thickestAwg: 8 }', 'solid: { minMm2: 0.5, maxMm2: 10, thinnestAwg: 8, thickestAwg: 20 }')).toEqual([
      'conductors.solid.thickestAwg: value 20: must not exceed thinnestAwg (8): AWG numbers fall as conductors get thicker',
    ]);
  });

  it('refuses a limit temperature range upside down', () => {
    expect(problemsWith('limitTemperatureC: { min: -60, max: 105 }', 'limitTemperatureC: { min: 105, max: -60 }')).toEqual([
      'limitTemperatureC.min: value 105: must be below limitTemperatureC.max (-60)',
    ]);
  });

  it('refuses a missing live-connection rule (the runner relies on it)', () => {
    expect(problemsWith('mustNotConnectLive: true', '')).toEqual(['mustNotConnectLive: value missing: Invalid input: expected boolean, received undefined']);
  });
});
