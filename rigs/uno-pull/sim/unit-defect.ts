import type { UnitDefect } from './population.js';
import { insulationPairKey, type PoleParams, type Scenario } from './scenario.js';
import { unitPairLeakageOhm } from './unit-spread.js';

/** How a unit's poles connect: the scenario's figures with the unit's leakage draw and defect on top. */
export interface UnitConnections {
  /** Far-end terminal each pole reaches, 0 = open. */
  wiring: number[];
  /** Poles with no conductor in the clamp. */
  emptyPoles: number[];
  shorts: { poles: [number, number]; ohm: number }[];
  /** Insulation between every pair not in pairLeakageOhm. */
  leakageOhm: number;
  /** Insulation of particular pairs, keyed `a-b` with a < b. */
  pairLeakageOhm: Record<string, number>;
}

/** The unit's connections: wiring, empty poles, shorts and insulation, with its defect applied. */
export function unitConnections(scenario: Scenario, unitSeed: number, defect: UnitDefect | null): UnitConnections {
  const connections: UnitConnections = {
    wiring: [...scenario.wiring],
    emptyPoles: [...scenario.emptyPoles],
    shorts: scenario.shorts.map((s) => ({ poles: [s.poles[0], s.poles[1]], ohm: s.ohm })),
    leakageOhm: scenario.isolation.leakageOhm,
    pairLeakageOhm: unitPairLeakageOhm(scenario, unitSeed),
  };
  if (!defect) return connections;
  const [a, b] = defect.poles;
  switch (defect.kind) {
    case 'openPole':
      connections.wiring[a - 1] = 0;
      break;
    case 'emptyTerminal':
      connections.wiring[a - 1] = 0;
      if (!connections.emptyPoles.includes(a)) connections.emptyPoles.push(a);
      break;
    case 'miswire': {
      const farA = connections.wiring[a - 1]!;
      connections.wiring[a - 1] = connections.wiring[b! - 1]!;
      connections.wiring[b! - 1] = farA;
      break;
    }
    case 'short':
      connections.shorts.push({ poles: [a, b!], ohm: defect.ohm });
      break;
    case 'insulationLeak':
      connections.pairLeakageOhm[insulationPairKey(a, b!)] = defect.ohm;
      break;
    default:
      break;
  }
  return connections;
}

/** A pole's drawn parameters with the unit's defect on top (only the two per-pole kinds change them). */
export function defectPoleParams(params: PoleParams, defect: UnitDefect | null, pole: number): PoleParams {
  if (!defect || defect.poles[0] !== pole) return params;
  if (defect.kind === 'highResistance') return { ...params, contactResistanceMilliohm: defect.contactResistanceMilliohm };
  if (defect.kind === 'looseConductor') {
    // Slides from a little below where it lets go, as a conductor the spring barely closed on.
    return { ...params, holdingForceN: defect.holdingForceN, slipOnsetN: Math.min(params.slipOnsetN, 0.8 * defect.holdingForceN) };
  }
  return params;
}
