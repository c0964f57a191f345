import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { RunJournal } from '../../host/results/journal/run-journal.js';
import { runFolderName } from '../../host/results/run-folder.js';
import { openUnoPullDriver, type OpenUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { TestRecord } from '../../host/runner/test-record.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

export const scenarioFile = (name: string): string => new URL(`../../rigs/uno-pull/sim/scenarios/${name}.yaml`, import.meta.url).pathname;

export interface JournaledRun {
  record: TestRecord;
  dir: string;
  runId: string;
}

/**
 * production-qc on a simulated unit (fast mode) with the journal as its sink, as `clampbench run`
 * does it, in `resultsDir/<time>-<serial>/`; `dir` may name the run folder instead.
 */
export async function journaledRun(port: string, resultsDir: string, serial: string, dir?: string): Promise<JournaledRun> {
  let rig: OpenUnoPullDriver | null = null;
  const runDir = dir ?? join(resultsDir, runFolderName(new Date(), `${serial}-${randomUUID().slice(0, 8)}`));
  const runId = randomUUID();
  try {
    rig = await openUnoPullDriver(port, { createSimulator: createUnoPullSimulator });
    const plan = resolvePlan({ plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: rig.driver });
    const journal = RunJournal.create(runDir, runId, { plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine' });
    try {
      const record = await runPlan(plan, rig.driver, autoConfirmOperator, { serial, clock: rig.transport.clock, onEvent: journal.onEvent });
      return { record, dir: runDir, runId };
    } finally {
      journal.close();
    }
  } finally {
    await rig?.driver.close();
  }
}
