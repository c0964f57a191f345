import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listBuiltinPlans } from '../../host/plans/load-plan.js';
import type { ResolvedStep } from '../../host/plans/resolved-plan.js';
import { resolvePlan } from '../../host/plans/resolve-plan.js';

const dut = '831-1104/322-004';

function step<Kind extends ResolvedStep['kind']>(steps: ResolvedStep[] | undefined, id: string, kind: Kind): Extract<ResolvedStep, { kind: Kind }> {
  const found = steps?.find((each) => each.id === id);
  expect(found?.kind).toBe(kind);
  return found as Extract<ResolvedStep, { kind: Kind }>;
}

describe('resolving the built-in plans for 831-1104/322-004 with 10mm2-fine', () => {
  it('lists both built-in plans with descriptions', () => {
    expect(listBuiltinPlans().map((plan) => plan.name)).toEqual(['production-qc', 'production-qc-electrical', 'type-test']);
    for (const plan of listBuiltinPlans()) expect(plan.description.length).toBeGreaterThan(20);
  });

  it('type-test: prompt, vdrop 5.7 A ≤ 3.2 mV, pull 90 N for 60 s, vdrop again, temperature rise 41 A ≤ 105 °C / 45 K, isolation after', () => {
    const plan = resolvePlan({ plan: 'type-test', dut, conductor: '10mm2-fine' });
    expect(plan.poles).toEqual([1, 2, 3, 4]);
    expect(plan.unitSteps).toEqual([]);
    expect(plan.poleSteps.map((s) => s.id)).toEqual(['insert-conductor', 'vdrop-before', 'pull-out', 'vdrop-after', 'temperature-rise']);
    const prompt = step(plan.poleSteps, 'insert-conductor', 'prompt');
    expect(prompt.text).toBe('insert a 10 mm² fine-stranded conductor, stripped 11–13 mm, into pole {pole}');
    expect(prompt.requireCurrentOff).toBe(true);
    for (const id of ['vdrop-before', 'vdrop-after']) {
      const vdrop = step(plan.poleSteps, id, 'vdrop');
      expect(vdrop.currentA).toBe(5.7);
      expect(vdrop.limits.dropMv).toMatchObject({ unit: 'mV', high: 3.2, marginalFraction: 0.1 });
      expect(vdrop.limits.dropMv.low).toBeUndefined();
    }
    const pull = step(plan.poleSteps, 'pull-out', 'pull');
    expect(pull).toMatchObject({ forceN: 90, holdMs: 60_000, rateNps: 10, failOnSlip: true, slipLimitMm: 0.5, preloadN: 2 });
    expect(pull.forceSource).toMatch(/^IEC 60999-1 pull-out table, 10 mm² \/ 8 AWG: 90 N/);
    const heat = step(plan.poleSteps, 'temperature-rise', 'temperature-rise');
    expect(heat.optional).toBe(true);
    expect(heat.currentA).toBe(41);
    expect(heat.currentSource).toBe('831-1104/322-004 rated current per IEC 61984: 41 A (WAGO data sheet, item number 831-1104/322-004 (reference/wago-831-1104-322-004-datasheet.md))');
    expect(heat.limits.temperatureC).toMatchObject({ unit: '°C', high: 105 });
    expect(heat.limits.riseK).toMatchObject({ unit: 'K', high: 45 });
    expect(heat.equilibriumKPerHour).toBe(1);
    const isolation = step(plan.unitStepsAfter, 'isolation', 'isolation');
    expect(isolation.poles).toBe(4);
    expect(isolation.expectedWiring).toEqual([1, 2, 3, 4]);
    expect(plan.options).toEqual({ stopOnFirstFail: false, retest: 0 });
  });

  it('production-qc: one load prompt, isolation, vdrop 5.7 A ≤ 3.2 mV, pull 45 N for 2 s at 100 N/s', () => {
    const plan = resolvePlan({ plan: 'production-qc', dut, conductor: '10mm2-fine' });
    expect(plan.unitSteps.map((s) => s.kind)).toEqual(['prompt', 'isolation']);
    expect(step(plan.unitSteps, 'load-unit', 'prompt').text).toBe('load 831-1104/322-004 with a 10 mm² fine-stranded conductor, stripped 11–13 mm, in each of poles 1–4; close the guard');
    expect(plan.poleSteps.map((s) => s.kind)).toEqual(['vdrop', 'pull']);
    expect(step(plan.poleSteps, 'continuity', 'vdrop')).toMatchObject({ currentA: 5.7, limits: { dropMv: { high: 3.2 } } });
    const pull = step(plan.poleSteps, 'pull-check', 'pull');
    expect(pull).toMatchObject({ forceN: 45, holdMs: 2000, rateNps: 100, failOnSlip: true });
    expect(pull.forceSource).toMatch(/^0\.5 × IEC 60999-1 pull-out table, 10 mm² \/ 8 AWG: 90 N/);
    expect(plan.unitStepsAfter).toEqual([]);
    expect(plan.options).toEqual({ stopOnFirstFail: true, retest: 0 });
  });

  it('planHash is the sha256 of the plan file text', () => {
    const plan = resolvePlan({ plan: 'type-test', dut, conductor: '10mm2-fine' });
    const text = readFileSync(plan.files?.plan ?? '', 'utf8');
    expect(plan.planHash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(plan.planHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the 2-pole spec resolves to 2 poles, isolation over 2, and carries its illustrative note', () => {
    const plan = resolvePlan({ plan: 'production-qc', dut: '831-1102/322-000', conductor: '10mm2-fine' });
    expect(plan.poles).toEqual([1, 2]);
    expect(plan.dut.poles).toBe(2);
    expect(step(plan.unitSteps, 'isolation', 'isolation').expectedWiring).toEqual([1, 2]);
    expect(step(plan.unitSteps, 'load-unit', 'prompt').text).toContain('in each of poles 1, 2;');
    expect(plan.dut.illustrative).toMatch(/4-pole/);
  });

  it('follows the conductor: 6 mm² with ferrule gets 0.1 × 41 A and 80 N; 8 AWG gets 5 A and 90 N', () => {
    const ferrule = resolvePlan({ plan: 'type-test', dut, conductor: '6mm2-fine-ferrule' });
    expect(step(ferrule.poleSteps, 'vdrop-before', 'vdrop').currentA).toBe(4.1);
    expect(step(ferrule.poleSteps, 'pull-out', 'pull').forceN).toBe(80);
    expect(step(ferrule.poleSteps, 'insert-conductor', 'prompt').text).toBe('insert a 6 mm² fine-stranded conductor with insulated ferrule, stripped 11–13 mm, into pole {pole}');
    const awg = resolvePlan({ plan: 'type-test', dut, conductor: '8awg-solid' });
    expect(step(awg.poleSteps, 'vdrop-before', 'vdrop').currentA).toBe(5);
    expect(step(awg.poleSteps, 'pull-out', 'pull').forceN).toBe(90);
    expect(awg.conductor).toEqual({ id: '8awg-solid', crossSectionMm2: 10, awg: 8, kind: 'solid', text: '8 AWG solid conductor' });
  });

  it('runs the pole steps on the poles asked for', () => {
    expect(resolvePlan({ plan: 'type-test', dut, conductor: '10mm2-fine', poles: [2, 4] }).poles).toEqual([2, 4]);
  });

  it('a rig that can do it all passes pre-flight', () => {
    const rig = { capabilities: new Set(['vdrop', 'iso', 'pull', 'heat', 'temp']), maxPoles: 8, limits: { forceCapN: 250, capacityN: 500, maxCurrentA: 50 } };
    expect(resolvePlan({ plan: 'type-test', dut, conductor: '10mm2-fine', rig }).poleSteps).toHaveLength(5);
  });
});
