import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedPlan } from '../../../host/plans/resolved-plan.js';
import type { JournalLine } from '../../../host/results/journal/journal-line.js';
import { RunJournal } from '../../../host/results/journal/run-journal.js';
import { openUnoPullDriver } from '../../../host/rig/open-uno-pull-driver.js';
import type { UnoPullDriver } from '../../../host/rig/uno-pull-driver.js';
import { autoConfirmOperator } from '../../../host/runner/operator.js';
import type { RunEvent } from '../../../host/runner/run-events.js';
import { runPlan } from '../../../host/runner/run-plan.js';
import type { TemperaturePolling } from '../../../host/runner/steps/step-context.js';
import type { TestRecord } from '../../../host/runner/test-record.js';
import type { WorldSnapshot } from '../../../rigs/uno-pull/sim/rig-hardware.js';
import type { UnoPullSimulator } from '../../../rigs/uno-pull/sim/simulator.js';
import { recordDeviceAlarms, type DeviceAlarm } from './device-alarms.js';
import { createUnoPullSimulator } from '../../../rigs/uno-pull/sim/create-simulator.js';

/** Sees every run event until it returns true: then it has injected its fault (sim time stands still meanwhile). */
export type FaultTrigger = (event: RunEvent, sim: UnoPullSimulator) => boolean;

/** A rig opened on the simulator with its ALARM lines recorded; it stays open across runs until `close`. */
export interface SimRig {
  driver: UnoPullDriver;
  sim: UnoPullSimulator;
  alarms: DeviceAlarm[];
  /** One plan through runPlan with the journal as its sink, `trigger` watching the events. */
  run(plan: ResolvedPlan, trigger?: FaultTrigger, temperature?: TemperaturePolling): Promise<FaultRun>;
  close(): Promise<void>;
}

export interface FaultRun {
  record: TestRecord;
  /** The run's folder, holding journal.jsonl. */
  dir: string;
  /** The journal's lines as written. */
  journal: JournalLine[];
  /** When the trigger fired (simulated ms), and the world just before the fault took effect; null when it never fired. */
  trigger: { atMs: number; before: WorldSnapshot } | null;
  /** Simulated ms of each step-finished event, by `<pole>:<stepId>` (`unit:<stepId>` for unit steps). */
  finishedAtMs: Map<string, number>;
}

/** The real firmware in the simulator (fast mode) behind the Uno driver, as `clampbench run` opens it. */
export async function openSimRig(port = 'sim'): Promise<SimRig> {
  const { driver, transport } = await openUnoPullDriver(port, { createSimulator: createUnoPullSimulator });
  const sim = transport.sim;
  if (!sim) throw new Error(`${port} is not a simulator port`);
  const alarms = recordDeviceAlarms(sim);
  return {
    driver,
    sim,
    alarms,
    async run(plan, trigger, temperature) {
      const dir = mkdtempSync(join(tmpdir(), 'cb-fault-run-'));
      const journal = RunJournal.create(dir, randomUUID(), { plan: plan.name, dut: plan.dut.partNumber, conductor: plan.conductor.id });
      let fired: FaultRun['trigger'] = null;
      const finishedAtMs = new Map<string, number>();
      const onEvent = (event: RunEvent): void => {
        journal.onEvent(event);
        if (event.kind === 'step-finished') finishedAtMs.set(`${event.pole ?? 'unit'}:${event.stepId}`, sim.timeMs);
        if (fired === null && trigger) {
          const before = sim.world;
          if (trigger(event, sim)) fired = { atMs: before.timeMs, before };
        }
      };
      try {
        const record = await runPlan(plan, driver, autoConfirmOperator, { serial: 'SIM-FAULT', clock: transport.clock, onEvent, ...(temperature ? { temperature } : {}) });
        const lines = readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n').filter((line) => line !== '');
        return { record, dir, journal: lines.map((line) => JSON.parse(line) as JournalLine), trigger: fired, finishedAtMs };
      } finally {
        journal.close();
      }
    },
    close: () => driver.close(),
  };
}

/** The journal's `step` line of a pole's step. */
export function journaledStep(journal: readonly JournalLine[], pole: number, stepId: string): Extract<JournalLine, { t: 'step' }> | undefined {
  return journal.find((line): line is Extract<JournalLine, { t: 'step' }> => line.t === 'step' && line.pole === pole && line.record.stepId === stepId);
}

/** The journal's closing `end` line. */
export function journalEnd(journal: readonly JournalLine[]): Extract<JournalLine, { t: 'end' }> | undefined {
  return journal.find((line): line is Extract<JournalLine, { t: 'end' }> => line.t === 'end');
}
