import { dutResistors, isolationNode, solveNodeVoltages, type IsolationNetworkInputs, type Resistor } from './isolation-network.js';

/** Closed signal-relay contact (and the follower's output resistance on the guard). */
const RELAY_OHM = 0.1;
const GUARD_OHM = 1;

export interface InsulationMeterInputs extends Omit<IsolationNetworkInputs, 'seriesOhm' | 'senseInputOhm'> {
  /** Reference resistor from driveV into the measuring bus. */
  referenceOhm: number;
  /** Kelvin relays closed: those poles' near ends sit on the guard (the follower's output). */
  guardMask: number;
}

/**
 * The isolation circuit with the insulation relay closed (rig.yaml isolation.insulation): driveV
 * through the reference resistor into the measuring bus; the drive relays put poles on the bus,
 * the mux puts one node on ground, the Kelvin relays put poles on the guard, which a unity-gain
 * follower holds at the bus voltage. Returns the bus voltage, which the follower passes to the
 * divider into the ADC. With no pole on the bus it reads driveV itself (the follower draws no current).
 */
export function insulationBusVolts(inputs: InsulationMeterInputs): number {
  const { rigPoles } = inputs;
  const bus = 2 * rigPoles;
  const near = (pole: number): number => isolationNode(rigPoles, 'near', pole);
  const resistors: Resistor[] = dutResistors({ ...inputs, seriesOhm: 0, senseInputOhm: 0 });
  const followers = [];
  for (let pole = 1; pole <= rigPoles; pole++) {
    if ((inputs.isoDriveMask >> (pole - 1)) & 1) resistors.push({ a: bus, b: near(pole), ohm: RELAY_OHM });
    if ((inputs.guardMask >> (pole - 1)) & 1) followers.push({ from: bus, to: near(pole), ohm: GUARD_OHM });
  }
  if (inputs.sense !== null) resistors.push({ a: isolationNode(rigPoles, inputs.sense.end, inputs.sense.pole), b: -1, ohm: RELAY_OHM });
  const volts = solveNodeVoltages(bus + 1, resistors, [{ node: bus, volts: inputs.driveV, seriesOhm: inputs.referenceOhm }], followers);
  return volts[bus] ?? 0;
}
