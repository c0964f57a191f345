import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { DutTwin } from '../../rigs/uno-pull/sim/dut-twin.js';
import { loadScenario } from '../../rigs/uno-pull/sim/scenario.js';

// A re-inserted conductor (a gauge study's operator effect) shifts its pole's contact resistance from the
// unit's own drawn figure: each shift starts from that figure, never from the previous shift.
const scenario = loadScenario(join(fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url)), 'good-831-1104-10mm2-spread.yaml'), loadRigDefinition());

describe('DutTwin.shiftContactResistance', () => {
  it('shifts one pole from its drawn figure, the others and later shifts unaffected by earlier ones', () => {
    const twin = new DutTwin(scenario, 3);
    const drawn = twin.truth().poles.map((p) => p.params.contactResistanceMilliohm);
    twin.shiftContactResistance(2, 0.01);
    twin.shiftContactResistance(2, -0.004);
    expect(twin.truth().poles.map((p) => p.params.contactResistanceMilliohm)).toEqual([drawn[0], drawn[1]! - 0.004, drawn[2], drawn[3]]);
    expect(twin.kelvinPathOhm(2)).toBeCloseTo((drawn[1]! - 0.004) / 1000, 15);
  });

  it('never takes a contact below 5 % of its drawn figure', () => {
    const twin = new DutTwin(scenario, 3);
    const drawn = twin.truth().poles[0]!.params.contactResistanceMilliohm;
    twin.shiftContactResistance(1, -10);
    expect(twin.contactOhm(1)).toBeCloseTo((0.05 * drawn) / 1000, 15);
  });

  it('refuses a pole the unit does not have', () => {
    expect(() => new DutTwin(scenario, 3).shiftContactResistance(5, 0.01)).toThrow('shiftContactResistance: pole 5 is not a pole of this 4-pole unit');
  });
});
