import { Conductor } from './models/conductor.js';
import { insulationBusVolts } from './models/insulation-meter.js';
import { sensedVoltage } from './models/isolation-network.js';
import { FirstOrderThermal } from './models/thermal.js';
import { insulationPairKey, pairLeakageOhm, type PoleParams, type Scenario } from './scenario.js';
import { effectiveUnitSeed, unitPoleParams } from './unit-spread.js';

/** One pole of the DUT with its conductor: the physical truth the rig measures. */
export interface TwinPole {
  readonly pole: number;
  readonly params: PoleParams;
  readonly conductor: Conductor;
  readonly thermal: FirstOrderThermal;
}

/** What the DUT really is (for tests to compare verdicts with): a plain copy, changing it changes nothing. */
export interface DutTruth {
  scenarioName: string;
  unitSeed: number;
  poles: {
    pole: number;
    /** The parameters this unit drew (the scenario's nominal figures when it has no spread). */
    params: PoleParams;
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

  /** A fresh unit: conductors fully in their clamps, every pole at ambient. */
  constructor(
    readonly scenario: Scenario,
    unitSeed?: number,
  ) {
    this.unitSeed = effectiveUnitSeed(scenario, unitSeed);
    this.poles = [];
    for (let pole = 1; pole <= scenario.poles; pole++) {
      const params = unitPoleParams(scenario, pole, this.unitSeed);
      const conductor = new Conductor(params, !scenario.emptyPoles.includes(pole));
      this.poles.push({ pole, params, conductor, thermal: new FirstOrderThermal(params, scenario.ambientC) });
    }
    this.drawnContactMilliohm = this.poles.map((p) => p.params.contactResistanceMilliohm);
  }

  truth(): DutTruth {
    const shorts = this.scenario.shorts.map((s) => ({ poles: [s.poles[0], s.poles[1]] as [number, number], ohm: s.ohm }));
    return {
      scenarioName: this.scenario.name,
      unitSeed: this.unitSeed,
      poles: this.poles.map((p) => ({
        pole: p.pole,
        params: { ...p.params },
        farEnd: this.scenario.wiring[p.pole - 1] ?? 0,
        conductorInserted: p.conductor.inserted,
        shortedTo: shorts.flatMap((s) => (s.poles[0] === p.pole ? [s.poles[1]] : s.poles[1] === p.pole ? [s.poles[0]] : [])).sort((a, b) => a - b),
      })),
      shorts,
      leakageOhm: this.scenario.isolation.leakageOhm,
      pairLeakageOhm: pairLeakageOhm(this.scenario),
    };
  }

  /** True insulation between poles a and b (what INSUL should read, within its uncertainty). */
  insulationOhm(a: number, b: number): number {
    return pairLeakageOhm(this.scenario)[insulationPairKey(a, b)] ?? this.scenario.isolation.leakageOhm;
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
    if (this.scenario.wiring[pole - 1] !== pole) return null;
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
      wiring: this.scenario.wiring,
      linkOhm: this.poles.map((p) => (p.conductor.pulledOut || !p.conductor.inserted ? null : p.params.contactResistanceMilliohm / 1000)),
      shorts: this.scenario.shorts,
      leakageOhm: this.scenario.isolation.leakageOhm,
      pairLeakageOhm: pairLeakageOhm(this.scenario),
    };
  }
}
