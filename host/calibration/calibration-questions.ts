import { identifierProblem } from '../shared/identifier-text.js';

/** Standard gravity: a weight given as a mass is converted with it (give the force in N for local gravity). */
export const STANDARD_GRAVITY_MPS2 = 9.80665;

/** A known weight as the technician gives it: its force, and its mass when given as one. */
export interface WeightValue {
  forceN: number;
  massKg?: number;
}

/** One question of the calibration walk: its key in an answers file, the prompt, and the parser of an answer. */
export interface Question<T> {
  key: string;
  text: string;
  /** The value, or what is wrong with the answer and what is allowed. */
  parse: (answer: string) => { value: T } | { problem: string };
}

const text = (key: string, what: string, prompt: string): Question<string> => ({
  key,
  text: prompt,
  parse: (answer) => {
    const problem = identifierProblem(what, answer.trim());
    return problem === null ? { value: answer.trim() } : { problem };
  },
});

const number = (key: string, prompt: string, unit: string, min: number, max: number, minInclusive = false): Question<number> => ({
  key,
  text: prompt,
  parse: (answer) => {
    const value = Number(answer.trim());
    const above = minInclusive ? value >= min : value > min;
    if (answer.trim() === '' || !Number.isFinite(value) || !above || value > max) {
      return { problem: `expected a number ${minInclusive ? 'from' : 'above'} ${min} up to ${max}${unit ? ` ${unit}` : ''}` };
    }
    return { value };
  },
});

/** Every question, by what it is about; `capacityN` and `poles` bound the answers by the rig. */
export function calibrationQuestions(rig: { capacityN: number; poles: number }) {
  return {
    technician: text('technician', 'technician', 'Technician (your name, for the record)'),
    weightId: text('weight.id', 'weight id', 'Known weight: its asset id'),
    weightCertificate: text('weight.certificate', 'certificate number', 'Known weight: its calibration certificate number'),
    weightValue: <Question<WeightValue>>{
      key: 'weight.value',
      text: `Known weight: its force in N ("98.0665 N") or its mass in kg ("10 kg", converted with ${STANDARD_GRAVITY_MPS2} m/s²)`,
      parse: (answer: string) => {
        const match = /^\s*([0-9]*\.?[0-9]+)\s*(kg|N)\s*$/.exec(answer);
        const amount = match ? Number(match[1]) : NaN;
        const forceN = match?.[2] === 'kg' ? amount * STANDARD_GRAVITY_MPS2 : amount;
        if (!match || !(forceN > 0) || forceN > rig.capacityN) {
          return { problem: `expected a positive force with its unit ("100 N") or mass ("10 kg"), at most the load cell's ${rig.capacityN} N` };
        }
        return { value: match[2] === 'kg' ? { forceN, massKg: amount } : { forceN } };
      },
    },
    weightUncertaintyN: number('weight.uncertaintyN', "Known weight: the expanded uncertainty (k = 2) of its force from the certificate, N", 'N', 0, rig.capacityN, true),
    resistorId: text('resistor.id', 'resistor id', 'Reference resistor: its asset id'),
    resistorCertificate: text('resistor.certificate', 'certificate number', 'Reference resistor: its calibration certificate number'),
    resistorMilliohm: number('resistor.milliohm', 'Reference resistor: its certified value, mΩ', 'mΩ', 0, 1000),
    resistorPole: <Question<number>>{
      ...number('resistor.pole', `Reference resistor: the rig pole it is wired to (1..${rig.poles})`, '', 0, rig.poles),
      parse: (answer: string) => {
        const value = Number(answer.trim());
        return Number.isInteger(value) && value >= 1 && value <= rig.poles ? { value } : { problem: `expected a pole number 1..${rig.poles}` };
      },
    },
    ammeterId: text('ammeter.id', 'ammeter id', 'Reference ammeter (or shunt and meter): its asset id'),
    ammeterCertificate: text('ammeter.certificate', 'certificate number', 'Reference ammeter: its calibration certificate number'),
    ammeterAsFoundA: number('ammeter.asFoundA', 'Reference ammeter: the current it held during the check just made, A', 'A', 0, 100),
    ammeterAsLeftA: number('ammeter.asLeftA', 'Reference ammeter: the current it held during the check just made (after the calibration was written), A', 'A', 0, 100),
    confirm: <Question<boolean>>{
      key: 'confirm',
      text: 'Write this calibration to the rig? (yes / no)',
      parse: (answer: string) => {
        const a = answer.trim().toLowerCase();
        if (a === 'yes' || a === 'y' || a === 'true') return { value: true };
        if (a === 'no' || a === 'n' || a === 'false') return { value: false };
        return { problem: 'expected yes or no' };
      },
    },
  };
}
