import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { openUnoPullDriver } from '../../host/rig/open-uno-pull-driver.js';
import type { Operator, OperatorPrompt } from '../../host/runner/operator.js';
import { GrrStudyStopped, runGrrStudy } from '../../host/study/grr/run-study.js';
import { CONDUCTOR, DUT, scenarioPort } from '../runner/fixtures/builtin-plan-runs.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

// The real-rig path (no simulated parts or operators): before every run the person named mounts the part
// named, through the runner's operator prompts; an abort stops the study and keeps the runs made.
describe('a gauge R&R study with a person at the rig', () => {
  it('asks the named operator to mount the named part before each run, and stops with the runs so far on an abort', async () => {
    const prompts: OperatorPrompt[] = [];
    const operator: Operator = {
      confirm: async (prompt) => {
        prompts.push(prompt);
        return prompts.length === 3 ? 'abort' : 'ok';
      },
    };
    const resultsDir = mkdtempSync(join(tmpdir(), 'clampbench-grr-prompts-'));
    const rig = await openUnoPullDriver(scenarioPort('good-831-1104-10mm2'), { createSimulator: createUnoPullSimulator });
    try {
      const plan = resolvePlan({ plan: 'production-qc', dut: DUT, conductor: CONDUCTOR, rig: rig.driver });
      const study = runGrrStudy({
        driver: rig.driver,
        clock: rig.transport.clock,
        plan,
        target: { stepId: 'continuity', measurement: 'drop', pole: 2 },
        design: { parts: 2, operators: 2, trials: 2, seed: 1 },
        operatorNames: ['ana', 'ben'],
        partSerials: ['U-1', 'U-2'],
        resultsDir,
        input: { plan: 'production-qc', dut: DUT, conductor: CONDUCTOR },
        operator,
        write: () => undefined,
      });
      const stopped = await study.then(
        () => null,
        (error: unknown) => error,
      );
      expect(stopped).toBeInstanceOf(GrrStudyStopped);
      const runs = (stopped as GrrStudyStopped).runs;
      expect(runs.map((r) => [r.operatorName, r.serial])).toEqual(prompts.slice(0, 2).map((p) => ['ana', /part (U-\d)/.exec(p.text)![1]]));
      expect(prompts.map((p) => [p.stepId, p.pole, p.optional])).toEqual([
        ['grr-mount', 2, false],
        ['grr-mount', 2, false],
        ['grr-mount', 2, false],
      ]);
      expect(prompts[0]!.text).toMatch(/^run 1\/8 \(trial 1, ana, part U-[12]\): ana, mount part U-[12], take the conductor of pole 2 out and insert it again yourself; close the guard$/);
      expect((stopped as Error).message).toMatch(/^run 3\/8 \(trial 1, ben, part U-[12]\): the operator answered abort$/);
      for (const run of runs) expect(existsSync(join(resultsDir, run.folder, 'run.json'))).toBe(true);
    } finally {
      await rig.driver.close();
    }
  });
});
