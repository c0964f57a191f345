import { describe, expect, it } from 'vitest';
import { rowsFromRecord } from '../../host/results/rows-from-record.js';
import type { StepRecord, TestRecord } from '../../host/runner/test-record.js';

const RUN_ID = '0b6f3c1e-2a4d-4e8f-9c1a-5d7e3f9b2a10';

const prompt: StepRecord = {
  stepId: 'load-unit',
  kind: 'prompt',
  title: 'Load the unit',
  optional: false,
  outcome: 'PASS',
  marginal: false,
  attempts: [{ attempt: 1, startedAt: '2025-03-01T09:12:44.120+01:00', durationMs: 3100, outcome: 'PASS', measurements: [] }],
};

/** Isolation found a short between poles 2 and 3. */
const isolation: StepRecord = {
  stepId: 'isolation',
  kind: 'isolation',
  title: 'Isolation and wiring map',
  optional: false,
  outcome: 'FAIL',
  cause: 'short between poles 2 and 3',
  marginal: false,
  attempts: [
    {
      attempt: 1,
      startedAt: '2025-03-01T09:12:47.300+01:00',
      durationMs: 410,
      outcome: 'FAIL',
      cause: 'short between poles 2 and 3',
      measurements: [
        { name: 'shorted-poles', value: 0, unit: '', limits: { high: 0, source: 'wiring' }, verdict: 'PASS', pole: 1 },
        { name: 'shorted-poles', value: 1, unit: '', limits: { high: 0, source: 'wiring' }, verdict: 'FAIL', cause: 'short between poles 2 and 3', pole: 2 },
        { name: 'shorted-poles', value: 1, unit: '', limits: { high: 0, source: 'wiring' }, verdict: 'FAIL', cause: 'short between poles 2 and 3', pole: 3 },
      ],
      poleVerdicts: [
        { pole: 1, verdict: 'PASS', causes: [] },
        { pole: 2, verdict: 'FAIL', causes: ['short between poles 2 and 3'] },
        { pole: 3, verdict: 'FAIL', causes: ['short between poles 2 and 3'] },
      ],
    },
  ],
};

const vdrop = (value: number | null, startedAt: string): StepRecord => ({
  stepId: 'continuity',
  kind: 'vdrop',
  title: 'Voltage drop (continuity)',
  optional: false,
  outcome: value === null ? 'FAIL' : 'PASS',
  marginal: false,
  attempts: [
    {
      attempt: 1,
      startedAt,
      durationMs: 180,
      outcome: value === null ? 'FAIL' : 'PASS',
      measurements: [
        value === null
          ? { name: 'drop', value: null, unit: 'mV', limits: { high: 3.2, source: 'IEC 60947-7-1' }, verdict: 'FAIL', cause: 'open circuit: test current not reached' }
          : { name: 'drop', value, unit: 'mV', limits: { high: 3.2, source: 'IEC 60947-7-1' }, verdict: 'PASS', decision: 'pass', uncertainty: { expanded: 0.0213, k: 2, budget: [] } },
      ],
    },
  ],
});

/** A pull that slipped, then held on the retest: both attempts stay in the rows. */
const pullRetested: StepRecord = {
  stepId: 'pull-check',
  kind: 'pull',
  title: 'Non-destructive pull',
  optional: false,
  outcome: 'PASS',
  marginal: false,
  attempts: [
    {
      attempt: 1,
      startedAt: '2025-03-01T09:12:48.100+01:00',
      durationMs: 2900,
      outcome: 'FAIL',
      cause: 'slip 0.612 mm during hold > 0.5 mm',
      measurements: [{ name: 'slip', value: 0.612, unit: 'mm', limits: { high: 0.5, source: 'plan slip limit' }, verdict: 'FAIL', cause: 'slip 0.612 mm during hold > 0.5 mm' }],
      samples: [
        { tMs: 0, posMm: 0, forceN: 0.1 },
        { tMs: 12.5, posMm: 0.025, forceN: 2.3 },
      ],
    },
    {
      attempt: 2,
      startedAt: '2025-03-01T09:12:51.200+01:00',
      durationMs: 2850,
      // A simulated rig: the attempt in the simulator's time beside its wall time.
      simDurationMs: 9120,
      outcome: 'PASS',
      // Taken at the end of the hold; the other fixtures' measurements are from journals without their own time.
      measurements: [{ name: 'slip', value: -0.0063, unit: 'mm', limits: { high: 0.5, source: 'plan slip limit' }, verdict: 'PASS', measuredAt: '2025-03-01T09:12:54.020+01:00' }],
      samples: [{ tMs: 0, posMm: 0, forceN: -0.04 }],
    },
  ],
};

const record: TestRecord = {
  recordVersion: 1,
  serial: 'CB2503-000042',
  plan: { name: 'production-qc', description: 'line QC', hash: 'sha256:9f2c', stopOnFirstFail: false, retest: 1 },
  dut: { partNumber: 'PTFIX-3', poles: 3, description: '3-pole push-in terminal block' },
  conductor: { id: 'cu-1.5-solid', crossSectionMm2: 1.5, kind: 'solid', text: '1.5 mm² solid copper' },
  rig: { id: 'uno-pull-01', firmwareVersion: '0.4.0', protocol: '1', calDate: 20250214, where: 'line 2' },
  operator: 'Jürgen Groß',
  station: 'QC-2',
  skipOptional: false,
  startedAt: '2025-03-01T09:12:44.000+01:00',
  endedAt: '2025-03-01T09:13:02.450+01:00',
  durationMs: 18450,
  unitSteps: [prompt, isolation],
  poles: [
    { pole: 1, outcome: 'PASS', steps: [vdrop(1.734, '2025-03-01T09:12:47.900+01:00'), pullRetested] },
    { pole: 2, outcome: 'FAIL', steps: [vdrop(null, '2025-03-01T09:12:55.000+01:00')] },
    // Its own step passed; the runner made the pole FAIL for the short isolation found on it.
    { pole: 3, outcome: 'FAIL', steps: [vdrop(1.802, '2025-03-01T09:12:58.000+01:00')] },
  ],
  unitStepsAfter: [],
  outcome: 'FAIL',
  cause: 'Isolation and wiring map: short between poles 2 and 3',
  teardownErrors: [],
};

const ids = { runId: RUN_ID, serial: 'CB2503-000042', plan: 'production-qc', rigId: 'uno-pull-01' };

describe('flattening a test record into rows', () => {
  it('gives one measurement row per measurement of every attempt, in run order, with the pole, limits and the time it was taken (else its attempt\'s start)', () => {
    const { measurements } = rowsFromRecord(record, RUN_ID);
    expect(measurements).toEqual([
      { ...ids, pole: 1, stepId: 'isolation', attempt: 1, name: 'shorted-poles', value: 0, unit: '', low: null, high: 0, verdict: 'PASS', cause: null, uncertainty: null, decision: null, measuredAt: '2025-03-01T09:12:47.300+01:00', attemptDurationMs: 410, attemptSimDurationMs: null },
      { ...ids, pole: 2, stepId: 'isolation', attempt: 1, name: 'shorted-poles', value: 1, unit: '', low: null, high: 0, verdict: 'FAIL', cause: 'short between poles 2 and 3', uncertainty: null, decision: null, measuredAt: '2025-03-01T09:12:47.300+01:00', attemptDurationMs: 410, attemptSimDurationMs: null },
      { ...ids, pole: 3, stepId: 'isolation', attempt: 1, name: 'shorted-poles', value: 1, unit: '', low: null, high: 0, verdict: 'FAIL', cause: 'short between poles 2 and 3', uncertainty: null, decision: null, measuredAt: '2025-03-01T09:12:47.300+01:00', attemptDurationMs: 410, attemptSimDurationMs: null },
      { ...ids, pole: 1, stepId: 'continuity', attempt: 1, name: 'drop', value: 1.734, unit: 'mV', low: null, high: 3.2, verdict: 'PASS', cause: null, uncertainty: 0.0213, decision: 'pass', measuredAt: '2025-03-01T09:12:47.900+01:00', attemptDurationMs: 180, attemptSimDurationMs: null },
      { ...ids, pole: 1, stepId: 'pull-check', attempt: 1, name: 'slip', value: 0.612, unit: 'mm', low: null, high: 0.5, verdict: 'FAIL', cause: 'slip 0.612 mm during hold > 0.5 mm', uncertainty: null, decision: null, measuredAt: '2025-03-01T09:12:48.100+01:00', attemptDurationMs: 2900, attemptSimDurationMs: null },
      { ...ids, pole: 1, stepId: 'pull-check', attempt: 2, name: 'slip', value: -0.0063, unit: 'mm', low: null, high: 0.5, verdict: 'PASS', cause: null, uncertainty: null, decision: null, measuredAt: '2025-03-01T09:12:54.020+01:00', attemptDurationMs: 2850, attemptSimDurationMs: 9120 },
      { ...ids, pole: 2, stepId: 'continuity', attempt: 1, name: 'drop', value: null, unit: 'mV', low: null, high: 3.2, verdict: 'FAIL', cause: 'open circuit: test current not reached', uncertainty: null, decision: null, measuredAt: '2025-03-01T09:12:55.000+01:00', attemptDurationMs: 180, attemptSimDurationMs: null },
      { ...ids, pole: 3, stepId: 'continuity', attempt: 1, name: 'drop', value: 1.802, unit: 'mV', low: null, high: 3.2, verdict: 'PASS', cause: null, uncertainty: 0.0213, decision: 'pass', measuredAt: '2025-03-01T09:12:58.000+01:00', attemptDurationMs: 180, attemptSimDurationMs: null },
    ]);
  });

  it('gives a unit-scope measurement without a pole a null pole', () => {
    const wiring: StepRecord = {
      ...isolation,
      attempts: [{ ...isolation.attempts[0]!, measurements: [{ name: 'supply', value: 5.02, unit: 'V', limits: { low: 4.75, high: 5.25, source: 'rig' }, verdict: 'PASS' }] }],
    };
    const [row] = rowsFromRecord({ ...record, unitSteps: [wiring], poles: [] }, RUN_ID).measurements;
    expect(row).toMatchObject({ pole: null, name: 'supply', low: 4.75, high: 5.25 });
  });

  it('gives one sample row per force sample of every attempt, with its pole', () => {
    expect(rowsFromRecord(record, RUN_ID).samples).toEqual([
      { runId: RUN_ID, serial: 'CB2503-000042', pole: 1, stepId: 'pull-check', attempt: 1, tMs: 0, posMm: 0, forceN: 0.1 },
      { runId: RUN_ID, serial: 'CB2503-000042', pole: 1, stepId: 'pull-check', attempt: 1, tMs: 12.5, posMm: 0.025, forceN: 2.3 },
      { runId: RUN_ID, serial: 'CB2503-000042', pole: 1, stepId: 'pull-check', attempt: 2, tMs: 0, posMm: 0, forceN: -0.04 },
    ]);
  });

  it('summarises the run: failing steps in run order, failing poles from the pole outcomes (isolation findings included)', () => {
    expect(rowsFromRecord(record, RUN_ID).run).toEqual({
      runId: RUN_ID,
      serial: 'CB2503-000042',
      plan: 'production-qc',
      planHash: 'sha256:9f2c',
      dut: 'PTFIX-3',
      conductor: 'cu-1.5-solid',
      rigId: 'uno-pull-01',
      firmwareVersion: '0.4.0',
      protocol: '1',
      calDate: '2025-02-14',
      calDue: null,
      forRelease: null,
      operator: 'Jürgen Groß',
      station: 'QC-2',
      startedAt: '2025-03-01T09:12:44.000+01:00',
      endedAt: '2025-03-01T09:13:02.450+01:00',
      durationMs: 18450,
      simDurationMs: null,
      outcome: 'FAIL',
      cause: 'Isolation and wiring map: short between poles 2 and 3',
      failingPoles: '2 3',
      failingSteps: 'isolation; pole 2 continuity',
      measurementCount: 8,
      // A record without a stated rule (journals from before): no rule in the row, not a guessed one.
      decisionRule: null,
    });
  });

  it('gives the calibration date, due date and release mark of the record\'s calibration', () => {
    const calibration: NonNullable<TestRecord['calibration']> = { status: 'expired', date: '2025-02-14', dueDate: '2026-02-14', intervalDays: 365, checksum: 0x1d0f };
    const row = rowsFromRecord({ ...record, calibration, release: { forRelease: false, reason: 'expired; run anyway: qualification' } }, RUN_ID).run;
    expect([row.calDate, row.calDue, row.forRelease]).toEqual(['2025-02-14', '2026-02-14', false]);
  });

  it('gives older journals\' calibration date as an ISO date (from INFO\'s YYYYMMDD in the oldest), no due date and no release mark', () => {
    const calibration = (rig: Partial<TestRecord['rig']>) => {
      const { calDate, calDue } = rowsFromRecord({ ...record, rig: { ...record.rig, ...rig } }, RUN_ID).run;
      return { calDate, calDue };
    };
    expect(calibration({ calDate: 20261101, calibrationDate: '2026-11-01' })).toEqual({ calDate: '2026-11-01', calDue: null });
    expect(calibration({ calDate: 0, calibrationDate: null })).toEqual({ calDate: null, calDue: null });
    expect(calibration({ calDate: 20250214 })).toEqual({ calDate: '2025-02-14', calDue: null });
  });

  it('gives a simulated run its simulated duration beside the wall time', () => {
    expect(rowsFromRecord({ ...record, simDurationMs: 61_230 }, RUN_ID).run).toMatchObject({ durationMs: 18450, simDurationMs: 61_230 });
  });

  it('marks an unfinished run INCOMPLETE, with no end time or duration', () => {
    const { run } = rowsFromRecord(record, RUN_ID, false);
    expect(run).toMatchObject({ outcome: 'INCOMPLETE', endedAt: null, durationMs: null, simDurationMs: null, failingPoles: '2 3' });
  });

  it('leaves failing poles and steps empty for a passing run', () => {
    const passing: TestRecord = { ...record, unitSteps: [prompt], poles: [{ pole: 1, outcome: 'PASS', steps: [vdrop(1.5, '2025-03-01T09:12:47.900+01:00')] }], outcome: 'PASS' };
    delete passing.cause;
    expect(rowsFromRecord(passing, RUN_ID).run).toMatchObject({ outcome: 'PASS', cause: null, failingPoles: '', failingSteps: '', measurementCount: 1 });
  });
});
