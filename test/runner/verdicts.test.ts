import { describe, expect, it } from 'vitest';
import type { Clock } from '../../host/shared/clock.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { TestRecord } from '../../host/runner/test-record.js';
import { FakeDriver, pulledOut, held } from './fixtures/fake-driver.js';
import { productionQcLike } from './fixtures/plans.js';
import { ScriptedOperator } from './fixtures/scripted-operator.js';

const outcomes = (record: TestRecord) => record.poles.map((p) => p.steps.map((s) => `${s.stepId}:${s.outcome}`).join(' '));

describe('runner verdicts from scripted readings', () => {
  it('passes a good unit: every step PASS, in plan order, with measurements and the record filled in', async () => {
    const driver = new FakeDriver();
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-1', operatorName: 'ana', station: 'QC-2' });
    expect(record.outcome).toBe('PASS');
    expect(record.cause).toBeUndefined();
    expect(record.unitSteps.map((s) => `${s.stepId}:${s.outcome}`)).toEqual(['mount:PASS', 'isolation:PASS']);
    expect(outcomes(record)).toEqual(Array(4).fill('insert:PASS vdrop:PASS pull:PASS'));
    expect(driver.rigCommands).toEqual([
      'confirm mount', 'checkIsolation 4',
      ...[1, 2, 3, 4].flatMap((p) => [`confirm insert ${p}`, 'readTemperatureC', `measureDrop ${p} 5.7`, `pull ${p} 90`]),
    ]);
    expect(driver.calls.at(-1)).toBe('makeSafe');
    expect(record).toMatchObject({
      serial: 'U-1', operator: 'ana', station: 'QC-2',
      plan: { name: 'production-qc-like', hash: 'sha256:test', stopOnFirstFail: false, retest: 0 },
      rig: { id: 'FAKE-1', firmwareVersion: '1.0.0', protocol: '1.0', calDate: 20250301, where: 'fake' },
      calibration: { status: 'valid', date: '2025-03-01', dueDate: '2035-03-09', intervalDays: 3660, checksum: null },
      release: { forRelease: true },
      dut: { partNumber: '831-1104/322-004' },
    });
    expect(record.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    const pole1Pull = record.poles[0]?.steps[2]?.attempts[0];
    const rounded = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(6)));
    expect(pole1Pull?.measurements.map((m) => [m.name, rounded(m.value), m.verdict])).toEqual([
      ['conductor-held', 1, 'PASS'],
      ['peak-force', 90.2, 'PASS'],
      ['slip', 0.01, 'PASS'],
      // The fake's ramp rises at exactly the plan's 90 N/s.
      ['force-rate', 90, 'PASS'],
      ['hold-force-min', 89.8, 'PASS'],
      ['hold-force-max', 90.2, 'PASS'],
    ]);
    expect(pole1Pull?.measurements.find((m) => m.name === 'force-rate')).toMatchObject({ condition: { nominal: 90 }, limits: { low: 76.5, high: 103.5 } });
    expect(pole1Pull?.samples?.slice(0, 2)).toEqual([{ tMs: 12.5, posMm: 0.01, forceN: 2 }, { tMs: 25, posMm: 0.02, forceN: 3.125 }]);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('gives every measurement the time its value was taken, not its attempt\'s start', async () => {
    class SlowDrop extends FakeDriver {
      override async measureDrop(pole: number, currentA: number) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return super.measureDrop(pole, currentA);
      }
    }
    const driver = new SlowDrop();
    const record = await runPlan(productionQcLike({ poles: [1] }), driver, new ScriptedOperator(driver), { serial: 'U-T' });
    const attempt = record.poles[0]!.steps.find((s) => s.stepId === 'vdrop')!.attempts[0]!;
    const [drop] = attempt.measurements;
    expect(drop!.measuredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(Date.parse(drop!.measuredAt!) - Date.parse(attempt.startedAt)).toBeGreaterThanOrEqual(35);
    expect(Date.parse(drop!.measuredAt!)).toBeLessThanOrEqual(Date.parse(record.endedAt));
  });

  it('records the wall time from start to end as durationMs, and a simulator\'s own time beside it', async () => {
    let simMs = 1_000;
    const simulated: Clock = { now: () => simMs, schedule: (ms, fn) => setTimeout(fn, 0), cancel: (handle) => clearTimeout(handle as NodeJS.Timeout), simulated: true };
    class FiveSimulatedSecondsADrop extends FakeDriver {
      override async measureDrop(pole: number, currentA: number) {
        simMs += 5_000;
        return super.measureDrop(pole, currentA);
      }
    }
    const driver = new FiveSimulatedSecondsADrop();
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-S', clock: simulated });
    expect(record.durationMs).toBe(Date.parse(record.endedAt) - Date.parse(record.startedAt));
    expect(record.durationMs).toBeLessThan(5_000);
    expect(record.simDurationMs).toBe(20_000);
    const wall = new FakeDriver();
    expect(await runPlan(productionQcLike(), wall, new ScriptedOperator(wall), { serial: 'U-W' })).not.toHaveProperty('simDurationMs');
  });

  it('fails a pole whose drop is too high, with the value, limit and standard in the cause', async () => {
    const driver = new FakeDriver();
    driver.drops.set(2, [{ open: false, dropMv: 5.71, currentA: 5.7, resistanceMilliohm: 1.0 }]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-2' });
    expect(record.outcome).toBe('FAIL');
    expect(record.poles.map((p) => p.outcome)).toEqual(['PASS', 'FAIL', 'PASS', 'PASS']);
    expect(record.poles[1]?.steps[1]?.cause).toBe('voltage drop 5.71 mV > 3.2 mV (IEC 60947-7-1)');
    expect(record.cause).toBe('pole 2 voltage drop: voltage drop 5.71 mV > 3.2 mV (IEC 60947-7-1)');
  });

  it('marks a close drop MARGINAL and the step a marginal PASS', async () => {
    const driver = new FakeDriver();
    driver.drops.set(1, [{ open: false, dropMv: 3.0, currentA: 5.7, resistanceMilliohm: 0.53 }]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-3' });
    const step = record.poles[0]?.steps[1];
    expect(record.outcome).toBe('PASS');
    expect(step).toMatchObject({ outcome: 'PASS', marginal: true });
    expect(step?.attempts[0]?.measurements[0]?.verdict).toBe('MARGINAL');
  });

  it('a hold whose force left the target ± 5 % is ERROR "condition not met", not a verdict on the pole', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(2, [{ ...held(90), holdMaxN: 95.1 }]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-H' });
    const pull = record.poles[1]?.steps[2];
    expect(pull).toMatchObject({ outcome: 'ERROR', cause: 'condition not met: force during the hold 95.10 N, outside 90 N ± 5 %' });
    expect(pull?.attempts[0]?.measurements.find((m) => m.name === 'hold-force-max')).toMatchObject({ verdict: 'FAIL', condition: { nominal: 90 }, limits: { low: 85.5, high: 94.5 } });
    expect(record.poles[1]?.outcome).toBe('ERROR');
  });

  it('a ramp at 60 N/s where the plan asks 90 N/s ± 15 % is ERROR "condition not met: force rate …"', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(2, [held(90, 0.01, 60)]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-R' });
    const pull = record.poles[1]?.steps[2];
    // The window is 20–80 % of the rise from the 2 N preload to 90 N: 19.6–72.4 N.
    expect(pull).toMatchObject({ outcome: 'ERROR', cause: 'condition not met: force rate (fit over 19.6–72.4 N) 60.0 N/s, outside 90 N/s ± 15 %' });
    const rate = pull?.attempts[0]?.measurements.find((m) => m.name === 'force-rate');
    expect(rate?.value).toBeCloseTo(60, 9);
    expect(rate).toMatchObject({ verdict: 'FAIL', unit: 'N/s', condition: { nominal: 90 }, limits: { low: 76.5, high: 103.5, source: 'plan rate 90 N/s ± 15 % (plan default 15 %)' } });
    expect(record.poles[1]?.outcome).toBe('ERROR');
  });

  it('a held pull with too few readings in the ramp to fit a rate is ERROR "force rate not measured"', async () => {
    const driver = new FakeDriver();
    const ramp = held(90).samples;
    driver.pulls.set(1, [{ ...held(90), samples: [ramp[0]!, ramp[20]!, ramp[40]!, ramp.at(-1)!] }]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-N' });
    expect(record.poles[0]?.steps[2]).toMatchObject({ outcome: 'ERROR', cause: 'condition not met: force rate not measured: 2 readings between 19.6–72.4 N' });
  });

  it('a pull that ends with a result word from a newer firmware is ERROR "unknown result <word>", the rig made safe', async () => {
    const driver = new FakeDriver();
    driver.pulls.set(1, [{ ...held(90), result: 'unknown', unknownResult: 'stalled' }]);
    const record = await runPlan(productionQcLike({ poles: [1] }), driver, new ScriptedOperator(driver), { serial: 'U-UR' });
    expect(record.poles[0]?.steps[2]).toMatchObject({ outcome: 'ERROR', cause: 'unknown result stalled (DONE:PULL from a newer firmware?)', attempts: [{ measurements: [] }] });
  });

  it('words an open circuit, a pull-out, slip, a miswire and a short', async () => {
    const driver = new FakeDriver();
    driver.isolation = [{ farEndByPole: [2, 1, 3, 4], shortedPairs: [[3, 4]] }];
    driver.drops.set(1, [{ open: true }]);
    driver.pulls.set(3, [pulledOut(38.2)]);
    driver.pulls.set(4, [held(90, 0.62)]);
    const record = await runPlan(productionQcLike(), driver, new ScriptedOperator(driver), { serial: 'U-4' });
    const iso = record.unitSteps[1];
    expect(iso?.cause).toBe('pole 1 reaches terminal 2 (miswired); pole 2 reaches terminal 1 (miswired); short between poles 3 and 4');
    expect(iso?.attempts[0]?.poleVerdicts).toEqual([
      { pole: 1, verdict: 'FAIL', causes: ['pole 1 reaches terminal 2 (miswired)'] },
      { pole: 2, verdict: 'FAIL', causes: ['pole 2 reaches terminal 1 (miswired)'] },
      { pole: 3, verdict: 'FAIL', causes: ['short between poles 3 and 4'] },
      { pole: 4, verdict: 'FAIL', causes: ['short between poles 3 and 4'] },
    ]);
    expect(record.poles[0]?.steps[1]?.cause).toBe('open circuit: test current not reached');
    expect(record.poles[2]?.steps[2]?.cause).toBe('pull-out at 38.2 N (< 90 N, IEC 60999-1)');
    expect(record.poles[3]?.steps[2]?.cause).toBe('slip 0.620 mm during hold > 0.5 mm');
    expect(record.outcome).toBe('FAIL');
  });
});
