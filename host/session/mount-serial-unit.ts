import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenedRig } from '../rig/opened-rig.js';
import { isoWithOffset } from '../runner/iso-time.js';
import type { SerialUnitTruth } from '../shared/simulated-board.js';

/** JSON Lines in the results folder: one line per unit a population scenario put into a simulated rig. */
export const SIM_TRUTH_FILE = 'sim-truth.jsonl';

/** One line of sim-truth.jsonl: when and where the unit was mounted, and what it really is. */
export type SimTruthLine = SerialUnitTruth & { mountedAt: string; rigId: string; where: string; rig?: string };

/**
 * Where a unit's session starts (`run`, `resume`, the station and the panel), once its serial is
 * known: on a simulated rig with a population scenario the rig gets that serial's unit, and its
 * truth goes to `<resultsDir>/sim-truth.jsonl` before anything is measured, so a batch can be
 * scored; `rigName` is the station's name for the rig (simulated rigs share one rig id). A real
 * rig, or a scenario without a population, keeps its unit: null. Throws when the simulator
 * refuses the swap (the carriage out, stretching the new conductor).
 */
export async function mountSerialUnit(rig: OpenedRig, serial: string, resultsDir: string, rigName?: string): Promise<SerialUnitTruth | null> {
  const board = rig.transport.sim;
  if (!board?.mountSerial) return null;
  const truth = await board.mountSerial(serial);
  if (!truth) return null;
  const line: SimTruthLine = { mountedAt: isoWithOffset(new Date()), rigId: rig.driver.identity.rigId, ...(rigName ? { rig: rigName } : {}), where: rig.transport.where, ...truth };
  mkdirSync(resultsDir, { recursive: true });
  // One short append per unit (O_APPEND): lines from several rigs never interleave.
  appendFileSync(join(resultsDir, SIM_TRUTH_FILE), `${JSON.stringify(line)}\n`);
  return truth;
}
