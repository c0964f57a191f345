import { performance } from 'node:perf_hooks';
import { LineClient, type RetryEvent } from '../../host/link/line-client.js';
import { resolvePlan } from '../../host/plans/resolve-plan.js';
import { UnoPullDriver } from '../../host/rig/uno-pull-driver.js';
import { autoConfirmOperator } from '../../host/runner/operator.js';
import { runPlan } from '../../host/runner/run-plan.js';
import type { StepRecord, TestRecord } from '../../host/runner/test-record.js';
import { simClock } from '../../host/shared/sim-clock.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { NoisyLink } from './noisy-link.js';

export interface NoisyUnitsOptions {
  units: number;
  errorPerByte: number;
  /** The noise of unit n is seeded with seed + n. */
  seed: number;
  /** Every retry of every unit's client (diagnosis). */
  onRetry?: (retry: RetryEvent, simMs: number) => void;
  /** Each unit's record (diagnosis). */
  onRecord?: (record: TestRecord) => void;
  /** Each unit's line and simulator, once opened (diagnosis: tap the traffic). */
  onOpen?: (link: NoisyLink, sim: UnoPullSimulator, client: LineClient) => void;
  /** Called after each unit (progress). */
  onUnit?: (index: number, verdict: string) => void;
}

export interface NoisyUnitsResult {
  /** Per unit: its outcome, then every step as `pole/step:OUTCOME`. */
  verdicts: string[];
  wallMs: number;
  /** Simulated (rig) time of all units, handshake included. */
  simMs: number;
  /** Sums over all units' steps. */
  retries: number;
  retriesByReason: Record<string, number>;
  damagedLines: number;
  conflictingReplies: number;
  /** Pulls whose end came from RESULT because their DONE line was damaged. */
  donesRecovered: number;
  hostBytesChanged: number;
  deviceBytesChanged: number;
}

const steps = (record: TestRecord): StepRecord[] => [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter];

/** A unit's verdict as one comparable line. */
export function verdictLine(record: TestRecord): string {
  const poleSteps = record.poles.flatMap((p) => p.steps.map((s) => `${p.pole}/${s.stepId}:${s.outcome}`));
  return [record.outcome, ...record.unitSteps.map((s) => `${s.stepId}:${s.outcome}`), ...poleSteps].join(' ');
}

/**
 * The built-in production-qc plan on the 831-1104 DUT, unit after unit, each on a freshly booted
 * simulated rig (fast mode) reached through a line with `errorPerByte` bit errors per byte in both
 * directions (0: a clean line), through the real LineClient, Uno driver and runner.
 */
export async function runNoisyUnits(options: NoisyUnitsOptions): Promise<NoisyUnitsResult> {
  const result: NoisyUnitsResult = { verdicts: [], wallMs: 0, simMs: 0, retries: 0, retriesByReason: {}, damagedLines: 0, conflictingReplies: 0, donesRecovered: 0, hostBytesChanged: 0, deviceBytesChanged: 0 };
  const startMs = performance.now();
  for (let unit = 0; unit < options.units; unit++) {
    const sim = new UnoPullSimulator({ mode: 'fast' });
    const link = new NoisyLink(sim, { errorPerByte: options.errorPerByte, seed: options.seed + unit });
    const clock = simClock(sim);
    const client = new LineClient(link, { clock });
    let donesRecovered = 0;
    client.on('retry', (retry) => options.onRetry?.(retry, sim.timeMs));
    options.onOpen?.(link, sim, client);
    const closeLink = async (): Promise<void> => {
      client.close();
      sim.stop();
      link.detach();
    };
    let driver: UnoPullDriver;
    try {
      sim.start();
      const identity = await client.connect({ bannerWaitMs: 2500, where: 'the simulator on a noisy line' });
      driver = await UnoPullDriver.create(client, identity, 'the simulator on a noisy line', closeLink);
    } catch (error) {
      // The rig could not be opened at all (handshake, SETTINGS): no unit was tested.
      await closeLink();
      const line = `NOT CONNECTED: ${error instanceof Error ? error.message : String(error)}`;
      result.verdicts.push(line);
      options.onUnit?.(unit, line);
      continue;
    }
    try {
      const plan = resolvePlan({ plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine', rig: driver });
      const original = driver.pull.bind(driver);
      driver.pull = async (...args) => {
        const reading = await original(...args);
        if (reading.doneRecovered) donesRecovered++;
        return reading;
      };
      let record: TestRecord;
      try {
        record = await runPlan(plan, driver, autoConfirmOperator, { serial: `NOISY-${unit + 1}`, clock });
      } catch (error) {
        // A unit the runner could not even record (the rig unreachable before its first step): no verdict.
        const line = `NO RECORD: ${error instanceof Error ? error.message : String(error)}`;
        result.verdicts.push(line);
        options.onUnit?.(unit, line);
        continue;
      }
      options.onRecord?.(record);
      const line = verdictLine(record);
      result.verdicts.push(line);
      for (const step of steps(record)) {
        result.retries += step.link?.retries ?? 0;
        for (const [reason, n] of Object.entries(step.link?.retriesByReason ?? {})) result.retriesByReason[reason] = (result.retriesByReason[reason] ?? 0) + n;
        result.damagedLines += step.link?.damagedLines ?? 0;
        result.conflictingReplies += step.link?.conflictingReplies ?? 0;
      }
      result.donesRecovered += donesRecovered;
      result.simMs += sim.timeMs;
      result.hostBytesChanged += link.hostToDevice.bytesChanged;
      result.deviceBytesChanged += link.deviceToHost.bytesChanged;
      options.onUnit?.(unit, line);
    } finally {
      await driver.close();
    }
  }
  result.wallMs = performance.now() - startMs;
  return result;
}
