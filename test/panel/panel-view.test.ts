import { describe, expect, it } from 'vitest';
import { isLoopback, parseListen } from '../../host/panel/panel-access.js';
import { PanelView } from '../../host/panel/panel-view.js';
import { PromptDesk } from '../../host/panel/prompt-desk.js';
import { HOST_LIMITS } from '../../host/shared/limits.js';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import type { RunEvent, RunHeader } from '../../host/runner/run-events.js';
import type { MeasurementRecord, StepRecord, TestRecord } from '../../host/runner/test-record.js';
import type { PromptView } from '../../host/panel/panel-messages.js';

// The panel's pieces on their own, with events made by hand: what the view makes of the station's
// and the runner's events, the prompt desk, and the --listen rule. The whole panel on the real
// firmware is in panel-in-browser.test.ts.

const plan = resolvePlan({ plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine' });
const at = '2026-12-01T10:00:00.000+01:00';

function view(hasRecord = true): PanelView {
  return new PanelView({ station: 'st', plan, dut: plan.dut.partNumber, conductor: '10mm2-fine', hasRecord: () => hasRecord }, ['A']);
}

function started(v: PanelView, serial = 'U-1'): void {
  v.onStationEvent({ event: 'unit-queued', at, serial, attempt: 1, queued: 1 });
  v.onStationEvent({ event: 'unit-started', at, serial, attempt: 1, rig: 'A', runDir: `/r/${serial}` });
  v.onRunEvent('A', { kind: 'run-started', plan: 'production-qc', serial, totalSteps: 10, header: { dut: { poles: 4 } } as RunHeader });
}

const measurement = (name: string, value: number, verdict: MeasurementRecord['verdict'], extra: Partial<MeasurementRecord> = {}): MeasurementRecord => ({ name, value, unit: 'mV', limits: { high: 3.2, source: 'IEC 60947-7-1' }, verdict, ...extra });
const step = (stepId: string, outcome: StepRecord['outcome'], cause?: string): StepRecord => ({ stepId, kind: 'vdrop', title: stepId, optional: false, outcome, ...(cause ? { cause } : {}), marginal: false, attempts: [] });
const position = { scope: 'pole', stepKind: 'pull', title: 'Non-destructive pull', total: 10, attempt: 1 } as const;

describe('PanelView', () => {
  it('lights a pole FAIL from an isolation measurement on it, keeps the cause, and the worst outcome after its own steps', () => {
    const v = view();
    started(v);
    v.onRunEvent('A', { kind: 'measurement', stepId: 'isolation', attempt: 1, measurement: measurement('far-end-terminal', 2, 'FAIL', { pole: 1, cause: 'pole 1 reaches terminal 2 (miswired)', limits: { low: 1, high: 1, source: 'wiring map' } }) });
    v.onRunEvent('A', { kind: 'measurement', stepId: 'isolation', attempt: 1, measurement: measurement('far-end-terminal', 3, 'PASS', { pole: 3, limits: { low: 3, high: 3, source: 'wiring map' } }) });
    v.onRunEvent('A', { kind: 'step-recorded', scope: 'pole', pole: 1, record: step('continuity', 'SKIPPED', 'not run: stopped on the first FAIL'), resumed: false });
    v.onRunEvent('A', { kind: 'step-recorded', scope: 'pole', pole: 3, record: step('continuity', 'PASS'), resumed: false });
    const unit = v.snapshot().lanes[0]!.unit!;
    expect(unit.poles.map((p) => `${p.pole}:${p.status}`)).toEqual(['1:FAIL', '2:waiting', '3:PASS', '4:waiting']);
    expect(unit.poles[0]!.cause).toBe('pole 1 reaches terminal 2 (miswired)');
    expect(unit.poles[0]!.measurements).toEqual([{ step: 'Isolation and wiring map', name: 'far-end-terminal', value: 2, unit: 'mV', low: 1, high: 1, verdict: 'FAIL', cause: 'pole 1 reaches terminal 2 (miswired)', uncertainty: null, decision: null }]);
    // At the end the lamps show the record's pole outcomes, those of the report and the exports.
    const poles = [1, 2, 3, 4].map((pole) => ({ pole, outcome: (pole === 1 ? 'FAIL' : pole === 3 ? 'PASS' : 'SKIPPED') as StepRecord['outcome'], steps: [] }));
    v.onRunEvent('A', { kind: 'run-finished', outcome: 'FAIL', record: { poles } as unknown as TestRecord });
    expect(v.snapshot().lanes[0]!.unit!.poles.map((p) => `${p.pole}:${p.status}`)).toEqual(['1:FAIL', '2:SKIPPED', '3:PASS', '4:SKIPPED']);
  });

  it('sends a pull curve in pieces from where the last piece ended, with the plan\'s target force; a new pull starts a new curve', () => {
    const v = view();
    started(v);
    v.takeChanges();
    v.onRunEvent('A', { kind: 'step-started', ...position, stepId: 'pull-check', pole: 2, index: 6 });
    for (let i = 0; i < 5; i++) v.onRunEvent('A', { kind: 'pull-sample', stepId: 'pull-check', pole: 2, tMs: i * 12.5, forceN: i, posMm: 0 });
    const first = v.takeChanges()!;
    expect(first.curves).toEqual([{ rig: 'A', curve: { id: 'U-1#1:pull-check:2:1', pole: 2, title: 'Non-destructive pull', targetN: 45 }, from: 0, points: [[0, 0], [0.0125, 1], [0.025, 2], [0.0375, 3], [0.05, 4]] }]);
    v.onRunEvent('A', { kind: 'pull-sample', stepId: 'pull-check', pole: 2, tMs: 62.5, forceN: 5, posMm: 0 });
    expect(v.takeChanges()!.curves).toEqual([expect.objectContaining({ from: 5, points: [[0.0625, 5]] })]);
    expect(v.takeChanges()).toBeNull();
    // A page connecting now gets the whole curve at once.
    expect(v.snapshot().lanes[0]!.curve!.points).toHaveLength(6);
    v.onRunEvent('A', { kind: 'step-started', ...position, stepId: 'pull-check', pole: 3, index: 8 });
    v.onRunEvent('A', { kind: 'pull-sample', stepId: 'pull-check', pole: 3, tMs: 0, forceN: 0.5, posMm: 0 });
    expect(v.takeChanges()!.curves).toEqual([expect.objectContaining({ curve: expect.objectContaining({ id: 'U-1#1:pull-check:3:1', pole: 3 }), from: 0, points: [[0, 0.5]] })]);
    const lamps = v.snapshot().lanes[0]!.unit!.poles;
    expect(lamps.map((p) => p.active)).toEqual([false, false, true, false]);
  });

  it('lists the last results, newest first and at most the limit, and opens run files only of listed results that have a record', () => {
    const v = view();
    for (let i = 1; i <= HOST_LIMITS.panel.lastResults + 2; i++) {
      started(v, `U-${i}`);
      v.onStationEvent({ event: 'unit-finished', at, serial: `U-${i}`, attempt: 1, firstAttempt: true, rig: 'A', outcome: 'PASS', failingPoles: [], failingSteps: [], runDir: `/r/U-${i}`, durationMs: 1, alreadyPassed: false, retest: false });
    }
    const results = v.snapshot().results;
    expect(results).toHaveLength(HOST_LIMITS.panel.lastResults);
    expect(results[0]!.serial).toBe(`U-${HOST_LIMITS.panel.lastResults + 2}`);
    expect(v.runDirOf(results[0]!.id)).toBe(`/r/U-${HOST_LIMITS.panel.lastResults + 2}`);
    expect(v.runDirOf(1)).toBeNull(); // dropped off the list
    expect(v.runDirOf(999)).toBeNull();

    const noRecord = view(false);
    started(noRecord);
    noRecord.onStationEvent({ event: 'unit-finished', at, serial: 'U-1', attempt: 1, firstAttempt: true, rig: 'A', outcome: 'ERROR', failingPoles: [], failingSteps: [], runDir: '/r/U-1', durationMs: 1, alreadyPassed: false, retest: false });
    expect(noRecord.snapshot().results[0]!.files).toBe(false);
    expect(noRecord.runDirOf(1)).toBeNull();
  });

  it('knows which serials are queued or running, until their last attempt ends (a retest keeps it)', () => {
    const v = view();
    started(v);
    expect(v.isInProgress('U-1')).toBe(true);
    const finished = { event: 'unit-finished' as const, at, serial: 'U-1', attempt: 1, firstAttempt: true, rig: 'A', outcome: 'FAIL' as const, failingPoles: [2], failingSteps: [], runDir: '/r/U-1', durationMs: 1, alreadyPassed: false };
    v.onStationEvent({ ...finished, retest: true });
    expect(v.isInProgress('U-1')).toBe(true);
    v.onStationEvent({ ...finished, attempt: 2, firstAttempt: false, retest: false });
    expect(v.isInProgress('U-1')).toBe(false);
  });

  it('shows a rig down with its fault, and back', () => {
    const v = view();
    v.onStationEvent({ event: 'station-ready', at, station: 'st', plan: 'production-qc', rigs: [{ rig: 'A', rigId: 'CB-1', where: 'sim' }], rigsDown: [] });
    v.onStationEvent({ event: 'rig-fault', at, rig: 'A', cause: 'the port closed' });
    expect(v.snapshot().lanes[0]).toMatchObject({ state: 'down', fault: 'the port closed' });
    v.onStationEvent({ event: 'rig-recovered', at, rig: 'A', rigId: 'CB-1', downMs: 10 });
    expect(v.snapshot().lanes[0]).toMatchObject({ state: 'free', fault: null });
  });
});

describe('PromptDesk', () => {
  it('opens a prompt per call, resolves it with the answer, refuses skip on a required step and an unknown id', async () => {
    const shown: Array<[string, PromptView | null]> = [];
    const desk = new PromptDesk((rig, prompt) => shown.push([rig, prompt]));
    const answer = desk.operatorFor('A', 'U-1').confirm({ text: 'load the unit', stepId: 'load-unit', optional: false });
    const prompt = shown[0]![1]!;
    expect(prompt).toEqual({ id: expect.any(String), serial: 'U-1', text: 'load the unit', optional: false });
    expect(desk.answer(prompt.id, 'skip')).toBe('answer: value "skip" is not allowed here: this step is not optional (allowed: ok, abort)');
    expect(desk.answer(prompt.id, 'ok')).toBeNull();
    await expect(answer).resolves.toBe('ok');
    expect(shown.at(-1)).toEqual(['A', null]);
    expect(desk.answer(prompt.id, 'ok')).toBe(`promptId: value "${prompt.id}" is not an open prompt (answered already, or its unit ended)`);
  });

  it('answers "abort" for the open prompt of an aborted rig only', async () => {
    const desk = new PromptDesk(() => undefined);
    const a = desk.operatorFor('A', 'U-1').confirm({ text: 'insert pole 1', stepId: 'insert', optional: true, pole: 1 });
    const b = desk.operatorFor('B', 'U-2').confirm({ text: 'insert pole 1', stepId: 'insert', optional: true, pole: 1 });
    desk.abortRig('A');
    await expect(a).resolves.toBe('abort');
    desk.abortAll();
    await expect(b).resolves.toBe('abort');
  });

  it('once the panel stops, a prompt a unit still starting up opens afterwards is answered "abort" too (no Ctrl-C hang)', async () => {
    const shown: Array<[string, PromptView | null]> = [];
    const desk = new PromptDesk((rig, prompt) => shown.push([rig, prompt]));
    desk.abortAll();
    await expect(desk.operatorFor('A', 'U-1').confirm({ text: 'load the unit', stepId: 'load-unit', optional: false })).resolves.toBe('abort');
    expect(shown).toEqual([]);
  });
});

describe('--listen', () => {
  it('takes an IPv4 or IPv6 address or localhost with a port', () => {
    expect(parseListen('127.0.0.1:8420')).toEqual({ host: '127.0.0.1', port: 8420 });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListen('localhost:9000')).toEqual({ host: 'localhost', port: 9000 });
    expect(parseListen('0.0.0.0:8420')).toEqual({ host: '0.0.0.0', port: 8420 });
  });

  it.each(['8420', 'panel.example:8420', '127.0.0.1:70000', '127.0.0.1:', ':8420', '999.1.1.1:80'])('refuses %s, naming the option and what is allowed', (text) => {
    expect(() => parseListen(text)).toThrow(`--listen: value "${text}" is not allowed; expected <address>:<port>`);
  });

  it('counts only loopback addresses as this machine', () => {
    expect(['127.0.0.1', '127.8.0.1', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'localhost.example'].map(isLoopback)).toEqual([false, false, false, false, false]);
  });
});
