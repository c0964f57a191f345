// What hangs on each pin of the Uno pull rig, keyed by the pin names of rig.yaml. The pin numbers
// themselves are never written here: wiring.ts takes them from the validated rig definition.
import type { RigDefinition } from '../rig-definition.js';

export type PinName = keyof RigDefinition['pins'];

/** The rig's parts, as the wiring table and diagram name them. */
export const PARTS = {
  estop: 'E-stop (NC, latching)',
  guard: 'guard switch (NC)',
  home: 'home switch',
  driver: 'stepper driver',
  hx711: 'HX711',
  chain: '74HC595 chain (3)',
  dac: 'MCP4921 DAC',
  source: 'current source',
  thermo: 'MAX31855',
  senseAmp: 'Kelvin sense amplifier',
  shuntAmp: 'shunt amplifier',
  isoSense: 'isolation mux + divider',
  motor: 'stepper motor + lead screw',
  loadCell: 'load cell',
  kelvinRelays: 'Kelvin relays',
  driveRelays: 'isolation drive relays',
  insulationRelay: 'insulation relay',
  shunt: 'shunt',
  thermocouple: 'thermocouple (type K)',
  dut: 'DUT',
} as const;

export type PartId = keyof typeof PARTS;

export interface SignalWiring {
  signal: string;
  /** Parts on the pin; an input is drawn from them to the Uno, an output from the Uno to them. */
  parts: readonly PartId[];
  direction: 'in' | 'out' | 'analog in';
  notes: (rig: RigDefinition) => string;
}

/** A figure without trailing zeros: 55.000000000000014 -> "55". */
export function figure(value: number, decimals = 3): string {
  return String(Number(value.toFixed(decimals)));
}

/** A resistance with its prefix: 20000 -> "20 kΩ". */
export function ohms(value: number): string {
  if (value >= 1e9) return `${figure(value / 1e9)} GΩ`;
  if (value >= 1e6) return `${figure(value / 1e6)} MΩ`;
  if (value >= 1e3) return `${figure(value / 1e3)} kΩ`;
  return `${figure(value)} Ω`;
}

/** Figures of the measuring chains that follow from rig.yaml (the firmware derives the same in config.h). */
export function chainFigures(rig: RigDefinition) {
  const { current, isolation, motion } = rig;
  const countsPerVolt = 1024 / current.adcRefV;
  const shuntOhm = current.shuntMilliohm / 1000;
  const stepsPerMm = (motion.stepsPerRev * motion.microsteps) / motion.leadScrewPitchMm;
  return {
    stepsPerMm,
    maxStepsPerS: motion.maxSpeedMmps * stepsPerMm,
    senseFullScaleMv: (1000 * current.adcRefV) / current.senseGain,
    senseMicrovoltPerCount: 1e6 / countsPerVolt / current.senseGain,
    shuntFullScaleA: current.adcRefV / (shuntOhm * current.shuntGain),
    shuntMilliampPerCount: 1000 / countsPerVolt / (shuntOhm * current.shuntGain),
    isoLowerOhm: isolation.senseInputOhm * isolation.dividerRatio,
    isoUpperOhm: isolation.senseInputOhm * (1 - isolation.dividerRatio),
  };
}

export const SIGNALS: Readonly<Record<PinName, SignalWiring>> = {
  estop: {
    signal: 'E-stop',
    parts: ['estop'],
    direction: 'in',
    notes: () => 'internal pull-up; NC contact to GND. HIGH (pressed, or a broken wire) cuts motor and current in the pin-change interrupt and latches ALARM:1',
  },
  guard: {
    signal: 'guard',
    parts: ['guard'],
    direction: 'in',
    notes: () => 'internal pull-up; NC contact to GND, closed while the guard is shut. HIGH = open: ALARM:2 during motion or current',
  },
  step: {
    signal: 'STEP',
    parts: ['driver'],
    direction: 'out',
    notes: (rig) => {
      const f = chainFigures(rig);
      return `rising edge = one microstep; HIGH about 2 µs; ${figure(f.stepsPerMm)} steps/mm, at most ${figure(f.maxStepsPerS)} steps/s (${figure(rig.motion.maxSpeedMmps)} mm/s)`;
    },
  },
  dir: {
    signal: 'DIR',
    parts: ['driver'],
    direction: 'out',
    notes: (rig) => `HIGH = pull (away from the DUT), LOW = towards home; set one step period (at least ${figure(1e6 / chainFigures(rig).maxStepsPerS)} µs) before the next STEP edge`,
  },
  motorEnable: {
    signal: 'ENABLE (active LOW)',
    parts: ['driver'],
    direction: 'out',
    notes: () => 'LOW = motor powered; 10 kΩ pull-up to 5 V keeps the driver off while the Uno resets',
  },
  loadCellClock: {
    signal: 'PD_SCK',
    parts: ['hx711'],
    direction: 'out',
    notes: (rig) => `25 pulses per reading (channel A, gain ${rig.loadCell.gain}); HIGH for more than 60 µs powers the HX711 down`,
  },
  loadCellData: {
    signal: 'DOUT',
    parts: ['hx711'],
    direction: 'in',
    notes: (rig) => `LOW = reading ready, ${rig.loadCell.rateHz} Hz: tie the HX711's RATE pin ${rig.loadCell.rateHz === 80 ? 'HIGH' : 'LOW'}`,
  },
  currentEnable: {
    signal: 'current enable',
    parts: ['source'],
    direction: 'out',
    notes: () => 'HIGH = source on; 10 kΩ pull-down keeps it off while the Uno resets. The source must not deliver current while this is LOW',
  },
  relayLatch: {
    signal: 'RCLK',
    parts: ['chain'],
    direction: 'out',
    notes: () => 'rising edge copies the shifted bytes to the outputs of all three 74HC595',
  },
  spiMosi: {
    signal: 'MOSI',
    parts: ['chain', 'dac'],
    direction: 'out',
    notes: () => 'SER of the first 74HC595 and SDI of the MCP4921',
  },
  spiMiso: {
    signal: 'MISO',
    parts: ['thermo'],
    direction: 'in',
    notes: () => "SO of the MAX31855 only (no 74HC595 QH' back to the Uno); 10 kΩ pull-down",
  },
  spiSck: {
    signal: 'SCK',
    parts: ['chain', 'dac', 'thermo'],
    direction: 'out',
    notes: () => 'SPI mode 0, 1 MHz, MSB first; SRCLK of all three 74HC595',
  },
  home: {
    signal: 'home',
    parts: ['home'],
    direction: 'in',
    notes: () => 'internal pull-up; the contact closes to GND at home (LOW = at home)',
  },
  thermoCs: {
    signal: 'MAX31855 CS',
    parts: ['thermo'],
    direction: 'out',
    notes: () => 'active LOW; 10 kΩ pull-up',
  },
  dacCs: {
    signal: 'MCP4921 CS',
    parts: ['dac'],
    direction: 'out',
    notes: (rig) => `active LOW; 10 kΩ pull-up; the code latches on the rising edge (LDAC to GND); code 4095 = ${figure(rig.current.dacFullScaleA)} A`,
  },
  senseAdc: {
    signal: 'Kelvin sense',
    parts: ['senseAmp'],
    direction: 'analog in',
    notes: (rig) => {
      const f = chainFigures(rig);
      return `gain ${figure(rig.current.senseGain)} on the ${figure(rig.current.adcRefV)} V internal reference: full scale ${figure(f.senseFullScaleMv, 2)} mV drop, ${figure(f.senseMicrovoltPerCount, 1)} µV per count`;
    },
  },
  shuntAdc: {
    signal: 'shunt current',
    parts: ['shuntAmp'],
    direction: 'analog in',
    notes: (rig) => {
      const f = chainFigures(rig);
      return `gain ${figure(rig.current.shuntGain)} across ${figure(rig.current.shuntMilliohm)} mΩ: full scale ${figure(f.shuntFullScaleA, 1)} A, ${figure(f.shuntMilliampPerCount, 1)} mA per count`;
    },
  },
  isoAdc: {
    signal: 'isolation sense',
    parts: ['isoSense'],
    direction: 'analog in',
    notes: (rig) => {
      const { isolation } = rig;
      const f = chainFigures(rig);
      return `divider ${ohms(f.isoUpperOhm)} + ${ohms(f.isoLowerOhm)} to GND (ratio ${figure(isolation.dividerRatio)}) from the mux common, or from the follower while the insulation relay is closed: a node at ${figure(isolation.driveV)} V gives ${figure(isolation.driveV * isolation.dividerRatio)} V at the pin, the ${figure(isolation.thresholdV)} V threshold ${figure(isolation.thresholdV * isolation.dividerRatio)} V`;
    },
  },
};

/** What each Uno pin is on the board itself, beyond what the rig puts on it. */
export const BOARD_PIN_NOTES: Readonly<Record<number, string>> = {
  10: 'SPI SS: the firmware keeps it an output so that the SPI stays master',
  13: "Also lights the Uno's L LED",
};

/** Connections between parts (no Uno pin), for the diagram. */
export function partLinks(rig: RigDefinition): ReadonlyArray<{ from: PartId; to: PartId; label: string }> {
  const poles = `poles 1..${rig.poles}`;
  return [
    { from: 'driver', to: 'motor', label: `${rig.motion.stepsPerRev} steps/rev x ${rig.motion.microsteps}, ${figure(rig.motion.leadScrewPitchMm)} mm pitch` },
    { from: 'loadCell', to: 'hx711', label: `bridge, ${figure(rig.loadCell.capacityN)} N` },
    { from: 'chain', to: 'kelvinRelays', label: 'byte 0 via relay drivers' },
    { from: 'chain', to: 'driveRelays', label: 'byte 1 via relay drivers' },
    { from: 'chain', to: 'isoSense', label: 'byte 2 bits 0-4: channel, enable' },
    { from: 'chain', to: 'insulationRelay', label: 'byte 2 bit 5 via a relay driver' },
    { from: 'dac', to: 'source', label: 'setpoint' },
    { from: 'source', to: 'kelvinRelays', label: `I+ / I-: up to ${figure(rig.current.maxTestCurrentA)} A, ${figure(rig.current.complianceV)} V compliance` },
    { from: 'source', to: 'shunt', label: 'in the loop' },
    { from: 'shunt', to: 'shuntAmp', label: `${figure(rig.current.shuntMilliohm)} mΩ, 4-terminal` },
    { from: 'kelvinRelays', to: 'dut', label: poles },
    { from: 'kelvinRelays', to: 'senseAmp', label: 'V+ / V-' },
    { from: 'driveRelays', to: 'dut', label: `${figure(rig.isolation.driveV)} V via ${ohms(rig.isolation.seriesOhm)}` },
    { from: 'dut', to: 'isoSense', label: `near ends and far-end terminals, ${poles}` },
    { from: 'insulationRelay', to: 'isoSense', label: `${ohms(rig.isolation.insulation.referenceOhm)} reference, guard` },
    { from: 'thermocouple', to: 'thermo', label: 'on the pole under test' },
  ];
}
