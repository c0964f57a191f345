import { SerialPortStream } from '@serialport/stream';
import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPort } from 'serialport';
import { wallClock, type Clock } from '../shared/clock.js';
import { simClock } from '../shared/sim-clock.js';
import type { CreateSimulatedBoard, SimulatedBoard } from '../shared/simulated-board.js';
import { classifyOpenError } from './classify-open-error.js';
import { listPorts, type ListPortsOptions } from './list-ports.js';
import { findSamePort, identityOf, type PortIdentity } from './find-same-port.js';
import { pickRigPort } from './pick-rig-port.js';
import { TransportError } from './transport-error.js';
import { SimBinding, parseSimPath } from './sim-binding.js';
import { RIG_BAUD } from './baud-mismatch.js';

export interface OpenTransportOptions<Board extends SimulatedBoard = SimulatedBoard> {
  /** Default 115200, the clampbench firmware's; a Firmata rig says 57600. */
  baudRate?: number;
  /** Run a simulator at wall-clock speed (default: as fast as it goes). */
  realtime?: boolean;
  /** One line per notable step (port chosen, listing notes). */
  log?: (line: string) => void;
  /** Binding for real ports and PTYs; default serialport's own (SerialPort, @serialport/bindings-cpp for this platform). */
  portBinding?: BindingInterface;
  /** For `auto`: how ports are listed. */
  listPorts?: ListPortsOptions;
  /** Which simulator a `sim` / `sim:<scenario file>` port is: the rig kind's, plugged in by the caller (the CLI). */
  createSimulator?: CreateSimulatedBoard<Board>;
}

export interface Transport<Board extends SimulatedBoard = SimulatedBoard> {
  stream: SerialPortStream;
  /** Time for link timeouts: the simulator's own for `sim`, the wall clock otherwise. */
  clock: Clock;
  /** The port in words, for messages: "simulator (…)", "/dev/ttyACM0". */
  where: string;
  sim?: Board;
  close(): Promise<void>;
  /**
   * Open the same rig again after its port went away (a pulled cable): the same path, or for a USB
   * board the port with the same VID:PID and serial number. Throws TransportError while it is not back.
   */
  reopen(): Promise<Transport<Board>>;
}

/**
 * Open the byte stream to a rig. `spec` is `sim`, `sim:<scenario file>`, a device or PTY path,
 * or `auto` (the one attached board with a rig's USB VID:PID). Throws TransportError naming the
 * port and what to do; a bad scenario file throws its FileValidationError unchanged.
 */
export async function openTransport<Board extends SimulatedBoard = SimulatedBoard>(
  spec: string,
  options: OpenTransportOptions<Board> = {},
): Promise<Transport<Board>> {
  const baudRate = options.baudRate ?? RIG_BAUD;
  if (parseSimPath(spec)) {
    if (!options.createSimulator) throw new TransportError('not-found', spec, `${spec}: no simulator is plugged in for this rig kind here; use a device path, or run it through the clampbench command`);
    const binding = new SimBinding<Board>({ mode: options.realtime ? 'realtime' : 'fast', createSimulator: options.createSimulator });
    const sim = binding.simulatorFor(spec);
    const where = `simulator (${sim.scenario.name}, ${sim.mode})`;
    const openSim = async (): Promise<Transport<Board>> => {
      const stream = await openStream(binding, spec, baudRate);
      return { stream, clock: simClock(sim), where, sim, close: () => closeStream(stream), reopen: openSim };
    };
    return openSim();
  }
  let path = spec;
  if (spec === 'auto') {
    const listing = await listPorts(options.listPorts);
    for (const note of listing.notes) options.log?.(note);
    const chosen = pickRigPort(listing);
    options.log?.(`auto: ${chosen.path} (${chosen.why})`);
    path = chosen.path;
  }
  const binding = options.portBinding ?? null;
  const openPath = async (at: string, was: PortIdentity | null): Promise<Transport<Board>> => {
    const stream = await openStream(binding, at, baudRate).catch((error: unknown) => {
      throw classifyOpenError(at, error);
    });
    // What the port is, so that a replugged board that comes back under another name is found again.
    const identity = was ?? (await listPorts(options.listPorts).then((listing) => identityOf(at, listing)).catch(() => null)) ?? { path: at };
    const reopen = async (): Promise<Transport<Board>> => {
      try {
        return await openPath(identity.path, identity);
      } catch (error) {
        if (!(error instanceof TransportError) || error.reason !== 'not-found') throw error;
        const moved = findSamePort(identity, await listPorts(options.listPorts));
        if (!moved || moved === identity.path) throw error;
        return openPath(moved, { ...identity, path: moved });
      }
    };
    return { stream, clock: wallClock, where: at, close: () => closeStream(stream), reopen };
  };
  return openPath(path, null);
}

/** A simulator's or a given binding's port through SerialPortStream; a real port (binding null) as serialport's SerialPort. */
function openStream(binding: BindingInterface | null, path: string, baudRate: number): Promise<SerialPortStream> {
  return new Promise((resolve, reject) => {
    const options = { path, baudRate, lock: true, autoOpen: false };
    const stream = binding ? new SerialPortStream({ ...options, binding }) : new SerialPort(options);
    stream.open((error) => (error ? reject(error) : resolve(stream)));
  });
}

function closeStream(stream: SerialPortStream): Promise<void> {
  if (!stream.isOpen) return Promise.resolve();
  return new Promise((resolve, reject) => stream.close((error) => (error ? reject(error) : resolve())));
}
