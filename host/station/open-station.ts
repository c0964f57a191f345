import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRigOption } from '../rig/rig-choice.js';
import type { RigSimulators } from '../rig/rig-simulators.js';
import { rigInput } from '../results/journal/rig-input.js';
import { UsageError } from '../shared/usage-error.js';
import { resolvePlan } from '../plans/resolve-plan.js';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { HISTORY_FILE, HistoryDb } from '../results/history/history-db.js';
import type { RunInput } from '../results/journal/journal-line.js';
import { isoWithOffset } from '../runner/iso-time.js';
import { refuseUncalibratedRigs } from './calibration-gate.js';
import { RigSlot } from './rig-slot.js';
import { DestructiveSampler } from './sampling/destructive-sampler.js';
import { Station, type StationOptions } from './station.js';
import type { StationConfig } from './station-config.js';
import type { StationEvent } from './station-events.js';

export interface OpenedStation {
  station: Station;
  slots: RigSlot[];
  plan: ResolvedPlan;
}

/**
 * Open every rig of the station (those not there are tried again in the background), resolve the
 * plan against them, and make the dispatcher; station-ready is emitted. Throws when no rig opens,
 * the plan cannot run on a rig that did, or an open rig's calibration is not valid (unless allowUncalibrated).
 */
export async function openStation(
  config: StationConfig,
  emit: (event: StationEvent) => void,
  log: (line: string) => void,
  /**
   * A panel's operator for the prompts and its live view of each run (absent: prompts confirmed, no
   * live view), and the simulators behind `sim` ports (absent: real ports only).
   */
  faces: Pick<StationOptions, 'operatorFor' | 'onRunEvent'> & { simulators?: RigSimulators } = {},
): Promise<OpenedStation> {
  const { simulators, ...stationFaces } = faces;
  const slots = config.rigs.map(
    (r) => new RigSlot({ name: r.name, port: r.port, choice: parseRigOption(r.rig), realtime: config.realtime, simulatorInWorker: config.simulators === 'threads', ...(simulators ? { simulators } : {}), reconnectWaitMs: config.reconnectWaitS * 1000 }),
  );
  const opened = await Promise.allSettled(slots.map((s) => s.open()));
  const rigsDown = slots.flatMap((slot, i) => {
    const result = opened[i]!;
    return result.status === 'rejected' ? [{ rig: slot.name, cause: result.reason instanceof Error ? result.reason.message : String(result.reason) }] : [];
  });
  for (const down of rigsDown) log(`${down.rig}: could not open: ${down.cause}; tried again in the background`);
  let plan: ResolvedPlan;
  try {
    plan = resolveOnRigs(config, slots);
    refuseUncalibratedRigs(slots, plan, config.allowUncalibrated);
  } catch (error) {
    await Promise.allSettled(slots.map((s) => s.close()));
    throw error;
  }
  const input: RunInput = { plan: config.plan, dut: config.dut, conductor: config.conductor, ...rigInput(parseRigOption(config.rigs[0]!.rig)) };
  const station = new Station({
    config,
    plan,
    input,
    slots,
    passedBefore: passedSerials(config, plan),
    skipStepsFor: sampledSteps(config, plan, log),
    emit,
    log,
    ...stationFaces,
  });
  emit({
    event: 'station-ready',
    at: isoWithOffset(new Date()),
    station: config.station,
    plan: plan.name,
    rigs: slots.flatMap((s) => (s.rig ? [{ rig: s.name, rigId: s.rig.driver.identity.rigId, where: s.rig.driver.identity.where }] : [])),
    rigsDown,
  });
  log(`station ${config.station}: plan ${plan.name} on ${slots.filter((s) => s.rig).map((s) => s.name).join(', ')}; results in ${config.results}`);
  station.recoverDownRigs();
  return { station, slots, plan };
}

/** The plan resolved for the rigs: every open rig must be able to run it (a refusal names the rig's missing capability). */
function resolveOnRigs(config: StationConfig, slots: RigSlot[]): ResolvedPlan {
  let plan: ResolvedPlan | null = null;
  for (const slot of slots) {
    if (!slot.rig) continue;
    plan ??= resolvePlan({ plan: config.plan, dut: config.dut, conductor: config.conductor, rig: slot.rig.driver });
    // Resolving against each rig checks its capabilities and limits (a Firmata rig cannot pull).
    resolvePlan({ plan: config.plan, dut: config.dut, conductor: config.conductor, rig: slot.rig.driver });
  }
  if (!plan) throw new Error(`no rig of station ${config.station} could be opened: ${slots.map((s) => s.name).join(', ')} (see above)`);
  return plan;
}

/** The sampling of destructive steps: which steps a unit skips when it is not sampled, and why. */
function sampledSteps(config: StationConfig, plan: ResolvedPlan, log: (line: string) => void): (serial: string, firstAttempt: boolean) => ReadonlyMap<string, string> | null {
  const sampling = config.sampling;
  if (!sampling) return () => null;
  const ids = new Set([...plan.unitSteps, ...plan.poleSteps, ...(plan.unitStepsAfter ?? [])].map((s) => s.id));
  for (const [index, id] of sampling.steps.entries()) {
    if (!ids.has(id)) throw new UsageError(`sampling.steps[${index}]: value "${id}" is not a step of plan ${plan.name}; its steps are ${[...ids].join(', ')}`);
  }
  const sampler = new DestructiveSampler(sampling.policy);
  log(`${sampler.describe()} (steps ${sampling.steps.join(', ')})`);
  return (serial, firstAttempt) => {
    const pick = sampler.decide(serial, firstAttempt);
    return pick.sampled ? null : new Map(sampling.steps.map((id) => [id, `not sampled: ${pick.reason}`]));
  };
}

/** Serials that passed this plan before, from the results folder's history. */
function passedSerials(config: StationConfig, plan: ResolvedPlan): Set<string> {
  const file = join(config.results, HISTORY_FILE);
  if (!existsSync(file)) return new Set();
  const history = HistoryDb.open(file);
  try {
    return new Set(history.runs({ plan: plan.name, outcome: 'PASS' }).map((r) => r.serial));
  } finally {
    history.close();
  }
}
