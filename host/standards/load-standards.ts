import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../config/load-data-file.js';
import { PullForceTable, TemperatureRiseTable, VoltageDropTable } from './standard-tables.js';

function here(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

export interface StandardTables {
  pullForce: PullForceTable[];
  voltageDrop: VoltageDropTable[];
  temperatureRise: TemperatureRiseTable;
}

let cached: StandardTables | undefined;

/** The standards' figures as shipped (host/standards/*.yaml), read and validated once per process. */
export function standardTables(): StandardTables {
  cached ??= {
    pullForce: [loadDataFile(here('iec-60999-1-pull.yaml'), PullForceTable), loadDataFile(here('ul-486e-pull.yaml'), PullForceTable)],
    voltageDrop: [loadDataFile(here('iec-60947-7-1-vdrop.yaml'), VoltageDropTable)],
    temperatureRise: loadDataFile(here('temperature-rise.yaml'), TemperatureRiseTable),
  };
  return cached;
}
