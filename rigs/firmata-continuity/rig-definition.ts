import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadDataFile } from '../../host/shared/load-data-file.js';

/** Default rig file of this rig kind, next to this module. */
export const defaultFirmataRigFile = fileURLToPath(new URL('./rig.yaml', import.meta.url));

/** The rig kind this file describes, as `kind:` says it. */
export const FIRMATA_RIG_KIND = 'clampbench-firmata-continuity';

/** The Uno's LED pin, on which StandardFirmata blinks its version at start. */
const BLINK_PIN = 13;

/** Uno pins the ATmega328P can drive with hardware PWM (analogWrite). */
const UNO_PWM_PINS = [3, 5, 6, 9, 10, 11] as const;

const digitalPin = z.number().int().min(2).max(19).describe('Arduino Uno pin number 2..19 (0 and 1 carry the serial link; A0..A5 are 14..19)');
const adcChannel = z.number().int().min(0).max(5).describe('ADC channel 0..5 (A0..A5)');
const positive = z.number().positive();
const percent = z.number().min(0).max(20);
const yyyymmdd = z
  .number()
  .int()
  .min(20000101)
  .max(20991231)
  .refine((n) => {
    const month = Math.floor(n / 100) % 100;
    const day = n % 100;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }, 'a date written YYYYMMDD');

export const FirmataRigDefinition = z
  .strictObject({
    kind: z.literal(FIRMATA_RIG_KIND),
    rigId: z.string().regex(/^[A-Za-z0-9_-]{1,15}$/, '1 to 15 characters A-Z a-z 0-9 _ -'),
    calDate: yyyymmdd.describe('date the gains were last checked, YYYYMMDD'),
    calibration: z.strictObject({
      intervalDays: z.number().int().min(1).max(3660).describe('days the calibration (calDate) stays valid'),
    }),
    board: z.strictObject({
      name: z.literal('uno'),
      mcu: z.literal('atmega328p'),
      clockHz: z.literal(16_000_000),
      firmware: z.literal('StandardFirmata'),
      baud: z.literal(57600),
    }),
    poles: z.number().int().min(1).max(4).describe('poles the relays switch; an Uno has pins for 4'),
    pins: z.strictObject({
      estop: digitalPin,
      buzzer: digitalPin,
      kelvinRelays: z.array(digitalPin).min(1).max(4),
      isoRelays: z.array(digitalPin).min(1).max(4),
      currentSetpoint: z
        .number()
        .int()
        .refine((pin) => (UNO_PWM_PINS as readonly number[]).includes(pin), `a PWM pin of the Uno (${UNO_PWM_PINS.join(', ')})`),
      lamp: digitalPin,
      senseAdc: adcChannel,
      shuntAdc: adcChannel,
      farEndAdc: z.array(adcChannel).min(1).max(4),
    }),
    estop: z.strictObject({
      pullUpOhm: z.number().min(1000).max(47_000).describe('external pull-up on the E-stop pin: the MCU\'s own is lost through firmata.js'),
    }),
    relays: z.strictObject({
      activeHigh: z.literal(true).describe('StandardFirmata drives every pin LOW at start: active-LOW relays would all close'),
      settleMs: z.number().int().min(0).max(500),
    }),
    adc: z.strictObject({
      refV: z.literal(5),
      bits: z.literal(10),
      samplingIntervalMs: z.number().int().min(10).max(1000).describe("StandardFirmata's sampling interval; it does not go below 10 ms"),
    }),
    current: z.strictObject({
      maxTestCurrentA: positive.max(20),
      ampsPerVolt: positive,
      complianceV: positive.max(12),
      settleMs: z.number().int().min(0).max(2000),
      shuntMilliohm: positive,
      shuntGain: positive,
      senseGain: positive,
      openCircuitRatio: z.number().gt(0).lt(1),
    }),
    isolation: z.strictObject({
      driveV: positive.max(5),
      seriesOhm: positive,
      senseInputOhm: positive,
      dividerRatio: z.number().gt(0).max(1),
      thresholdV: positive,
    }),
    uncertainty: z
      .strictObject({
        shuntTolerancePct: percent.default(1).describe('shunt resistance tolerance, ± % (rectangular)'),
        senseGainTolerancePct: percent.default(1).describe('Kelvin sense amplifier gain tolerance, ± %'),
        shuntGainTolerancePct: percent.default(1).describe('shunt amplifier gain tolerance, ± %'),
        adcRefTolerancePct: percent.default(5).describe('ADC reference (AVcc) tolerance, ± % (cancels in drop / current: both channels share it)'),
      })
      .prefault({})
      .describe('figures of the voltage-drop chain for its uncertainty budget (docs/uncertainty.md); each defaults to the figure of the parts list'),
    signals: z.strictObject({
      beepMs: z.number().int().min(20).max(2000),
      passBeeps: z.number().int().min(0).max(10),
      failBeeps: z.number().int().min(0).max(10),
    }),
  })
  .superRefine((rig, ctx) => {
    // StandardFirmata blinks its version on pin 13 (the Uno's LED) at every start: a relay there would chatter.
    [...rig.pins.kelvinRelays, ...rig.pins.isoRelays].forEach((pin, i) => {
      if (pin !== BLINK_PIN) return;
      const [name, index] = i < rig.pins.kelvinRelays.length ? ['kelvinRelays', i] : ['isoRelays', i - rig.pins.kelvinRelays.length];
      ctx.addIssue({ code: 'custom', path: ['pins', name, index], message: `pin ${BLINK_PIN} blinks StandardFirmata's version at every start: use it for the lamp, not a relay` });
    });
    const perPole = ['kelvinRelays', 'isoRelays', 'farEndAdc'] as const;
    for (const name of perPole) {
      const given = rig.pins[name].length;
      if (given !== rig.poles) ctx.addIssue({ code: 'custom', path: ['pins', name], message: `${given} entries for ${rig.poles} poles: one per pole` });
    }
    if (rig.current.maxTestCurrentA > rig.current.ampsPerVolt * rig.adc.refV) {
      ctx.addIssue({ code: 'custom', path: ['current', 'maxTestCurrentA'], message: `must not exceed the source's full scale, ampsPerVolt × 5 V = ${rig.current.ampsPerVolt * rig.adc.refV} A` });
    }
    // Each digital pin has one job; ADC channels likewise (as digital pins A0..A5 are 14..19).
    const seen = new Map<number, string>();
    const claim = (pin: number, path: Array<string | number>): void => {
      const other = seen.get(pin);
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['pins', ...path], message: `pin ${pin} is already used by pins.${other}` });
      else seen.set(pin, path.join('.'));
    };
    const { estop, buzzer, kelvinRelays, isoRelays, currentSetpoint, lamp, senseAdc, shuntAdc, farEndAdc } = rig.pins;
    claim(estop, ['estop']);
    claim(buzzer, ['buzzer']);
    kelvinRelays.forEach((pin, i) => claim(pin, ['kelvinRelays', i]));
    isoRelays.forEach((pin, i) => claim(pin, ['isoRelays', i]));
    claim(currentSetpoint, ['currentSetpoint']);
    claim(lamp, ['lamp']);
    claim(14 + senseAdc, ['senseAdc']);
    claim(14 + shuntAdc, ['shuntAdc']);
    farEndAdc.forEach((channel, i) => claim(14 + channel, ['farEndAdc', i]));
  });

export type FirmataRigDefinition = z.infer<typeof FirmataRigDefinition>;

/** Load and validate a Firmata rig file; throws FileValidationError naming the file, field, value and what is allowed. */
export function loadFirmataRigDefinition(filePath: string = defaultFirmataRigFile): FirmataRigDefinition {
  return loadDataFile(filePath, FirmataRigDefinition);
}

/** One ADC count in volts at the pin. */
export function adcVoltsPerCount(rig: FirmataRigDefinition): number {
  return rig.adc.refV / 2 ** rig.adc.bits;
}

/** What one ADC count is worth: the rig's resolution for the voltage drop and the test current. */
export function firmataResolution(rig: FirmataRigDefinition): { dropMv: number; currentA: number } {
  const volts = adcVoltsPerCount(rig);
  return {
    dropMv: (volts / rig.current.senseGain) * 1000,
    currentA: volts / rig.current.shuntGain / (rig.current.shuntMilliohm / 1000),
  };
}

/** PWM duty (0..255) that asks the current source for `currentA`, and the current that duty really asks for. */
export function setpointDuty(rig: FirmataRigDefinition, currentA: number): { duty: number; setpointA: number } {
  const fullScaleA = rig.current.ampsPerVolt * rig.adc.refV;
  const duty = Math.max(0, Math.min(255, Math.round((currentA / fullScaleA) * 255)));
  return { duty, setpointA: (duty / 255) * fullScaleA };
}
