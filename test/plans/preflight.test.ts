import { describe, expect, it } from 'vitest';
import { resolvePlan, type ResolvePlanRequest } from '../../host/plans/resolve-plan.js';
import { planError, tempFile } from './helpers.js';

const fullRig = { capabilities: new Set(['vdrop', 'iso', 'pull', 'heat', 'temp']), maxPoles: 8, limits: { forceCapN: 250, capacityN: 500, maxCurrentA: 50 } };
const base: ResolvePlanRequest = { plan: 'type-test', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: fullRig };

function refusal(overrides: Partial<ResolvePlanRequest>): string {
  return planError(() => resolvePlan({ ...base, ...overrides })).message;
}

/** A one-step plan file around `poleStep` (YAML lines, indented for the list). */
function planWith(poleStep: string): string {
  return tempFile('plan.yaml', `name: probe\ndescription: one step to probe pre-flight\npoleSteps:\n${poleStep}`);
}

describe('pre-flight refuses, before anything moves', () => {
  it('a test current above the DUT rated current', () => {
    const plan = planWith('  - { kind: temperature-rise, id: heat, title: Heat, current: { standard: IEC 60947-7-1 }, maxC: dut, maxRiseK: 45 }\n');
    expect(refusal({ plan })).toBe(
      'poleSteps[0].current: value 57 is not allowed; step heat: a test current (A) up to 831-1104/322-004\'s rated current, 41 A per IEC 61984 (IEC 60947-7-1 test current, 10 mm²: 57 A (IEC 60947-7-1:2009, clause unconfirmed; standards.md: Phoenix Contact catalogue pp. 606, 613 and quality-test pages))',
    );
  });

  it("a test current above the rig's maxCurrentA", () => {
    const rig = { ...fullRig, limits: { ...fullRig.limits, maxCurrentA: 30 } };
    expect(refusal({ rig })).toBe("poleSteps[4].current: value 41 is not allowed; step temperature-rise: a number from 0.1 to 30 A (HEAT currentA 0 or 0.1..maxCurrentA A; the rig's maxCurrentA is 30 A)");
  });

  it('an explicit current names the key the author wrote', () => {
    const plan = planWith('  - { kind: vdrop, id: drop, title: Drop, currentA: 45, maxDropMv: 3.2 }\n');
    expect(planError(() => resolvePlan({ ...base, plan })).field).toBe('poleSteps[0].currentA');
  });

  it('a conductor outside the DUT range: 10 mm² with ferrule is outside 0.5–6 mm²', () => {
    expect(refusal({ conductor: '10mm2-fine-ferrule' })).toMatch(
      /^conductor: value "10mm2-fine-ferrule" is not allowed; 831-1104\/322-004 takes a fine-stranded conductor with insulated ferrule of 0\.5–6 mm² \(WAGO data sheet/,
    );
    expect(refusal({ conductor: '10mm2-fine-ferrule-uninsulated' })).toMatch(/takes a fine-stranded conductor with uninsulated ferrule of 0\.5–6 mm²/);
  });

  it('a conductor outside the DUT range without ferrule, in mm² and in AWG', () => {
    expect(refusal({ conductor: '16mm2-fine' })).toMatch(/^conductor: value "16mm2-fine" is not allowed; 831-1104\/322-004 takes a fine-stranded conductor of 0\.5–10 mm² \/ 20–8 AWG/);
    expect(refusal({ conductor: '22awg-solid' })).toMatch(/^conductor: value "22awg-solid" is not allowed; 831-1104\/322-004 takes a solid conductor of 0\.5–10 mm² \/ 20–8 AWG/);
  });

  it("a force above the rig's force cap", () => {
    const rig = { ...fullRig, limits: { ...fullRig.limits, forceCapN: 60 } };
    expect(refusal({ rig })).toBe("poleSteps[2].force: value 90 is not allowed; step pull-out: a number from 1 to 60 N (PULL targetN 1..forceCapN N; the rig's forceCapN is 60 N)");
  });

  it("an approach speed above the rig's maximum speed", () => {
    const rig = { ...fullRig, limits: { ...fullRig.limits, maxSpeedMmps: 1.5 } };
    expect(refusal({ plan: 'production-qc', rig })).toBe(
      "poleSteps[1].approachMmps: value 2 is not allowed; step pull-check: a number from 0.01 to 1.5 mm/s (PULL approachMmps 0.01..maxSpeedMmps mm/s; the rig's maxSpeedMmps is 1.5 mm/s)",
    );
  });

  it("a force above the load cell's capacity", () => {
    const rig = { ...fullRig, limits: { ...fullRig.limits, capacityN: 50 } };
    expect(refusal({ rig })).toBe("poleSteps[2].force: value 90 is not allowed; step pull-out: a force (N) up to the rig's load cell capacity, 50 N");
  });

  it("a temperature limit above the rig's maxTempC (its OVERTEMP alarm would cut the current first)", () => {
    const rig = { ...fullRig, limits: { ...fullRig.limits, maxTempC: 90 } };
    expect(refusal({ rig })).toBe(
      "poleSteps[4].maxC: value 105 is not allowed; step temperature-rise: a number from 0 to 90 °C (setting tempLimitC 0..maxTempC °C: the rig's OVERTEMP alarm cuts the current at its tempLimitC, at most maxTempC; the rig's maxTempC is 90 °C)",
    );
  });

  it('a figure resolved from a standard below the protocol\'s range, rig or no rig', () => {
    const plan = planWith('  - { kind: pull, id: tug, title: Tug, force: { standard: IEC 60999-1, fraction: 0.005 }, holdS: 1, rateNps: 10, preloadN: 0.1 }\n');
    expect(refusal({ plan, rig: undefined })).toBe("poleSteps[0].force: value 0.45 is not allowed; step tug: a number at least 1 N (PULL targetN 1..forceCapN N; the rig's forceCapN when one is connected)");
  });

  it('a heating current that the wire would carry as 0 (HEAT 0 switches the current off)', () => {
    const plan = planWith('  - { kind: temperature-rise, id: heat, title: Heat, current: { dutRating: iec, fraction: 0.00001 }, maxC: 80, maxRiseK: 45 }\n');
    expect(refusal({ plan })).toBe("poleSteps[0].current: value 0.00041 is not allowed; step heat: a number from 0.1 to 50 A (HEAT currentA 0 or 0.1..maxCurrentA A; the rig's maxCurrentA is 50 A)");
  });

  it('the built-in plans pass on a rig with the simulator\'s figures', () => {
    const simRig = { ...fullRig, limits: { ...fullRig.limits, maxSpeedMmps: 5, maxTempC: 120 } };
    for (const plan of ['type-test', 'production-qc', 'production-qc-electrical']) {
      expect(resolvePlan({ ...base, plan, rig: simRig }).name).toBe(plan);
    }
  });

  it('a pole that does not exist on the DUT', () => {
    expect(refusal({ poles: [1, 5] })).toBe('poles: value 5 is not allowed; expected poles from 1 to 4 (831-1104/322-004 has 4 poles)');
    expect(refusal({ poles: [0] })).toBe('poles: value 0 is not allowed; expected poles from 1 to 4 (831-1104/322-004 has 4 poles)');
    expect(refusal({ poles: [2, 2] })).toBe('poles: value 2 is not allowed; each pole once');
  });

  it('a pole that does not exist on the rig', () => {
    const rig = { ...fullRig, maxPoles: 2 };
    expect(refusal({ rig, poles: [3] })).toBe('poles: value 3 is not allowed; expected poles from 1 to 2 (the rig switches 2 poles)');
  });

  it('an isolation check over more poles than the rig switches', () => {
    const rig = { ...fullRig, maxPoles: 2 };
    expect(refusal({ rig, poles: [1, 2] })).toBe('unitStepsAfter[0].kind: value "isolation" is not allowed; step isolation checks all 4 poles of the DUT; the rig switches 2');
  });

  it('a step needing a capability the rig lacks (STEP_CAPABILITY)', () => {
    const rig = { ...fullRig, capabilities: new Set(['vdrop', 'iso', 'pull']) };
    expect(refusal({ rig })).toBe('poleSteps[4].kind: value "temperature-rise" is not allowed; the rig offers vdrop, iso, pull; step temperature-rise needs "heat"');
    const noPull = { ...fullRig, capabilities: new Set(['vdrop', 'iso']) };
    expect(refusal({ rig: noPull, plan: 'production-qc' })).toBe('poleSteps[1].kind: value "pull" is not allowed; the rig offers vdrop, iso; step pull-check needs "pull"');
  });

  it('a preload at or above the pull force', () => {
    const plan = planWith('  - { kind: pull, id: tug, title: Tug, forceN: 5, holdS: 1, rateNps: 10, preloadN: 5 }\n');
    expect(refusal({ plan })).toBe('poleSteps[0].preloadN: value 5 is not allowed; step tug: a preload (N) below the pull force, 5 N');
  });

  it('an unknown plan name, listing the built-in plans', () => {
    expect(refusal({ plan: 'burn-in' })).toBe('plan: value "burn-in" is not allowed; expected a built-in plan (production-qc, production-qc-electrical, type-test) or the path of a plan file (.yaml)');
  });

  it('an unknown placeholder in a prompt, and {pole} in a unit step', () => {
    const pole = planWith('  - { kind: prompt, id: ask, title: Ask, text: "insert {wire}" }\n');
    expect(refusal({ plan: pole })).toBe('poleSteps[0].text: value "{wire}" is not allowed; placeholders in pole steps: {conductor}, {strip}, {dut}, {poles}, {pole}');
    const unit = tempFile('plan.yaml', 'name: probe\ndescription: probe\nunitSteps:\n  - { kind: prompt, id: ask, title: Ask, text: "pole {pole}" }\npoleSteps:\n  - { kind: vdrop, id: drop, title: Drop, currentA: 1, maxDropMv: 3 }\n');
    expect(refusal({ plan: unit })).toBe('unitSteps[0].text: value "{pole}" is not allowed; placeholders in unit steps: {conductor}, {strip}, {dut}, {poles}');
  });

  it('a wiring map of the wrong length', () => {
    const plan = tempFile('plan.yaml', 'name: probe\ndescription: probe\nunitSteps:\n  - { kind: isolation, id: iso, title: Iso, expectedWiring: [2, 1] }\npoleSteps:\n  - { kind: vdrop, id: drop, title: Drop, currentA: 1, maxDropMv: 3 }\n');
    expect(refusal({ plan })).toBe('unitSteps[0].expectedWiring: value [2, 1] is not allowed; expected 4 far-end terminals, each 1 to 4 (831-1104/322-004 has 4 poles)');
  });
});
