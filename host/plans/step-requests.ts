import { requests, type Request } from '../../firmware-protocol/generated/commands.js';
import type { PlacedStep } from './preflight.js';

/** A plan figure as a request carries it: where the plan gave it and in which unit. */
export interface SentFigure {
  /** Field of the plan file (`poleSteps[1].holdS`), or `poles`. */
  field: string;
  /** The value in the plan's unit. */
  value: number;
  unit: string;
  /** Wire units per plan unit: 1000 for holdS sent as holdMs. */
  perWireUnit: number;
  /** Why the protocol's range bounds this figure, when it is not plain. */
  note?: string;
}

/** A request a step sends, and the plan figure behind each numeric argument (for SET: behind the setting). */
export interface StepRequest {
  request: Request;
  figures: Readonly<Record<string, SentFigure>>;
}

/**
 * The requests a resolved step sends to the rig (the Uno pull driver builds the same from the same
 * figures), so pre-flight can put each through the firmware's own argument checks before anything
 * moves. `pole` is the highest pole the run selects. Prompts send nothing; an isolation step's ISO
 * covers the DUT's poles, which pre-flight compares with the rig's before this.
 */
export function stepRequests({ path, keys, step }: PlacedStep, pole: number): StepRequest[] {
  const figure = (key: string, value: number, unit: string, perWireUnit = 1, note?: string): SentFigure => ({ field: `${path}.${key}`, value, unit, perWireUnit, ...(note ? { note } : {}) });
  const poleFigure: SentFigure = { field: 'poles', value: pole, unit: '', perWireUnit: 1 };
  switch (step.kind) {
    case 'prompt':
    case 'isolation':
    // Its pole and current are the rig's own (rig definition), checked when the rig is opened.
    case 'check-standard':
      return [];
    case 'vdrop':
      return [
        {
          request: requests.vdrop({ pole, currentA: step.currentA, samples: step.samples }),
          figures: { pole: poleFigure, currentA: figure(keys.current ?? 'currentA', step.currentA, 'A'), samples: figure('samples', step.samples, '') },
        },
      ];
    case 'pull':
      return [
        { request: requests.set('slipLimitMm', step.slipLimitMm), figures: { slipLimitMm: figure('slipLimitMm', step.slipLimitMm, 'mm') } },
        { request: requests.pole({ pole }), figures: { pole: poleFigure } },
        {
          request: requests.pull({ targetN: step.forceN, rateNps: step.rateNps, holdMs: step.holdMs, preloadN: step.preloadN, ...(step.approachMmps === undefined ? {} : { approachMmps: step.approachMmps }) }),
          figures: {
            targetN: figure(keys.force ?? 'forceN', step.forceN, 'N'),
            rateNps: figure('rateNps', step.rateNps, 'N/s'),
            holdMs: figure(keys.hold ?? 'holdS', step.holdMs / MS_PER_S, 's', MS_PER_S),
            preloadN: figure('preloadN', step.preloadN, 'N'),
            ...(step.approachMmps === undefined ? {} : { approachMmps: figure('approachMmps', step.approachMmps, 'mm/s') }),
          },
        },
      ];
    case 'temperature-rise': {
      const maxC = step.limits.temperatureC.high;
      // Not sent: the rig's OVERTEMP limit can be set no higher than maxTempC, so a plan limit above it is never reached.
      const overTemp =
        maxC === undefined
          ? []
          : [{ request: requests.set('tempLimitC', maxC), figures: { tempLimitC: figure('maxC', maxC, '°C', 1, "the rig's OVERTEMP alarm cuts the current at its tempLimitC, at most maxTempC") } }];
      return [
        ...overTemp,
        { request: requests.pole({ pole }), figures: { pole: poleFigure } },
        { request: requests.heat({ currentA: step.currentA }), figures: { currentA: figure(keys.current ?? 'currentA', step.currentA, 'A') } },
      ];
    }
  }
}

const MS_PER_S = 1000;
