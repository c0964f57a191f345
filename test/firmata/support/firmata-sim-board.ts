import type { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import five from 'johnny-five';
import firmataIo, { type Firmata } from 'firmata-io';
import { it } from 'vitest';
import { openTransport, type Transport } from '../../../host/transport/open-transport.js';
import { createFirmataSimulator, type FirmataSimulator } from '../../../rigs/firmata-continuity/sim/firmata-simulator.js';
import { standardFirmataHexFile } from '../../../rigs/firmata-continuity/sim/standard-firmata-hex.js';

/** StandardFirmata's line speed (rig.yaml board.baud). */
export const FIRMATA_BAUD = 57600;
/** Wall time a ready handshake may take: StandardFirmata blinks its version (~2.1 s simulated) before it says it. */
const READY_TIMEOUT_MS = 30_000;

export const scenarioFile = (name: string): string => fileURLToPath(new URL(`../../../rigs/uno-pull/sim/scenarios/${name}.yaml`, import.meta.url));

/**
 * Whether the StandardFirmata image can be had (cached, or fetched now with npm). Without it the
 * suite is skipped with a message; with CLAMPBENCH_REQUIRE_TOOLS=1 that is a failing test instead.
 * Call at the top level of a test file.
 */
export async function standardFirmataAvailable(): Promise<boolean> {
  const why = await standardFirmataHexFile().then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (why === null) return true;
  const required = process.env.CLAMPBENCH_REQUIRE_TOOLS === '1';
  if (!required) process.stderr.write(`SKIP: the Firmata simulator tests are skipped: ${why}\n`);
  it(`the StandardFirmata image can be had (CLAMPBENCH_REQUIRE_TOOLS=${required ? '1' : 'unset'})`, () => {
    if (required) throw new Error(`the StandardFirmata image is required here (CLAMPBENCH_REQUIRE_TOOLS=1): ${why}`);
  });
  return false;
}

export interface FirmataSimSession {
  sim: FirmataSimulator;
  board: five.Board;
  io: Firmata;
  transport: Transport<FirmataSimulator>;
  /** From opening the port to johnny-five's 'ready'. */
  ready: { simMs: number; wallMs: number };
  close(): Promise<void>;
}

/** A johnny-five Board on StandardFirmata in the fast simulator, through `sim:<scenario>` at 57600 baud. */
export async function openFirmataSim(scenario = 'good-831-1104-10mm2', samplingIntervalMs = 5): Promise<FirmataSimSession> {
  await standardFirmataHexFile(); // createFirmataSimulator takes the image from the cache
  const wall0 = performance.now();
  const transport = await openTransport<FirmataSimulator>(`sim:${scenarioFile(scenario)}`, {
    baudRate: FIRMATA_BAUD,
    createSimulator: createFirmataSimulator,
  });
  const sim = transport.sim as FirmataSimulator;
  const sim0 = sim.timeMs;
  // The version comes by itself after the boot blink; only ask for it (wall time) if it has not.
  const io = new firmataIo.Firmata(transport.stream, { reportVersionTimeout: READY_TIMEOUT_MS / 2, samplingInterval: samplingIntervalMs });
  const board = new five.Board({ io, repl: false, debug: false, sigint: false } as five.BoardOption);
  // johnny-five waits for the io's 'connect' (firmata-io's echo of the port's 'open') before it
  // passes 'ready' on; the port opened before firmata-io listened, so say it here.
  io.emit('connect');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`johnny-five not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    (board as unknown as EventEmitter).once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const ready = { simMs: sim.timeMs - sim0, wallMs: performance.now() - wall0 };
  return { sim, board, io, transport, ready, close: () => transport.close() };
}

/** Resolves after `simMs` of the simulator's time. */
export function simDelay(sim: FirmataSimulator, simMs: number): Promise<void> {
  return new Promise((resolve) => sim.after(simMs, resolve));
}

/** The next `count` readings johnny-five reports on ADC channel `channel`, from now on. */
export function analogReadings(io: Firmata, channel: number, count: number): Promise<number[]> {
  const events = io as unknown as EventEmitter;
  return new Promise((resolve) => {
    const readings: number[] = [];
    const onReading = (value: number): void => {
      readings.push(value);
      if (readings.length < count) return;
      events.off(`analog-read-${channel}`, onReading);
      resolve(readings);
    };
    events.on(`analog-read-${channel}`, onReading);
    io.reportAnalogPin(channel, 1); // a no-op for the board when the channel already reports
  });
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
