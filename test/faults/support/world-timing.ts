import type { SimEvent } from '../../../rigs/uno-pull/sim/rig-hardware.js';

/** rig.yaml control.periodMs: one load-cell reading, one pass of the firmware's control loop. */
export const CONTROL_PERIOD_MS = 12.5;

/** Simulated time of the first event of `kind` (with `detail`, when given) at or after `fromMs`; null when none. */
export function firstEventAt(events: readonly SimEvent[], kind: string, detail: string | null, fromMs: number): number | null {
  const event = events.find((e) => e.timeMs >= fromMs && e.kind === kind && (detail === null || e.detail === detail));
  return event?.timeMs ?? null;
}

/** The first HX711 conversion at or after `atMs`: the simulator converts every control period from power-on. */
export function nextConversionMs(atMs: number): number {
  return Math.ceil(atMs / CONTROL_PERIOD_MS) * CONTROL_PERIOD_MS;
}
