import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../shared/load-data-file.js';
import { Iso2859CodeLetterTable, Iso2859SingleSamplingTable } from './iso-2859-tables.js';
import { PullForceTable, TemperatureRiseTable, VoltageDropTable } from './standard-tables.js';

function here(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

export interface StandardTables {
  pullForce: PullForceTable[];
  voltageDrop: VoltageDropTable[];
  temperatureRise: TemperatureRiseTable;
  /** ISO 2859-1 Table 1 and Table 2-A: how many units of a lot a destructive step takes. */
  sampling: { codeLetters: Iso2859CodeLetterTable; normalSingle: Iso2859SingleSamplingTable };
}

let cached: StandardTables | undefined;

/** The standards' figures as shipped (host/standards/*.yaml), read and validated once per process. */
export function standardTables(): StandardTables {
  cached ??= {
    pullForce: [loadDataFile(here('iec-60999-1-pull.yaml'), PullForceTable), loadDataFile(here('ul-486e-pull.yaml'), PullForceTable)],
    voltageDrop: [loadDataFile(here('iec-60947-7-1-vdrop.yaml'), VoltageDropTable)],
    temperatureRise: loadDataFile(here('temperature-rise.yaml'), TemperatureRiseTable),
    sampling: {
      codeLetters: loadDataFile(here('iso-2859-1-code-letters.yaml'), Iso2859CodeLetterTable),
      normalSingle: loadDataFile(here('iso-2859-1-normal-single.yaml'), Iso2859SingleSamplingTable),
    },
  };
  return cached;
}
