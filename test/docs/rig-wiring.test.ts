import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDutSpec } from '../../host/specs/load-dut-spec.js';
import { maxDropMv } from '../../host/standards/voltage-drop.js';
import { defaultRigFile, loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { RIG_DOC_FILE, SECTIONS, WIRING_COMMAND, renderRigDoc, sectionOf, withSections } from '../../rigs/uno-pull/docs/wiring.js';
import { DUT_FIGURES } from '../../rigs/uno-pull/docs/wiring-parts.js';

const rigYaml = readFileSync(defaultRigFile, 'utf8');
const tempDirs: string[] = [];

/** The rig definition loaded from a copy of rig.yaml with `edit` applied to its text. */
function editedRig(edit: (yaml: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'rig-wiring-'));
  tempDirs.push(dir);
  const file = join(dir, 'rig.yaml');
  const edited = edit(rigYaml);
  expect(edited).not.toBe(rigYaml);
  writeFileSync(file, edited);
  return loadRigDefinition(file);
}

const setPin = (name: string, pin: number) => (yaml: string) => yaml.replace(new RegExp(`^(  ${name}: +)\\d+`, 'm'), `$1${pin}`);

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('docs/RIG.md generated sections', () => {
  it('hold the parts list and wiring generated from the current rig.yaml', () => {
    const doc = readFileSync(RIG_DOC_FILE, 'utf8');
    const generated = renderRigDoc(loadRigDefinition());
    for (const section of SECTIONS) {
      expect(sectionOf(doc, section), `docs/RIG.md: the ${section} section is stale; run ${WIRING_COMMAND}`).toBe(generated[section]);
    }
  });

  it('move a signal in the table and the diagram when its pin changes in a copy of rig.yaml', () => {
    const now = renderRigDoc(loadRigDefinition()).wiring;
    const swapped = renderRigDoc(editedRig((yaml) => setPin('dir', 4)(setPin('step', 5)(yaml)))).wiring;

    expect(now).toContain('| D4 | PD4 | `pins.step` | STEP | stepper driver |');
    expect(now).toContain('uno -->|"D4 STEP"| driver');
    expect(swapped).toContain('| D4 | PD4 | `pins.dir` | DIR | stepper driver |');
    expect(swapped).toContain('| D5 | PD5 | `pins.step` | STEP | stepper driver |');
    expect(swapped).toContain('uno -->|"D4 DIR"| driver');
    expect(swapped).toContain('uno -->|"D5 STEP"| driver');
    expect(swapped).not.toContain('uno -->|"D4 STEP"| driver');

    const doc = readFileSync(RIG_DOC_FILE, 'utf8');
    expect(withSections(doc, { ...renderRigDoc(loadRigDefinition()), wiring: swapped })).not.toBe(doc);
  });

  it('follow a changed figure into the parts list and the pin notes', () => {
    const parts = renderRigDoc(editedRig((yaml) => yaml.replace('capacityN: 500', 'capacityN: 1000')));
    expect(parts.parts).toContain('| Load cell | 1000 N tension (`loadCell.capacityN`)');
    expect(parts.parts).toContain('about 200 N (20 % of the cell, where ISO 7500-1 starts)');
  });

  it('refuse an ADC channel on an Uno pin a digital signal uses, which the schema lets through', () => {
    const rig = editedRig(setPin('home', 14));
    expect(rig.pins.home).toBe(14);
    expect(() => renderRigDoc(rig)).toThrow('pins.senseAdc and pins.home are both Uno pin A0 (D14)');
  });

  it('refuse a document without exactly one pair of markers per section', () => {
    const sections = renderRigDoc(loadRigDefinition());
    expect(() => withSections('# no markers\n', sections)).toThrow('docs/RIG.md must contain exactly one <!-- GENERATED:parts BEGIN --> ... <!-- GENERATED:parts END --> pair');
    const doubled = '<!-- GENERATED:parts BEGIN -->\n<!-- GENERATED:parts END -->\n'.repeat(2);
    expect(() => sectionOf(doubled, 'parts')).toThrow('exactly one');
  });

  it('size parts with the DUT figures of its spec and standard', () => {
    const dut = loadDutSpec('831-1104/322-004');
    expect(DUT_FIGURES).toEqual({
      ratedCurrentA: dut.ratings.iec?.ratedCurrentA,
      crossSectionMm2: dut.ratedCrossSectionMm2,
      pinSpacingMm: dut.pitchMm,
      dropLimitMv: maxDropMv('IEC 60947-7-1').maxDropMv,
    });
  });
});
