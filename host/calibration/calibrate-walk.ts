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

type Questions = ReturnType<typeof calibrationQuestions>;

/** The reference standards, as the technician names them. */
interface References {
  weight: { id: string; certificate: string; forceN: number; massKg?: number; uncertaintyN: number };
  resistor: { id: string; certificate: string; milliohm: number; pole: number };
  ammeter: { id: string; certificate: string };
}

/** The rig's readings of the references, and the reference ammeter's reading of the check current. */
interface Readings {
  zeroN: number;
  spanN: number;
  pole: { currentA: number; milliohm: number };
  ammeterA: number;
}

/** What the walk works with at the rig. */
interface Bench {
  port: UnoPullCalibrationPort;
  tech: Technician;
  fixture: CalibrationFixture;
  figures: RigDefinition['calibration'];
  q: Questions;
}

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
  const bench: Bench = { port, tech, fixture, figures, q };
  const startedAt = isoWithOffset(now());
  tech.say(`Calibrating rig ${options.rig.id} (firmware ${options.rig.firmwareVersion}, protocol ${options.rig.protocol}) on ${options.rig.where}`);
  const before = await port.readCalibration();
  const technician = await tech.ask(q.technician);

  // Reference standards first, so a missing answer stops the walk before anything is measured.
  const references = await askReferences(tech, q);
  const { weight, resistor } = references;
  // As found: the readings with the calibration the rig holds now.
  const found = await readAsFound(bench, references);

  // The new calibration: zero where the unloaded cell reads now, span from the weight's rise over that zero.
  const tareCounts = before.tareCounts + Math.round(found.zeroN * before.countsPerN);
  const countsPerN = (before.countsPerN * (found.spanN - found.zeroN)) / weight.forceN;
  const today = localIsoDate(now());
  const calDate = yyyymmdd(today);
  const dueDate = addDays(today, figures.intervalDays);
  tech.say(
    [
      `As found: zero ${found.zeroN.toFixed(3)} N, weight ${found.spanN.toFixed(3)} N for ${weight.forceN.toFixed(3)} N, current ${found.pole.currentA.toFixed(3)} A (ammeter ${found.ammeterA} A), resistance ${found.pole.milliohm.toFixed(4)} mΩ (certified ${resistor.milliohm})`,
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
  const left = await readAsLeft(bench, references);
  const checks = judgeChecks(found, left, references, figures);
  if (!checks.pass) {
    await port.invalidate();
    after = await port.readCalibration();
  }
  const id = `${options.rig.id}-${today.replaceAll('-', '')}-${isoWithOffset(now()).slice(11, 19).replaceAll(':', '')}`;
  const record = calibrationRecord({ options, id, technician, startedAt, endedAt: isoWithOffset(now()), dueDate, before, after, references, checks });
  const file = writeCalibrationRecord(options.resultsDir, record);
  tech.say(
    [
      ...asLeftReport(left, references, checks),
      checks.pass
        ? `Calibration of rig ${options.rig.id} written: ${today}, due ${dueDate}, checksum ${record.checksum.toString(16).toUpperCase().padStart(4, '0')}`
        : `Calibration FAILED as left: rig ${options.rig.id} is marked never calibrated and refuses runs until calibrated`,
      `record ${file}`,
    ].join('\n'),
  );
  return { file, record };
}

async function askReferences(tech: Technician, q: Questions): Promise<References> {
  const weight = { id: await tech.ask(q.weightId), certificate: await tech.ask(q.weightCertificate), ...(await tech.ask(q.weightValue)), uncertaintyN: await tech.ask(q.weightUncertaintyN) };
  const resistor = { id: await tech.ask(q.resistorId), certificate: await tech.ask(q.resistorCertificate), milliohm: await tech.ask(q.resistorMilliohm), pole: await tech.ask(q.resistorPole) };
  const ammeter = { id: await tech.ask(q.ammeterId), certificate: await tech.ask(q.ammeterCertificate) };
  return { weight, resistor, ammeter };
}

/** The check current through the reference resistor's pole, as the rig measures it. */
async function measureResistorPole({ port, tech, figures }: Bench, pole: number): Promise<Readings['pole']> {
  const reading = await port.measurePole(pole, figures.checkCurrentA);
  tech.say(`  rig: ${reading.currentA.toFixed(3)} A, ${reading.milliohm.toFixed(4)} mΩ at ${figures.checkCurrentA} A`);
  return reading;
}

/** Load cell unloaded and with the weight, then the resistor wired (it stays wired for the as-left checks). */
async function readAsFound(bench: Bench, { weight, resistor, ammeter }: References): Promise<Readings> {
  const { port, tech, fixture, q } = bench;
  await tech.instruct('Take everything off the load cell and the grip (nothing may pull on it)');
  fixture.hangWeight(0);
  const zeroN = await port.meanForceN();
  await tech.instruct(`Hang the known weight ${weight.id} (${weight.forceN.toFixed(3)} N) freely on the load cell`);
  fixture.hangWeight(weight.forceN);
  const spanN = await port.meanForceN();
  await tech.instruct('Take the weight off the load cell');
  fixture.hangWeight(0);
  await tech.instruct(`Wire the reference resistor ${resistor.id} (${resistor.milliohm} mΩ) to pole ${resistor.pole} (4-wire), with the reference ammeter ${ammeter.id} in series in the current loop, set to hold its reading`);
  fixture.wireResistor(resistor.pole, resistor.milliohm);
  const pole = await measureResistorPole(bench, resistor.pole);
  const ammeterA = await tech.ask(q.ammeterAsFoundA);
  return { zeroN, spanN, pole, ammeterA };
}

/** The resistor still wired from the as-found checks, then off; then the load cell unloaded and with the weight. */
async function readAsLeft(bench: Bench, { weight, resistor }: References): Promise<Readings> {
  const { port, tech, fixture, q } = bench;
  const pole = await measureResistorPole(bench, resistor.pole);
  const ammeterA = await tech.ask(q.ammeterAsLeftA);
  await tech.instruct(`Take the reference resistor and the ammeter off pole ${resistor.pole}`);
  fixture.wireResistor(resistor.pole, null);
  await tech.instruct('Make sure nothing is on the load cell');
  const zeroN = await port.meanForceN();
  await tech.instruct(`Hang the known weight ${weight.id} on the load cell again`);
  fixture.hangWeight(weight.forceN);
  const spanN = await port.meanForceN();
  await tech.instruct('Take the weight off the load cell');
  fixture.hangWeight(0);
  return { zeroN, spanN, pole, ammeterA };
}

interface Checks {
  zero: Check;
  span: Check;
  current: Check;
  resistance: Check;
  /** Every check passes as left. */
  pass: boolean;
}

function judgeChecks(found: Readings, left: Readings, { weight, resistor }: References, figures: RigDefinition['calibration']): Checks {
  const zero = check(0, 'N', figures.zeroToleranceN, found.zeroN, left.zeroN);
  const span = check(weight.forceN, 'N', weight.forceN * figures.spanToleranceFraction, found.spanN, left.spanN);
  const current = check(found.ammeterA, 'A', found.ammeterA * figures.currentToleranceFraction, found.pole.currentA, left.pole.currentA);
  // The current check's reference is the ammeter's own reading each time; as left compares with the as-left reading.
  current.asLeftPass = Math.abs(left.pole.currentA - left.ammeterA) <= left.ammeterA * figures.currentToleranceFraction;
  const resistance = check(resistor.milliohm, 'mΩ', resistor.milliohm * figures.resistanceToleranceFraction, found.pole.milliohm, left.pole.milliohm);
  const pass = zero.asLeftPass && span.asLeftPass && current.asLeftPass && resistance.asLeftPass;
  return { zero, span, current, resistance, pass };
}

function calibrationRecord(walk: {
  options: CalibrateWalkOptions;
  id: string;
  technician: string;
  startedAt: string;
  endedAt: string;
  dueDate: string;
  before: LoadCellCalibration;
  after: LoadCellCalibration;
  references: References;
  checks: Checks;
}): Omit<CalibrationRecord, 'recordHash'> {
  const { options, before, after, checks } = walk;
  const { weight, resistor, ammeter } = walk.references;
  const { figures } = options;
  return {
    kind: 'clampbench-calibration',
    recordVersion: 1,
    id: walk.id,
    rig: { id: options.rig.id, firmwareVersion: options.rig.firmwareVersion, protocol: options.rig.protocol, where: options.rig.where },
    technician: walk.technician,
    startedAt: walk.startedAt,
    endedAt: walk.endedAt,
    calDate: after.calDate,
    dueDate: walk.dueDate,
    intervalDays: figures.intervalDays,
    checksum: after.calCheck ?? 0,
    written: {
      before: { tareCounts: before.tareCounts, countsPerN: before.countsPerN, calDate: before.calDate, calCheck: before.calCheck },
      after: { tareCounts: after.tareCounts, countsPerN: after.countsPerN, calDate: after.calDate, calCheck: after.calCheck ?? 0 },
    },
    zero: checks.zero,
    span: { ...checks.span, weight: { id: weight.id, certificate: weight.certificate, forceN: weight.forceN, ...(weight.massKg === undefined ? {} : { massKg: weight.massKg, gravityMps2: STANDARD_GRAVITY_MPS2 }), uncertaintyN: weight.uncertaintyN } },
    current: { ...checks.current, ammeter, setpointA: figures.checkCurrentA, pole: resistor.pole },
    resistance: { ...checks.resistance, resistor: { id: resistor.id, certificate: resistor.certificate }, pole: resistor.pole, currentA: figures.checkCurrentA },
    result: checks.pass ? 'pass' : 'fail',
  };
}

function asLeftReport(left: Readings, { resistor }: References, { zero, span, current, resistance }: Checks): string[] {
  return [
    `As left: zero ${left.zeroN.toFixed(3)} N (±${zero.tolerance} N: ${passText(zero.asLeftPass)}), weight ${left.spanN.toFixed(3)} N (±${span.tolerance.toFixed(3)} N: ${passText(span.asLeftPass)}),`,
    `  current ${left.pole.currentA.toFixed(3)} A vs ${left.ammeterA} A (${passText(current.asLeftPass)}), resistance ${left.pole.milliohm.toFixed(4)} mΩ vs ${resistor.milliohm} mΩ (${passText(resistance.asLeftPass)})`,
  ];
}
