import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { HISTORY_FILE, HistoryDb } from '../../host/results/history/history-db.js';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { runAttemptOnRig } from '../../host/station/run-attempt-on-rig.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

const dir = mkdtempSync(join(tmpdir(), 'clampbench-refused-at-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a station attempt that cannot start', () => {
  it('is kept in the history as a run that did not finish, its journal headed like any run and never ended', async () => {
    const rig = await openUnoPullDriver('sim', { createSimulator: createUnoPullSimulator });
    const plan = resolvePlan({ plan: 'production-qc-electrical', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: rig.driver });
    // The link goes away between two units (a pulled cable): the next attempt finds no rig to talk to.
    await rig.driver.close();
    const steps: unknown[] = [];
    const result = await runAttemptOnRig(rig, {
      serial: 'REFUSED-1',
      plan,
      input: { plan: 'production-qc-electrical', dut: '831-1104/322-004', conductor: '10mm2-fine', rigKind: 'uno-pull' },
      resultsDir: dir,
      station: 'line-test',
      operator: 'plc-3',
      signal: new AbortController().signal,
      onStarted: () => undefined,
      onStep: (step) => steps.push(step),
    });
    expect(result.record).toBeNull();
    expect(result.rigFault).toMatch(/^the run could not start: /);
    expect(result.problems).toEqual([]);
    expect(steps).toEqual([]);

    const lines = readFileSync(join(result.runDir, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: string; header?: { serial: string; station: string; operator: string; rig: { id: string } } });
    expect(lines.map((l) => l.t)).toEqual(['run']);
    expect(lines[0]?.header).toMatchObject({ serial: 'REFUSED-1', station: 'line-test', operator: 'plc-3', rig: { id: 'CB-UNO-0001' } });

    const history = HistoryDb.open(join(dir, HISTORY_FILE));
    try {
      expect(history.runs({}).map((r) => ({ serial: r.serial, outcome: r.outcome, station: r.station, operator: r.operator }))).toEqual([
        { serial: 'REFUSED-1', outcome: 'INCOMPLETE', station: 'line-test', operator: 'plc-3' },
      ]);
    } finally {
      history.close();
    }
  });
});
