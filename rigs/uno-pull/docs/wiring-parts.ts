// The Uno pull rig's bill of materials, with every rating taken from (or derived from) rig.yaml, so
// that the parts list in docs/RIG.md changes with the rig file. wiring.ts renders it.
import type { RigDefinition } from '../rig-definition.js';
import { chainFigures, figure, ohms } from './wiring-signals.js';

export interface PartRow {
  part: string;
  rating: string;
  typical: string;
}

/** Lead-screw efficiency assumed for the torque figure: a trapezoidal screw with a bronze or plastic nut. */
const TRAPEZOIDAL_EFFICIENCY = 0.3;
/** Safe overload of a typical load cell, as a fraction of its capacity (check the cell's data sheet). */
const SAFE_OVERLOAD_FRACTION = 1.5;
/** Headroom of a linear MOSFET sink and its shunt above the loop's compliance voltage. */
const SINK_HEADROOM_V = 0.5;
/**
 * Figures of the first DUT that size parts of the rig. Copies: this generator sees only the rig
 * definition (as the firmware tools do), so test/docs/rig-wiring.test.ts checks them against
 * host/specs/duts/831-1104-322-004.yaml and host/standards/iec-60947-7-1-vdrop.yaml.
 */
export const DUT_FIGURES = { ratedCurrentA: 41, crossSectionMm2: 10, pinSpacingMm: 7.62, dropLimitMv: 3.2 } as const;
const DUT = DUT_FIGURES;

const key = (name: string): string => `\`${name}\``;

/** One group of the parts list. */
export interface PartGroup {
  group: string;
  rows: PartRow[];
}

/** The parts, group by group. */
export function partGroups(rig: RigDefinition): ReadonlyArray<PartGroup> {
  return [controlParts(rig), motionParts(rig), forceParts(rig), currentParts(rig), relayParts(rig), temperatureParts(rig), safetyParts(), powerParts(rig), referenceParts(rig)];
}

/** What insulates the pull path and the relays' open contacts must hold off: 100 × the top of the insulation range. */
const leakOhmOf = (rig: RigDefinition): number => 100 * rig.isolation.insulation.rangeHighOhm;

/** The most the whole current loop may have at full current, for the source's compliance voltage. */
const loopOhmOf = (rig: RigDefinition): number => rig.current.complianceV / rig.current.maxTestCurrentA;

function controlParts(rig: RigDefinition): PartGroup {
  return {
    group: 'Control',
    rows: [
    { part: 'Arduino Uno', rating: `ATmega328P at ${figure(rig.board.clockHz / 1e6)} MHz, 5 V, Optiboot bootloader; USB to the host`, typical: 'Uno R3 (ATmega16U2 USB) or a CH340 clone' },
    ],
  };
}

function motionParts(rig: RigDefinition): PartGroup {
  const { motion, loadCell } = rig;
  const f = chainFigures(rig);
  const pitchM = motion.leadScrewPitchMm / 1000;
  const torqueNm = (rig.forceCapN * pitchM) / (2 * Math.PI * TRAPEZOIDAL_EFFICIENCY);
  const safeOverloadN = SAFE_OVERLOAD_FRACTION * loadCell.capacityN;
  const stallVerdict = 2 * rig.forceCapN <= safeOverloadN
    ? `inside the cell's ${figure(safeOverloadN)} N safe overload (${figure(SAFE_OVERLOAD_FRACTION * 100)} %)`
    : `more than the cell's ${figure(safeOverloadN)} N safe overload (${figure(SAFE_OVERLOAD_FRACTION * 100)} %): turn the driver current down`;
  const motorRpm = (motion.maxSpeedMmps / motion.leadScrewPitchMm) * 60;
  const leakOhm = leakOhmOf(rig);
  return {
    group: 'Motion',
    rows: [
    { part: 'Stepper motor', rating: `2-phase hybrid, ${motion.stepsPerRev} steps/rev (${key('motion.stepsPerRev')}); ${figure(motorRpm)} rev/min at ${figure(motion.maxSpeedMmps)} mm/s. Torque at the ${figure(rig.forceCapN)} N force cap: F·p/(2π·η) = ${figure(torqueNm, 2)} N·m (η ${TRAPEZOIDAL_EFFICIENCY}); a holding torque of twice that pushes at most ${figure(2 * rig.forceCapN)} N, ${stallVerdict}`, typical: 'NEMA 17 or 23' },
    { part: 'Stepper driver', rating: `STEP/DIR/ENABLE at 5 V logic, ENABLE active LOW, ${motion.microsteps} microsteps (${key('motion.microsteps')}), accepts a STEP pulse of about 2 µs, up to ${figure(f.maxStepsPerS)} steps/s`, typical: 'TMC2209 in STEP/DIR mode (MS1 = MS2 = GND: 8 microsteps)' },
    { part: 'Lead screw and nut', rating: `${figure(motion.leadScrewPitchMm)} mm travel per revolution (${key('motion.leadScrewPitchMm')}; single start, so lead = pitch); axial load at least the load cell's ${figure(loadCell.capacityN)} N`, typical: 'trapezoidal screw, bronze nut, fixed-end bearing pair' },
    { part: 'Linear guide', rating: `stroke ${figure(motion.travelMm)} mm (${key('motion.travelMm')}) plus the end stops; preloaded carriage that takes the grip's moment`, typical: 'profile rail, e.g. 12 or 15 mm' },
    { part: 'Conductor grip', rating: `holds a ${DUT.crossSectionMm2} mm² fine-stranded conductor at ${figure(rig.forceCapN)} N without crushing strands; insulated from the frame by at least ${ohms(leakOhm)} (100 × ${key('isolation.insulation.rangeHighOhm')})`, typical: 'capstan drum or a bolted ring lug on an insulating block' },
    { part: 'DUT holder', rating: `holds the DUT housing against the pull; mating header as far-end terminals 1..${rig.poles}, ${DUT.pinSpacingMm} mm pitch, indexed so each pole's entry lies on the pull axis; ≥ ${ohms(leakOhm)} between terminals`, typical: 'POM or PA block on an indexed slide' },
    ],
  };
}

function forceParts(rig: RigDefinition): PartGroup {
  const { loadCell, uncertainty } = rig;
  return {
    group: 'Force',
    rows: [
    { part: 'Load cell', rating: `${figure(loadCell.capacityN)} N tension (${key('loadCell.capacityN')}), 2 mV/V (the default span assumes it), safe overload ≥ ${figure(SAFE_OVERLOAD_FRACTION * 100)} %; the force chain to ISO 7500-1 class ${uncertainty.loadCellClass}`, typical: 'S-beam, OIML C3' },
    { part: 'Load-cell converter', rating: `HX711, channel A, gain ${loadCell.gain}, ${loadCell.rateHz} Hz (${key('loadCell.rateHz')}), excitation from its 5 V AVDD`, typical: 'HX711 board with the RATE pin brought out' },
    ],
  };
}

function currentParts(rig: RigDefinition): PartGroup {
  const { current, uncertainty } = rig;
  const f = chainFigures(rig);
  const loopOhm = loopOhmOf(rig);
  const supplyV = current.complianceV + SINK_HEADROOM_V;
  const overcurrentA = current.overcurrentRatio * current.maxTestCurrentA;
  const blindOvercurrent = f.shuntFullScaleA < overcurrentA
    ? `; near full current this limit is the only overcurrent protection: the shunt channel saturates at ${figure(f.shuntFullScaleA, 1)} A, below the firmware's ${figure(overcurrentA)} A threshold (${key('current.overcurrentRatio')} × ${figure(current.maxTestCurrentA)} A)`
    : '';
  const senseOffsetUv = (uncertainty.senseGainTolerancePct / 100) * DUT.dropLimitMv * 1000;
  return {
    group: 'Current and 4-wire measurement',
    rows: [
    { part: 'Current source', rating: `0–${figure(current.maxTestCurrentA)} A DC (${key('current.maxTestCurrentA')}; the DUT: ${DUT.ratedCurrentA} A rated, hours at a time), compliance ${figure(current.complianceV)} V, so the loop must stay under ${figure(loopOhm * 1000, 1)} mΩ at full current; off whenever its enable is LOW; with the source off its return must not be at GND (the insulation guard reaches it)`, typical: 'low-side linear MOSFET sink with an op-amp, on a fan-cooled heat sink' },
    { part: 'Setpoint DAC', rating: `MCP4921, 12 bit; code 4095 = ${figure(current.dacFullScaleA)} A (${key('current.dacFullScaleA')}), ${figure((1000 * current.dacFullScaleA) / 4095, 2)} mA per code; VREF from a stable reference`, typical: 'MCP4921 + 4.096 V reference' },
    { part: 'Source supply', rating: `about ${figure(supplyV, 1)} V (compliance + sink headroom), ≥ ${figure(current.maxTestCurrentA)} A continuous, current limit set just above that${blindOvercurrent}; the sink dissipates up to ${figure(supplyV * current.maxTestCurrentA)} W (a shorted loop at full current)`, typical: 'low-voltage high-current supply' },
    { part: 'Shunt', rating: `${figure(current.shuntMilliohm)} mΩ four-terminal (${key('current.shuntMilliohm')}), ±${figure(uncertainty.shuntTolerancePct)} %, ≥ ${figure(2 * current.maxTestCurrentA ** 2 * (current.shuntMilliohm / 1000), 1)} W (twice I²R at ${figure(current.maxTestCurrentA)} A), low TCR`, typical: 'manganin shunt' },
    { part: 'Shunt amplifier', rating: `gain ${figure(current.shuntGain)} ±${figure(uncertainty.shuntGainTolerancePct)} % (${key('current.shuntGain')}): ${figure(current.maxTestCurrentA * (current.shuntMilliohm / 1000) * current.shuntGain, 2)} V at ${figure(current.maxTestCurrentA)} A, the ADC's ${figure(current.adcRefV)} V at ${figure(f.shuntFullScaleA, 1)} A`, typical: current.shuntGain === 20 ? 'INA240A1 (fixed gain 20)' : 'current-sense amplifier of that gain' },
    { part: 'Kelvin sense amplifier', rating: `gain ${figure(current.senseGain)} ±${figure(uncertainty.senseGainTolerancePct)} % (${key('current.senseGain')}), offset and drift included: ${figure(senseOffsetUv)} µV at the ${DUT.dropLimitMv} mV drop limit; input common mode up to the source supply`, typical: 'zero-drift instrumentation amplifier, 0.1 % gain resistor' },
    ],
  };
}

function relayParts(rig: RigDefinition): PartGroup {
  const { current, isolation, relays } = rig;
  const insulation = isolation.insulation;
  const f = chainFigures(rig);
  const leakOhm = leakOhmOf(rig);
  return {
    group: 'Relay matrix',
    rows: [
    { part: 'Shift registers', rating: `${relays.chainBytes} × 74HC595 in a chain on the SPI, 5 V`, typical: '74HC595' },
    { part: 'Relay drivers', rating: `one per relay coil; INSUL closes the Kelvin relays of ${rig.poles - 2} poles at once, so the drivers and the coil supply carry that many`, typical: 'ULN2803A for signal relays, a logic-level MOSFET + diode per power relay' },
    { part: `Kelvin relays (× ${rig.poles})`, rating: `per pole two power contacts (I+ to the near end, far-end terminal to I−) carrying ${figure(current.maxTestCurrentA)} A continuously (they switch with the current off) and two signal contacts (V+, V−) whose thermal EMF is small beside one count (${figure(f.senseMicrovoltPerCount, 1)} µV); closed and settled within ${relays.settleMs} ms (${key('relays.settleMs')})`, typical: 'two SPST power relays + one DPDT signal relay on one driver output' },
    { part: `Isolation drive relays (× ${rig.poles})`, rating: `signal contacts at ${figure(isolation.driveV)} V, open ≥ ${ohms(leakOhm)}, settled within ${relays.settleMs} ms`, typical: 'reed relays' },
    { part: 'Isolation mux', rating: `16 channels (near ends, far-end terminals), 4 address bits + enable (HIGH = on), passes ${figure(isolation.driveV)} V, off leakage ≤ 1 nA, settles within ${relays.muxSettleMs} ms (${key('relays.muxSettleMs')})`, typical: 'low-leakage 16:1 analog mux' },
    { part: 'Insulation relay', rating: `4-pole signal relay, open ≥ ${ohms(leakOhm)}`, typical: '4PDT, or two DPDT on one driver' },
    { part: 'Isolation network', rating: `series ${ohms(isolation.seriesOhm)} (${key('isolation.seriesOhm')}); sense divider ${ohms(f.isoUpperOhm)} + ${ohms(f.isoLowerOhm)}; reference ${ohms(insulation.referenceOhm)} ±${figure(insulation.referenceTolerance * 100, 2)} % (${key('isolation.insulation.referenceOhm')}); follower offset ≤ ${figure(insulation.bufferOffsetV * 1000, 2)} mV, bias ≤ ${figure(insulation.bufferBiasA * 1e12)} pA`, typical: 'metal-film resistors, CMOS rail-to-rail op-amp, a guard ring on the board' },
    ],
  };
}

function temperatureParts(rig: RigDefinition): PartGroup {
  const { uncertainty } = rig;
  return {
    group: 'Temperature',
    rows: [
    { part: 'Thermocouple', rating: `type K, electrically insulated junction (the pole carries the test current), insulation good for more than ${figure(rig.thermo.tempLimitC)} °C (${key('thermo.tempLimitC')})`, typical: 'fine-wire type K, glass-fibre or PTFE insulated' },
    { part: 'Thermocouple converter', rating: `MAX31855K: ${figure(uncertainty.thermoResolutionC)} °C steps, ±${figure(uncertainty.thermoAccuracyC)} °C; a 3.3 V part, so 5 V-tolerant inputs`, typical: 'MAX31855K board with regulator and level shifter' },
    ],
  };
}

function safetyParts(): PartGroup {
  return {
    group: 'Safety and position',
    rows: [
    { part: 'E-stop', rating: 'latching mushroom, two positive-opening NC contacts: one to the Uno, one cutting motor and source power in hardware', typical: 'IEC 60947-5-5 E-stop + safety relay' },
    { part: 'Guard switch', rating: 'positive-opening NC contact, closed while the guard is shut', typical: 'coded tongue interlock' },
    { part: 'Home switch', rating: 'contact closes to GND at home; overtravel larger than the gap to the end stop', typical: 'roller microswitch (NO), or an NPN NO proximity sensor' },
    ],
  };
}

function powerParts(rig: RigDefinition): PartGroup {
  const loopOhm = loopOhmOf(rig);
  return {
    group: 'Power and cabling',
    rows: [
    { part: 'Logic supply', rating: "Uno from the host's USB; 74HC595, MCP4921, HX711 and MAX31855 from the Uno's 5 V (tens of mA)", typical: '–' },
    { part: 'Motor supply', rating: "the driver's rated voltage, enough current for the motor", typical: '24 V, 2 A' },
    { part: 'Relay coil supply', rating: `for the coils of ${rig.poles - 2} Kelvin sets plus the isolation relays at once`, typical: '12 V or 24 V' },
    { part: 'Current loop cable', rating: `${DUT.crossSectionMm2} mm² or more; the whole loop (cable, contacts, shunt, DUT) under ${figure(loopOhm * 1000, 1)} mΩ`, typical: 'short, fine-stranded, with crimped lugs' },
    { part: 'Sense leads', rating: 'one twisted pair per pole, apart from the current cable', typical: '–' },
    ],
  };
}

function referenceParts(rig: RigDefinition): PartGroup {
  const { loadCell, calibration, uncertainty } = rig;
  return {
    group: 'References for calibration',
    rows: [
    { part: 'Known weight', rating: `about ${figure(0.2 * loadCell.capacityN)} N (20 % of the cell, where ISO 7500-1 starts), at most ${figure(loadCell.capacityN)} N; certificate U (k = 2) ≤ ${figure(uncertainty.spanWeightUncertaintyPct)} % (${key('uncertainty.spanWeightUncertaintyPct')}); a hanger on the pull axis`, typical: `${figure((0.2 * loadCell.capacityN) / 9.80665, 3)} kg, OIML M1 or better` },
    { part: 'Reference resistor', rating: `four-terminal, certified, rated for ${figure(calibration.checkCurrentA)} A (${key('calibration.checkCurrentA')})`, typical: `${figure(calibration.checkStandard.milliohm)} mΩ` },
    { part: 'Reference ammeter', rating: `DC, ${figure(calibration.checkCurrentA)} A, with a hold function; error well inside ±${figure(calibration.currentToleranceFraction * 100)} % (${key('calibration.currentToleranceFraction')})`, typical: 'bench multimeter, 10 A range' },
    { part: 'Check standard', rating: `${calibration.checkStandard.id}: ${figure(calibration.checkStandard.milliohm)} mΩ, certified, wired permanently to pole ${calibration.checkStandard.pole} (${key('calibration.checkStandard')}); rated for ${figure(calibration.checkCurrentA)} A`, typical: 'four-terminal shunt resistor' },
    ],
  };
}
