import type { RigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import type { CalibrationRecord } from '../results/calibration/calibration-record.js';
import { writeCalibrationRecord } from '../results/calibration/calibration-records.js';
import type { LoadCellCalibration, UnoPullCalibrationPort } from '../rig/uno-pull-calibration.js';
import { localIsoDate } from '../runner/calibration-status.js';
import { isoWithOffset } from '../runner/iso-time.js';
import { calibrationQuestions, STANDARD_GRAVITY_MPS2 } from './calibration-questions.js';
import type { Technician } from './technician.js';

/** What a person does at the rig during a calibration, done by the simulator's hooks on a simulated rig. */
export interface CalibrationFixture {
  /** Hang a weight of this force on the load cell; 0 takes it off. */
  hangWeight(forceN: number): void;
  /** Wire a reference resistor (mΩ) to a rig pole; null takes it off. */
  wireResistor(pole: number, milliohm: number | null): void;
}

/** On a real rig the technician does it, told by the walk's instructions. */
export const handsOnFixture: CalibrationFixture = { hangWeight: () => undefined, wireResistor: () => undefined };

export interface CalibrateWalkOptions {
  port: UnoPullCalibrationPort;
  technician: Technician;
  fixture: CalibrationFixture;
  rig: { id: string; firmwareVersion: string; protocol: string; where: string; capacityN: number; poles: number };
  /** The rig definition's calibration block: interval, tolerances, check current. */
  figures: RigDefinition['calibration'];
  resultsDir: string;
  now?: () => Date;
}

export interface CalibrateResult {
  /** The calibration record written, or null when the technician did not confirm (nothing was written). */
  file: string | null;
  record: Omit<CalibrationRecord, 'recordHash'> | null;
}

type Check = CalibrationRecord['zero'];

function check(reference: number, unit: string, tolerance: number, asFound: number, asLeft: number): Check {
  return { asFound, asLeft, reference, unit, tolerance, asFoundPass: Math.abs(asFound - reference) <= tolerance, asLeftPass: Math.abs(asLeft - reference) <= tolerance };
}

const yyyymmdd = (isoDate: string): number => Number(isoDate.replaceAll('-', ''));

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const passText = (pass: boolean): string => (pass ? 'pass' : 'FAIL');

/**
 * The calibration walk of the Uno pull rig: tare and span of the load cell against a known weight, a current
 * check against a reference ammeter and a resistance check against a reference resistor, each read as found;
 * then, once the technician confirms, the new tare, span, date and checksum are written to the rig and every
 * check is read again as left. A calibration whose as-left checks fail is not left standing: the rig is marked
 * never calibrated. The record goes to `<results>/calibrations/`. Nothing is written before the confirmation.
 */
export async function calibrateWalk(options: CalibrateWalkOptions): Promise<CalibrateResult> {
  const { port, technician: tech, fixture, figures } = options;
  const now = options.now ?? (() => new Date());
  const q = calibrationQuestions(options.rig);
  const startedAt = isoWithOffset(now());
  tech.say(`Calibrating rig ${options.rig.id} (firmware ${options.rig.firmwareVersion}, protocol ${options.rig.protocol}) on ${options.rig.where}`);
  const before = await port.readCalibration();
  const technician = await tech.ask(q.technician);

  // Reference standards first, so a missing answer stops the walk before anything is measured.
  const weight = { id: await tech.ask(q.weightId), certificate: await tech.ask(q.weightCertificate), ...(await tech.ask(q.weightValue)), uncertaintyN: await tech.ask(q.weightUncertaintyN) };
  const resistor = { id: await tech.ask(q.resistorId), certificate: await tech.ask(q.resistorCertificate), milliohm: await tech.ask(q.resistorMilliohm), pole: await tech.ask(q.resistorPole) };
  const ammeter = { id: await tech.ask(q.ammeterId), certificate: await tech.ask(q.ammeterCertificate) };

  // As found: the readings with the calibration the rig holds now.
  await tech.instruct('Take everything off the load cell and the grip (nothing may pull on it)');
  fixture.hangWeight(0);
  const zeroFoundN = await port.meanForceN();
  await tech.instruct(`Hang the known weight ${weight.id} (${weight.forceN.toFixed(3)} N) freely on the load cell`);
  fixture.hangWeight(weight.forceN);
  const spanFoundN = await port.meanForceN();
  await tech.instruct('Take the weight off the load cell');
  fixture.hangWeight(0);
  await tech.instruct(`Wire the reference resistor ${resistor.id} (${resistor.milliohm} mΩ) to pole ${resistor.pole} (4-wire), with the reference ammeter ${ammeter.id} in series in the current loop, set to hold its reading`);
  fixture.wireResistor(resistor.pole, resistor.milliohm);
  const poleFound = await port.measurePole(resistor.pole, figures.checkCurrentA);
  tech.say(`  rig: ${poleFound.currentA.toFixed(3)} A, ${poleFound.milliohm.toFixed(4)} mΩ at ${figures.checkCurrentA} A`);
  const ammeterFoundA = await tech.ask(q.ammeterAsFoundA);

  // The new calibration: zero where the unloaded cell reads now, span from the weight's rise over that zero.
  const tareCounts = before.tareCounts + Math.round(zeroFoundN * before.countsPerN);
  const countsPerN = (before.countsPerN * (spanFoundN - zeroFoundN)) / weight.forceN;
  const today = localIsoDate(now());
  const calDate = yyyymmdd(today);
  const dueDate = addDays(today, figures.intervalDays);
  tech.say(
    [
      `As found: zero ${zeroFoundN.toFixed(3)} N, weight ${spanFoundN.toFixed(3)} N for ${weight.forceN.toFixed(3)} N, current ${poleFound.currentA.toFixed(3)} A (ammeter ${ammeterFoundA} A), resistance ${poleFound.milliohm.toFixed(4)} mΩ (certified ${resistor.milliohm})`,
      `New: tareCounts ${before.tareCounts} -> ${tareCounts}, countsPerN ${before.countsPerN.toFixed(3)} -> ${countsPerN.toFixed(3)}, calibration date ${today}, due ${dueDate}`,
    ].join('\n'),
  );
  if (!(await tech.ask(q.confirm))) {
    fixture.wireResistor(resistor.pole, null);
    tech.say('Not confirmed: nothing was written to the rig and no calibration record was made.');
    return { file: null, record: null };
  }
  let after: LoadCellCalibration = await port.write({ tareCounts, countsPerN, calDate });

  // As left: every check again with the calibration just written.
  const poleLeft = await port.measurePole(resistor.pole, figures.checkCurrentA);
  tech.say(`  rig: ${poleLeft.currentA.toFixed(3)} A, ${poleLeft.milliohm.toFixed(4)} mΩ at ${figures.checkCurrentA} A`);
  const ammeterLeftA = await tech.ask(q.ammeterAsLeftA);
  await tech.instruct(`Take the reference resistor and the ammeter off pole ${resistor.pole}`);
  fixture.wireResistor(resistor.pole, null);
  await tech.instruct('Make sure nothing is on the load cell');
  const zeroLeftN = await port.meanForceN();
  await tech.instruct(`Hang the known weight ${weight.id} on the load cell again`);
  fixture.hangWeight(weight.forceN);
  const spanLeftN = await port.meanForceN();
  await tech.instruct('Take the weight off the load cell');
  fixture.hangWeight(0);

  const zero = check(0, 'N', figures.zeroToleranceN, zeroFoundN, zeroLeftN);
  const span = check(weight.forceN, 'N', weight.forceN * figures.spanToleranceFraction, spanFoundN, spanLeftN);
  const current = check(ammeterFoundA, 'A', ammeterFoundA * figures.currentToleranceFraction, poleFound.currentA, poleLeft.currentA);
  // The current check's reference is the ammeter's own reading each time; as left compares with the as-left reading.
  current.asLeftPass = Math.abs(poleLeft.currentA - ammeterLeftA) <= ammeterLeftA * figures.currentToleranceFraction;
  const resistance = check(resistor.milliohm, 'mΩ', resistor.milliohm * figures.resistanceToleranceFraction, poleFound.milliohm, poleLeft.milliohm);
  const pass = zero.asLeftPass && span.asLeftPass && current.asLeftPass && resistance.asLeftPass;
  if (!pass) {
    await port.invalidate();
    after = await port.readCalibration();
  }
  const id = `${options.rig.id}-${today.replaceAll('-', '')}-${isoWithOffset(now()).slice(11, 19).replaceAll(':', '')}`;
  const record: Omit<CalibrationRecord, 'recordHash'> = {
    kind: 'clampbench-calibration',
    recordVersion: 1,
    id,
    rig: { id: options.rig.id, firmwareVersion: options.rig.firmwareVersion, protocol: options.rig.protocol, where: options.rig.where },
    technician,
    startedAt,
    endedAt: isoWithOffset(now()),
    calDate: after.calDate,
    dueDate,
    intervalDays: figures.intervalDays,
    checksum: after.calCheck ?? 0,
    written: {
      before: { tareCounts: before.tareCounts, countsPerN: before.countsPerN, calDate: before.calDate, calCheck: before.calCheck },
      after: { tareCounts: after.tareCounts, countsPerN: after.countsPerN, calDate: after.calDate, calCheck: after.calCheck ?? 0 },
    },
    zero,
    span: { ...span, weight: { id: weight.id, certificate: weight.certificate, forceN: weight.forceN, ...(weight.massKg === undefined ? {} : { massKg: weight.massKg, gravityMps2: STANDARD_GRAVITY_MPS2 }), uncertaintyN: weight.uncertaintyN } },
    current: { ...current, reference: ammeterFoundA, ammeter, setpointA: figures.checkCurrentA, pole: resistor.pole },
    resistance: { ...resistance, resistor: { id: resistor.id, certificate: resistor.certificate }, pole: resistor.pole, currentA: figures.checkCurrentA },
    result: pass ? 'pass' : 'fail',
  };
  const file = writeCalibrationRecord(options.resultsDir, record);
  tech.say(
    [
      `As left: zero ${zeroLeftN.toFixed(3)} N (±${zero.tolerance} N: ${passText(zero.asLeftPass)}), weight ${spanLeftN.toFixed(3)} N (±${span.tolerance.toFixed(3)} N: ${passText(span.asLeftPass)}),`,
      `  current ${poleLeft.currentA.toFixed(3)} A vs ${ammeterLeftA} A (${passText(current.asLeftPass)}), resistance ${poleLeft.milliohm.toFixed(4)} mΩ vs ${resistor.milliohm} mΩ (${passText(resistance.asLeftPass)})`,
      pass
        ? `Calibration of rig ${options.rig.id} written: ${today}, due ${dueDate}, checksum ${record.checksum.toString(16).toUpperCase().padStart(4, '0')}`
        : `Calibration FAILED as left: rig ${options.rig.id} is marked never calibrated and refuses runs until calibrated`,
      `record ${file}`,
    ].join('\n'),
  );
  return { file, record };
}
