import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestRecord } from '../../host/runner/test-record.js';
import { fixtureScenarioPort, runPlanOnSim, step } from './fixtures/builtin-plan-runs.js';

// Issue 19 item 5: the shift-start verification. Truth: the rig's check standard on pole 8 is certified
// 1.000 mΩ ±2 % (rigs/uno-pull/rig.yaml); the scenario sets what it really is.
const plan = fileURLToPath(new URL('../fixtures/plans/production-qc-checked.yaml', import.meta.url));

const runChecked = (port: string): Promise<TestRecord> => runPlanOnSim(plan, port, { serial: 'SIM-CS' });

describe('shift-start verification against the check standard (simulated rig)', () => {
  it('a standard at its certified 1.000 mΩ passes, measured within 1 % of the truth, and the unit gets its verdict', async () => {
    const record = await runChecked('sim');
    const check = step(record, 'check-standard');
    expect(check.outcome).toBe('PASS');
    const value = check.attempts[0]?.measurements[0]?.value ?? 0;
    expect(Math.abs(value - 1.0)).toBeLessThan(0.01);
    expect(check.attempts[0]?.measurements[0]?.limits).toMatchObject({ low: 0.98, high: 1.02 });
    expect(record.outcome).toBe('PASS');
  });

  it('a standard drifted to 1.050 mΩ (5 %, beyond ±2 %): the step is ERROR, nothing else runs, the unit gets no verdict', async () => {
    const record = await runChecked(fixtureScenarioPort('check-standard-drifted'));
    const check = step(record, 'check-standard');
    expect(check.outcome).toBe('ERROR');
    const value = check.attempts[0]?.measurements[0]?.value ?? 0;
    expect(Math.abs(value - 1.05)).toBeLessThan(0.0105);
    expect(check.cause).toMatch(/^check standard out of tolerance: CS-R-0001 reads 1\.0[45]\d\d mΩ, certified 1 mΩ ±2 % \(0\.9800\.\.1\.0200 mΩ\); no verdicts until the rig is checked$/);
    expect(record.outcome).toBe('ERROR');
    expect(record.poles.flatMap((p) => p.steps.map((s) => s.outcome))).toEqual(Array(8).fill('SKIPPED'));
  });
});
