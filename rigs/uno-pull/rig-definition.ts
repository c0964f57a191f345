import type { RigValues } from '../../firmware-protocol/generated/commands.js';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadDataFile } from '../../host/shared/load-data-file.js';

/** Default rig file of this rig kind, next to this module. */
export const defaultRigFile = fileURLToPath(new URL('./rig.yaml', import.meta.url));

const digitalPin = z.number().int().min(0).max(19).describe('Arduino Uno pin number (A0..A5 are 14..19)');
const adcChannel = z.number().int().min(0).max(5).describe('ADC channel 0..5 (A0..A5)');
const positive = z.number().positive();
const percent = z.number().min(0).max(20);
/** ISO 7500-1 classes of a force-measuring system. */
const forceClass = z
  .union([z.literal(0.5), z.literal(1), z.literal(2), z.literal(3)], { error: 'an ISO 7500-1 class: 0.5, 1, 2 or 3' })
  .describe('ISO 7500-1 class the force chain was verified to');

export const RigDefinition = z
  .strictObject({
    kind: z.literal('clampbench-uno-pull'),
    rigId: z.string().regex(/^[A-Za-z0-9_-]{1,15}$/, '1 to 15 characters A-Z a-z 0-9 _ -'),
    board: z.strictObject({
      name: z.literal('uno'),
      mcu: z.literal('atmega328p'),
      clockHz: z.literal(16_000_000),
    }),
    pins: z.strictObject({
      estop: digitalPin,
      guard: digitalPin,
      step: digitalPin,
      dir: digitalPin,
      motorEnable: digitalPin,
      loadCellClock: digitalPin,
      loadCellData: digitalPin,
      currentEnable: digitalPin,
      relayLatch: digitalPin,
      spiMosi: z.literal(11),
      spiMiso: z.literal(12),
      spiSck: z.literal(13),
      home: digitalPin,
      thermoCs: digitalPin,
      dacCs: digitalPin,
      senseAdc: adcChannel,
      shuntAdc: adcChannel,
      isoAdc: adcChannel,
    }),
    poles: z.number().int().min(1).max(8),
    relays: z.strictObject({
      chainBytes: z.literal(3),
      settleMs: z.number().int().min(0).max(200),
      muxSettleMs: z.number().int().min(0).max(200),
    }),
    loadCell: z.strictObject({
      capacityN: positive.max(10_000),
      converter: z.literal('hx711'),
      gain: z.literal(128),
      rateHz: z.union([z.literal(10), z.literal(80)]),
      defaultCountsPerN: positive,
      defaultTareCounts: z.number().int(),
    }),
    motion: z.strictObject({
      leadScrewPitchMm: positive.max(20),
      stepsPerRev: z.number().int().min(1).max(1000),
      microsteps: z.number().int().min(1).max(256),
      maxSpeedMmps: positive.max(50),
      approachSpeedMmps: positive.max(50),
      travelMm: positive.max(500),
      maxSlackMm: positive.max(500).describe('approach travel without reaching the preload after which PULL ends with result=noload'),
    }),
    forceCapN: positive,
    current: z.strictObject({
      maxTestCurrentA: positive.max(100),
      dacBits: z.literal(12),
      dacFullScaleA: positive,
      complianceV: positive.max(60),
      shuntMilliohm: positive,
      shuntGain: positive,
      senseGain: positive,
      adcRefV: z.literal(1.1),
      settleMs: z.number().int().min(0).max(1000),
      openCircuitRatio: z.number().gt(0).lt(1),
      overcurrentRatio: z.number().gt(1).max(3),
    }),
    isolation: z.strictObject({
      driveV: positive.max(24),
      seriesOhm: positive,
      senseInputOhm: positive,
      dividerRatio: z.number().gt(0).max(1),
      thresholdV: positive,
      insulation: z.strictObject({
        referenceOhm: positive.describe('reference resistor from driveV to the measuring bus'),
        referenceTolerance: z.number().min(0).max(0.1).describe("half-width of the reference's tolerance, as a fraction"),
        bufferOffsetV: z.number().min(0).max(0.1).describe("the follower's input offset voltage, worst case"),
        bufferBiasA: z.number().min(0).max(1e-6).describe("the follower's input bias current, worst case"),
        adcNoiseLsb: z.number().min(0).max(16).describe("sigma of one ADC conversion's noise, in LSB"),
        adcInlLsb: z.number().min(0).max(4).describe('ADC integral non-linearity, worst case, in LSB'),
        conversions: z.number().int().min(2).max(255).describe('ADC conversions averaged per reading (two at least: the spread needs them)'),
        rangeLowOhm: positive.describe('lowest resistance reported as a value'),
        rangeHighOhm: positive.describe('highest resistance reported as a value'),
      }),
    }),
    thermo: z.strictObject({
      converter: z.literal('max31855'),
      tempLimitC: z.number().min(0).max(400),
    }),
    control: z.strictObject({
      periodMs: positive.max(1000),
    }),
    uncertainty: z
      .strictObject({
        shuntTolerancePct: percent.default(0.5).describe('shunt resistance tolerance, ± % (rectangular)'),
        senseGainTolerancePct: percent.default(0.5).describe('Kelvin sense amplifier gain tolerance, ± %'),
        shuntGainTolerancePct: percent.default(0.5).describe('shunt amplifier gain tolerance, ± %'),
        adcRefTolerancePct: percent.default(9.1).describe('ADC reference tolerance, ± % (cancels in drop / current: both channels share it)'),
        loadCellClass: forceClass.default(1),
        spanWeightUncertaintyPct: percent.default(0.01).describe("the span weight's certificate: expanded uncertainty (k = 2), % of its force"),
        thermoResolutionC: positive.max(10).default(0.25).describe('thermocouple converter resolution, °C'),
        thermoAccuracyC: positive.max(20).default(2).describe('thermocouple converter accuracy, ± °C (rectangular)'),
      })
      .prefault({})
      .describe('figures of the measuring chains for the uncertainty budgets (docs/uncertainty.md); each defaults to the figure of the parts list'),
    calibration: z.strictObject({
      intervalDays: z.number().int().min(1).max(3660).describe('days a calibration stays valid; due date = calibration date + this'),
      zeroToleranceN: positive.describe('most |force| the rig may read unloaded after the tare of a calibration (as-left)'),
      spanToleranceFraction: z.number().gt(0).max(0.1).describe('most relative error of the force read with the known weight on, after the span (as-left)'),
      currentToleranceFraction: z.number().gt(0).max(0.1).describe('most relative difference between the current the rig measures and the reference ammeter'),
      resistanceToleranceFraction: z.number().gt(0).max(0.1).describe('most relative difference between the resistance the rig measures and a reference resistor\'s certified value'),
      checkCurrentA: positive.describe('test current of the current and resistance checks'),
      checkStandard: z
        .strictObject({
          id: z.string().min(1).describe('asset id of the check standard (reference resistor)'),
          pole: z.number().int().min(1).max(8).describe('the rig pole it is wired to: a pole no DUT uses'),
          milliohm: positive.describe('its certified value'),
          toleranceFraction: z.number().gt(0).max(0.5).describe('shift-start check: the measured value must be within this fraction of milliohm'),
        })
        .describe('a reference resistor wired to a free pole for the shift-start verification (plan step check-standard)'),
    }),
  })
  .superRefine((rig, ctx) => {
    if (rig.forceCapN > rig.loadCell.capacityN) {
      ctx.addIssue({ code: 'custom', path: ['forceCapN'], message: `must not exceed loadCell.capacityN (${rig.loadCell.capacityN} N)` });
    }
    if (rig.current.maxTestCurrentA > rig.current.dacFullScaleA) {
      ctx.addIssue({ code: 'custom', path: ['current', 'maxTestCurrentA'], message: `must not exceed current.dacFullScaleA (${rig.current.dacFullScaleA} A)` });
    }
    if (rig.motion.approachSpeedMmps > rig.motion.maxSpeedMmps) {
      ctx.addIssue({ code: 'custom', path: ['motion', 'approachSpeedMmps'], message: `must not exceed motion.maxSpeedMmps (${rig.motion.maxSpeedMmps})` });
    }
    if (rig.motion.maxSlackMm >= rig.motion.travelMm) {
      ctx.addIssue({ code: 'custom', path: ['motion', 'maxSlackMm'], message: `must be less than motion.travelMm (${rig.motion.travelMm}): an empty grip must end the approach before the travel limit` });
    }
    const insulation = rig.isolation.insulation;
    if (insulation.rangeLowOhm >= insulation.rangeHighOhm) {
      ctx.addIssue({ code: 'custom', path: ['isolation', 'insulation', 'rangeLowOhm'], message: `must be less than rangeHighOhm (${insulation.rangeHighOhm})` });
    }
    if (rig.calibration.checkStandard.pole > rig.poles) {
      ctx.addIssue({ code: 'custom', path: ['calibration', 'checkStandard', 'pole'], message: `must be a pole of the rig (1..${rig.poles})` });
    }
    if (rig.calibration.checkCurrentA > rig.current.maxTestCurrentA) {
      ctx.addIssue({ code: 'custom', path: ['calibration', 'checkCurrentA'], message: `must not exceed current.maxTestCurrentA (${rig.current.maxTestCurrentA} A)` });
    }
    const seen = new Map<number, string>();
    for (const [name, pin] of Object.entries(rig.pins)) {
      if (name.endsWith('Adc')) continue;
      const other = seen.get(pin);
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['pins', name], message: `pin ${pin} is already used by pins.${other}` });
      seen.set(pin, name);
    }
  });

export type RigDefinition = z.infer<typeof RigDefinition>;

/** Load and validate a rig definition file; throws FileValidationError naming the file and field. */
export function loadRigDefinition(filePath: string = defaultRigFile): RigDefinition {
  return loadDataFile(filePath, RigDefinition);
}

/** Distance the puller travels per motor step. */
export function mmPerStep(rig: RigDefinition): number {
  return rig.motion.leadScrewPitchMm / (rig.motion.stepsPerRev * rig.motion.microsteps);
}

/** The rig figures that bound command arguments, under the names INFO reports them (firmware-protocol/commands.yaml). */
export function rigValuesOf(rig: RigDefinition): RigValues {
  return {
    poles: rig.poles,
    forceCapN: rig.forceCapN,
    capacityN: rig.loadCell.capacityN,
    maxCurrentA: rig.current.maxTestCurrentA,
    maxSpeedMmps: rig.motion.maxSpeedMmps,
    approachMmps: rig.motion.approachSpeedMmps,
    travelMm: rig.motion.travelMm,
    maxSlackMm: rig.motion.maxSlackMm,
    maxTempC: rig.thermo.tempLimitC,
    sampleHz: rig.loadCell.rateHz,
  };
}
