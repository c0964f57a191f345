import { Conductor } from './models/conductor.js';
import { insulationBusVolts } from './models/insulation-meter.js';
import { sensedVoltage } from './models/isolation-network.js';
import { FirstOrderThermal } from './models/thermal.js';
import type { UnitDefect } from './population.js';
import { insulationPairKey, type PoleParams, type Scenario } from './scenario.js';
import { defectPoleParams, unitConnections, type UnitConnections } from './unit-defect.js';
import { effectiveUnitSeed, unitPoleDraw } from './unit-spread.js';

/** One pole of the DUT with its conductor: the physical truth the rig measures. */
export interface TwinPole {
  readonly pole: number;
  readonly params: PoleParams;
  /** Fraction of full insertion depth this unit's conductor reached (already in params). */
  readonly insertionDepthFraction: number;
  readonly conductor: Conductor;
  readonly thermal: FirstOrderThermal;
}

/** What the DUT really is (for tests to compare verdicts with): a plain copy, changing it changes nothing. */
export interface DutTruth {
  scenarioName: string;
  unitSeed: number;
  /** The defect this unit was drawn with (a population scenario), else null. */
  defect: UnitDefect | null;
  poles: {
    pole: number;
    /** The parameters this unit drew (the scenario's nominal figures when it has no spread). */
    params: PoleParams;
    /** Fraction of full insertion depth (1 without an insertion-depth spread). */
    insertionDepthFraction: number;
    /** Far-end terminal this pole's conductor reaches, 0 = open. */
    farEnd: number;
    /** False for a pole with no conductor in its clamp (scenario `emptyPoles`). */
    conductorInserted: boolean;
    /** Other poles with a short to this one. */
    shortedTo: number[];
  }[];
  shorts: { poles: [number, number]; ohm: number }[];
  /** Insulation between every pair not in `pairLeakageOhm`. */
  leakageOhm: number;
  /** Insulation of particular pairs, keyed `a-b` with a < b. */
  pairLeakageOhm: Record<string, number>;
}

/**
 * The connector under test, built from a scenario: per pole a conductor in its clamp and a
 * thermal mass; the wiring map, shorts and insulation for the isolation check. It knows nothing
 * about pins or the MCU; the rig hardware asks it questions.
 */
export class DutTwin {
  readonly poles: TwinPole[];
  /** Which unit of the scenario's population this is (only matters with a spread). */
  readonly unitSeed: number;
  /** Each pole's contact resistance as drawn for this unit, before any re-insertion shifted it. */
  private readonly drawnContactMilliohm: number[];
  /** Wiring, empty poles, shorts and insulation of this unit (the scenario's, with its draw and defect). */
  private readonly connections: UnitConnections;

  /** A fresh unit: conductors fully in their clamps, every pole at ambient; a population's unit carries its defect. */
  constructor(
    readonly scenario: Scenario,
    unitSeed?: number,
    readonly defect: UnitDefect | null = null,
  ) {
    this.unitSeed = effectiveUnitSeed(scenario, unitSeed);
    this.connections = unitConnections(scenario, this.unitSeed, defect);
    this.poles = [];
    for (let pole = 1; pole <= scenario.poles; pole++) {
      const draw = unitPoleDraw(scenario, pole, this.unitSeed);
      const params = defectPoleParams(draw.params, defect, pole);
      const conductor = new Conductor(params, !this.connections.emptyPoles.includes(pole));
      this.poles.push({ pole, params, insertionDepthFraction: draw.insertionDepthFraction, conductor, thermal: new FirstOrderThermal(params, scenario.ambientC) });
    }
    this.drawnContactMilliohm = this.poles.map((p) => p.params.contactResistanceMilliohm);
  }

  truth(): DutTruth {
    const shorts = this.connections.shorts.map((s) => ({ poles: [s.poles[0], s.poles[1]] as [number, number], ohm: s.ohm }));
    return {
      scenarioName: this.scenario.name,
      unitSeed: this.unitSeed,
      defect: this.defect ? structuredClone(this.defect) : null,
      poles: this.poles.map((p) => ({
        pole: p.pole,
        params: { ...p.params },
        insertionDepthFraction: p.insertionDepthFraction,
        farEnd: this.connections.wiring[p.pole - 1] ?? 0,
        conductorInserted: p.conductor.inserted,
        shortedTo: shorts.flatMap((s) => (s.poles[0] === p.pole ? [s.poles[1]] : s.poles[1] === p.pole ? [s.poles[0]] : [])).sort((a, b) => a - b),
      })),
      shorts,
      leakageOhm: this.connections.leakageOhm,
      pairLeakageOhm: { ...this.connections.pairLeakageOhm },
    };
  }

  /** True insulation between poles a and b (what INSUL should read, within its uncertainty). */
  insulationOhm(a: number, b: number): number {
    return this.connections.pairLeakageOhm[insulationPairKey(a, b)] ?? this.connections.leakageOhm;
  }

  /**
   * Pole p's conductor taken out and inserted again: how it sits (depth, strands) shifts the pole's contact
   * resistance by `shiftMilliohm` from the unit's own drawn figure (0 = as drawn; never below 5 % of it).
   * A gauge study's operator effect; kept until the next shift or a new unit.
   */
  shiftContactResistance(pole: number, shiftMilliohm: number): void {
    const found = this.pole(pole);
    if (!found) throw new RangeError(`shiftContactResistance: pole ${pole} is not a pole of this ${this.scenario.poles}-pole unit`);
    const drawn = this.drawnContactMilliohm[pole - 1]!;
    found.params.contactResistanceMilliohm = Math.max(drawn * 0.05, drawn + shiftMilliohm);
  }

  pole(pole: number): TwinPole | undefined {
    return this.poles[pole - 1];
  }

  contactOhm(pole: number): number {
    const found = this.pole(pole);
    return found ? found.params.contactResistanceMilliohm / 1000 : 0;
  }

  /**
   * Resistance between pole p's near end and far-end terminal p (what the Kelvin relays put
   * in the current loop), or null when that path is open: no such DUT pole, no conductor in it,
   * the conductor goes to another terminal, or it has been pulled out.
   */
  kelvinPathOhm(pole: number): number | null {
    const found = this.pole(pole);
    if (!found || found.conductor.pulledOut || !found.conductor.inserted) return null;
    if (this.connections.wiring[pole - 1] !== pole) return null;
    return found.params.contactResistanceMilliohm / 1000;
  }

  /** Let time pass: the gripped conductor creeps at posMm, every pole heats or cools. */
  advance(dtS: number, grippedPole: number, posMm: number, heatedPole: number, currentA: number): void {
    if (dtS <= 0) return;
    this.pole(grippedPole)?.conductor.advance(dtS, posMm);
    for (const p of this.poles) {
      const powerW = p.pole === heatedPole ? currentA * currentA * (p.params.contactResistanceMilliohm / 1000) : 0;
      p.thermal.advance(dtS, powerW, this.scenario.ambientC);
    }
  }

  /** Voltage at the isolation sense input for the given relay state. */
  isolationSenseV(args: {
    rigPoles: number;
    isoDriveMask: number;
    sense: { end: 'near' | 'far'; pole: number } | null;
    driveV: number;
    seriesOhm: number;
    senseInputOhm: number;
  }): number {
    return sensedVoltage({ ...args, ...this.isolationElements() });
  }

  /** The measuring bus voltage with the insulation relay closed (rig.yaml isolation.insulation). */
  insulationBusV(args: {
    rigPoles: number;
    isoDriveMask: number;
    guardMask: number;
    sense: { end: 'near' | 'far'; pole: number } | null;
    driveV: number;
    referenceOhm: number;
  }): number {
    return insulationBusVolts({ ...args, ...this.isolationElements() });
  }

  private isolationElements() {
    return {
      dutPoles: this.scenario.poles,
      wiring: this.connections.wiring,
      linkOhm: this.poles.map((p) => (p.conductor.pulledOut || !p.conductor.inserted ? null : p.params.contactResistanceMilliohm / 1000)),
      shorts: this.connections.shorts,
      leakageOhm: this.connections.leakageOhm,
      pairLeakageOhm: this.connections.pairLeakageOhm,
    };
  }
}
