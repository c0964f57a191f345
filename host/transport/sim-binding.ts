import type { BindingInterface, OpenOptions, PortInfo } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SimPort } from './sim-port.js';
import type { CreateSimulatedBoard, SimMode, SimulatedBoard } from '../shared/simulated-board.js';
import { TransportError } from './transport-error.js';

/** `sim` (default scenario) or `sim:<scenario file>`; null for anything else. */
export function parseSimPath(path: string): { scenarioFile?: string } | null {
  if (path === 'sim') return {};
  if (path.startsWith('sim:') && path.length > 4) return { scenarioFile: path.slice(4) };
  return null;
}

export interface SimBindingOptions<Board extends SimulatedBoard> {
  /** Mode of the simulators this binding creates; default fast. */
  mode?: SimMode;
  /** How the simulator behind a path is made (the rig kind's simulator, plugged in from outside). */
  createSimulator: CreateSimulatedBoard<Board>;
}

/**
 * A serial binding whose ports are simulated rigs, for SerialPortStream: path `sim` or
 * `sim:<scenario file>`. Each path has one simulator, made on first use and kept in
 * `simulators`, so a caller can reach the rig behind a port (and a reopened port is the same
 * board). Opening resets the board and runs it, as opening a real Uno's port does through DTR.
 */
export class SimBinding<Board extends SimulatedBoard = SimulatedBoard> implements BindingInterface<SimPort> {
  readonly simulators = new Map<string, Board>();
  private readonly openPaths = new Set<string>();
  private readonly mode: SimMode;
  private readonly createSimulator: CreateSimulatedBoard<Board>;

  constructor(options: SimBindingOptions<Board>) {
    this.mode = options.mode ?? 'fast';
    this.createSimulator = options.createSimulator;
  }

  /** The simulator behind `path`, made now if needed (a bad scenario file throws its FileValidationError). */
  simulatorFor(path: string): Board {
    const existing = this.simulators.get(path);
    if (existing) return existing;
    const spec = parseSimPath(path);
    if (!spec) throw new TransportError('not-found', path, `${path}: not a simulator port (use sim or sim:<scenario file>)`);
    const sim = this.createSimulator(spec.scenarioFile, this.mode);
    this.simulators.set(path, sim);
    return sim;
  }

  /** The simulator is not a serial device: nothing to list. */
  async list(): Promise<PortInfo[]> {
    return [];
  }

  async open(options: OpenOptions): Promise<SimPort> {
    const sim = this.simulatorFor(options.path);
    if (!sim.usbPlugged) throw new TransportError('not-found', options.path, `${options.path}: no such port: the simulated rig's USB cable is unplugged`);
    if (this.openPaths.has(options.path)) {
      throw new TransportError('busy', options.path, `${options.path} is in use by another program (already open in this process): close it first`);
    }
    const openOptions: Required<OpenOptions> = {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    };
    this.openPaths.add(options.path);
    const port = new SimPort(sim, openOptions, () => this.openPaths.delete(options.path));
    sim.reset();
    if (!sim.isRunning) sim.start();
    return port;
  }
}
