import type { OpenedRig } from './opened-rig.js';
import { openFirmataDriver } from './open-firmata-driver.js';
import { openUnoPullDriver } from './open-uno-pull-driver.js';
import type { RigSimulators } from './rig-simulators.js';

/** The rig kinds clampbench drives, by the name `--rig` takes. */
export const RIG_KINDS = ['uno-pull', 'firmata'] as const;
export type RigKindName = (typeof RIG_KINDS)[number];

/** Which rig is on the port: its kind, and for a Firmata rig the rig file with its pins and gains. */
export interface RigChoice {
  kind: RigKindName;
  /** Absolute path of the Firmata rig file (the uno-pull rig reports its own set-up over its protocol). */
  rigFile?: string;
}

export interface OpenRigOfKindOptions {
  realtime?: boolean;
  /** Line speed; default the rig kind's own. */
  baudRate?: number;
  /**
   * A simulated rig (`sim`, `sim:<scenario>`) in a worker thread of its own rather than in this
   * thread: a station with several simulated rigs then uses every core. Uno pull rigs only.
   */
  simulatorInWorker?: boolean;
  /** The simulators behind `sim` ports (the CLI plugs in host/simulators' defaults); without them only real ports open. */
  simulators?: RigSimulators;
}

/** Open the rig on `port` with the driver of its kind. */
export function openRigOfKind(choice: RigChoice, port: string, options: OpenRigOfKindOptions = {}): Promise<OpenedRig> {
  const { simulatorInWorker, simulators, ...open } = options;
  if (choice.kind === 'firmata') {
    return openFirmataDriver(port, { ...open, ...(choice.rigFile ? { rigFile: choice.rigFile } : {}), ...(simulators ? { simulator: simulators.firmata } : {}) });
  }
  const createSimulator = simulatorInWorker ? simulators?.unoPullInWorker : simulators?.unoPull;
  return openUnoPullDriver(port, { ...open, ...(createSimulator ? { createSimulator } : {}) });
}
