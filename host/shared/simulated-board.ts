/** Fast: simulated time runs as fast as the CPU model goes; realtime: paced by the wall clock. */
export type SimMode = 'fast' | 'realtime';

/** What a simulated board tells the port in front of it. */
export interface SimulatedBoardEvents {
  /** Bytes the board's UART sent towards the host. */
  data: [chunk: Buffer];
  /** The USB cable between host and board was pulled (false) or plugged back (true). */
  usb: [attached: boolean];
}

/**
 * What a population scenario's simulator says about the unit it mounted for a serial number: enough
 * to score a verdict (the defect and where), and the rig kind's own figures beside it (drawn per-pole
 * parameters, insulation…), all plain JSON.
 */
export interface SerialUnitTruth {
  serial: string;
  populationSeed: number;
  unitSeed: number;
  defect: { kind: string; poles: number[] } | null;
}

/**
 * A simulated rig board as the host transport sees it: a byte pipe with a USB cable and a reset
 * line, running in its own simulated time. Every rig kind's simulator implements it, so the sim
 * binding, port, PTY bridge and link clock work with any of them.
 */
export interface SimulatedBoard {
  readonly scenario: { readonly name: string };
  readonly mode: SimMode;
  /** Line speed the board's UART is set up for; a host more than 3 % off it gets garbled bytes. */
  readonly baud: number;
  /** Simulated milliseconds since power-on. */
  readonly timeMs: number;
  readonly usbPlugged: boolean;
  readonly isRunning: boolean;
  /** Bytes from the host, towards the board's UART. */
  write(data: Uint8Array | string): void;
  /** Reset the MCU, as the USB-serial bridge's DTR line does on an Uno. */
  reset(): void;
  start(): void;
  stop(): void;
  /**
   * Put the unit with this serial number into the rig (a population scenario) and say what it is;
   * null when the scenario has no population. Absent on boards that cannot swap units.
   */
  mountSerial?(serial: string): SerialUnitTruth | null | Promise<SerialUnitTruth | null>;
  /** Run fn after simMsDelta of simulated time. */
  after(simMsDelta: number, fn: () => void): { cancel(): void };
  // One overload per event rather than a generic signature: Node's typed EventEmitter<Events> is assignable to these.
  on(event: 'data', listener: (...args: SimulatedBoardEvents['data']) => void): unknown;
  on(event: 'usb', listener: (...args: SimulatedBoardEvents['usb']) => void): unknown;
  off(event: 'data', listener: (...args: SimulatedBoardEvents['data']) => void): unknown;
  off(event: 'usb', listener: (...args: SimulatedBoardEvents['usb']) => void): unknown;
}

/** Makes the board behind a `sim` / `sim:<scenario file>` port. */
export type CreateSimulatedBoard<Board extends SimulatedBoard = SimulatedBoard> = (scenarioFile: string | undefined, mode: SimMode) => Board;
