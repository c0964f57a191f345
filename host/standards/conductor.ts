import { PlanError } from '../shared/plan-error.js';
import { awgEquivalents, mm2ForAwg } from './awg-equivalence.js';
import { CONDUCTOR_KIND_TEXT, type ConductorKind } from './conductor-kind.js';

/** The conductor a plan runs with, from an id such as `10mm2-fine` or `8awg-solid`. */
export interface Conductor {
  id: string;
  /** For an AWG id: the metric size the standards pair with that gauge (8 AWG ≈ 10 mm²). */
  crossSectionMm2: number;
  /** Set only when the id states the size in AWG. */
  awg?: number;
  kind: ConductorKind;
  /** "10 mm² fine-stranded conductor", for prompts and reports. */
  text: string;
}

/** `fine-ferrule` alone means an insulated ferrule, the common kind (WAGO lists it first). */
const KIND_BY_SUFFIX: Record<string, ConductorKind> = {
  solid: 'solid',
  fine: 'fine',
  'fine-ferrule': 'fine-ferrule-insulated',
  'fine-ferrule-insulated': 'fine-ferrule-insulated',
  'fine-ferrule-uninsulated': 'fine-ferrule-uninsulated',
};

const ID_PATTERN = /^(\d+(?:\.\d+)?)(mm2|mm²|awg)-([a-z-]+)$/;

function acceptedForms(): string {
  const gauges = awgEquivalents()
    .map((pair) => `${pair.awg} AWG≈${pair.crossSectionMm2} mm²`)
    .join(', ');
  return (
    `expected <size>mm2-<kind> or <gauge>awg-<kind>, e.g. 10mm2-fine, 6mm2-fine-ferrule, 2.5mm2-solid, 8awg-solid; ` +
    `kinds: ${Object.keys(KIND_BY_SUFFIX).join(', ')} (fine-ferrule = insulated ferrule); gauges: ${gauges}`
  );
}

/** Parse a conductor id; a PlanError on `conductor` lists the accepted forms. */
export function parseConductorId(id: string): Conductor {
  const match = ID_PATTERN.exec(id.trim().toLowerCase());
  const kind = match ? KIND_BY_SUFFIX[match[3] ?? ''] : undefined;
  if (!match || !kind) throw new PlanError('conductor', id, acceptedForms());
  const size = Number(match[1]);
  const words = CONDUCTOR_KIND_TEXT[kind];
  if (match[2] === 'awg') {
    const crossSectionMm2 = mm2ForAwg(size);
    if (crossSectionMm2 === undefined || !Number.isInteger(size)) throw new PlanError('conductor', id, acceptedForms());
    return { id, crossSectionMm2, awg: size, kind, text: `${size} AWG ${words.noun}${words.suffix}` };
  }
  if (size <= 0) throw new PlanError('conductor', id, acceptedForms());
  return { id, crossSectionMm2: size, kind, text: `${size} mm² ${words.noun}${words.suffix}` };
}

/** "a 10 mm² …" / "an 8 AWG …": the article follows the sound of the number. */
export function withArticle(text: string): string {
  return /^(8|11(?!\d)|18(?!\d))/.test(text) ? `an ${text}` : `a ${text}`;
}
