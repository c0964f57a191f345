import type { RigDefinition } from '../rig-definition.js';
import type { DutTwin } from './dut-twin.js';
import { singleSelectedPole } from './models/current-source.js';
import { decodeMuxByte, type RelayOutputs } from './models/shift-register.js';
import type { Scenario } from './scenario.js';

/** What the analog front ends see: the rig, the unit behind it, the relays and the loop current. */
export interface AnalogWorld {
  rig: RigDefinition;
  scenario: Scenario;
  twin: DutTwin;
  outputs: RelayOutputs;
  /** Reference resistors wired in place of a DUT pole, Ω by pole. */
  referenceOhm: ReadonlyMap<number, number>;
  /** The current the source drives through the loop now. */
  currentA: () => number;
}

/**
 * Analog voltage at an ADC channel pin, noise-free: the Kelvin sense amplifier across the selected pole,
 * the shunt amplifier, or the isolation sense divider (the insulation bus while the insulation relay is
 * closed). 0 on any other channel.
 */
export function analogInputVolts(channel: number, world: AnalogWorld): number {
  const { rig, scenario, twin, outputs } = world;
  const { current, isolation, pins } = rig;
  if (channel === pins.senseAdc) {
    const pole = singleSelectedPole(outputs.kelvinMask);
    return world.currentA() * (world.referenceOhm.get(pole) ?? twin.contactOhm(pole)) * current.senseGain * (1 + scenario.measuringChain.senseGainError);
  }
  if (channel === pins.shuntAdc) return world.currentA() * (current.shuntMilliohm / 1000) * current.shuntGain * (1 + scenario.measuringChain.shuntGainError);
  if (channel === pins.isoAdc) {
    const mux = decodeMuxByte(outputs.muxByte);
    if (mux.insulation) {
      const busV = twin.insulationBusV({
        rigPoles: rig.poles,
        isoDriveMask: outputs.isoDriveMask,
        guardMask: outputs.kelvinMask,
        sense: mux.enabled ? { end: mux.end, pole: mux.pole } : null,
        driveV: isolation.driveV,
        referenceOhm: isolation.insulation.referenceOhm,
      });
      return busV * isolation.dividerRatio;
    }
    const sensedV = twin.isolationSenseV({
      rigPoles: rig.poles,
      isoDriveMask: outputs.isoDriveMask,
      sense: mux.enabled ? { end: mux.end, pole: mux.pole } : null,
      driveV: isolation.driveV,
      seriesOhm: isolation.seriesOhm,
      senseInputOhm: isolation.senseInputOhm,
    });
    return sensedV * isolation.dividerRatio;
  }
  return 0;
}
