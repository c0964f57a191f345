import { parentPort, workerData } from 'node:worker_threads';
import { FirmataSimulator } from '../../../rigs/firmata-continuity/sim/firmata-simulator.js';
import { UnoPullSimulator } from '../../../rigs/uno-pull/sim/simulator.js';
import type { FromWorker, ToWorker, WorkerBoardSpec } from './worker-messages.js';

/** How often (wall ms) the simulator's time is sent to the host between other messages (realtime mode). */
const TICK_MS = 5;
/**
 * Fast mode runs in steps of this much simulated time, never more than LEAD_MS ahead of the time the
 * host has acknowledged. In the host's own thread a fast simulation runs only
 * while the host's event loop lets it, so the host can never fall behind the board's time; in a
 * worker it would run on regardless, and a busy host would miss the firmware's 250 ms host-silence
 * watchdog. The lead keeps the worker's board in step with its host, as in-process.
 */
const STEP_MS = 10;
const LEAD_MS = 40;
/** Fast mode: the board's time goes to the host (to be acknowledged) after this much simulated time, half the lead. */
const TICK_EVERY_MS = LEAD_MS / 2;

// One simulated board in its own thread, so several of them use several cores.
const spec = workerData as WorkerBoardSpec;
const port = parentPort!;
const scenario = spec.scenarioFile === undefined ? {} : { scenario: spec.scenarioFile };
const sim =
  spec.kind === 'firmata' ? new FirmataSimulator({ mode: spec.mode, ...scenario, ...(spec.rigFile ? { rig: spec.rigFile } : {}) }) : new UnoPullSimulator({ mode: spec.mode, ...scenario });
const post = (message: FromWorker): void => port.postMessage(message);
const timers = new Map<number, { cancel(): void }>();

sim.on('data', (chunk: Buffer) => post({ t: 'data', bytes: new Uint8Array(chunk), timeMs: sim.timeMs }));
sim.on('usb', (plugged: boolean) => post({ t: 'usb', plugged, timeMs: sim.timeMs }));
let tickedMs = 0;
const tick = (): void => {
  tickedMs = sim.timeMs;
  post({ t: 'tick', timeMs: tickedMs, runMs: sim.stats.runMs, running: sim.isRunning || stepping });
};
// Fast mode sends its time as it steps; a message per few wall ms on top would only cost both threads.
if (spec.mode === 'realtime') setInterval(tick, TICK_MS).unref();

let stepping = false;
let ackedMs = 0;
let onAck: (() => void) | null = null;

/**
 * Fast mode: step the board in STEP_MS pieces, its time to the host every TICK_EVERY_MS (a message
 * there and an acknowledgement back, each costing both threads), waiting for the host whenever it
 * is LEAD_MS ahead of the last time acknowledged.
 */
async function stepInLockstep(): Promise<void> {
  while (stepping) {
    if (sim.timeMs - ackedMs >= LEAD_MS) {
      if (tickedMs < sim.timeMs) tick();
      await new Promise<void>((resolve) => (onAck = resolve));
      continue;
    }
    await sim.runFor(STEP_MS);
    if (sim.timeMs - tickedMs >= TICK_EVERY_MS) tick();
  }
}

port.on('message', (message: ToWorker) => {
  try {
    switch (message.t) {
      case 'write':
        sim.write(message.bytes);
        break;
      case 'start':
        if (spec.mode === 'realtime') {
          if (!sim.isRunning) sim.start();
        } else if (!stepping) {
          stepping = true;
          void stepInLockstep();
        }
        break;
      case 'stop':
        stepping = false;
        onAck?.();
        if (sim.isRunning) sim.stop();
        break;
      case 'ack':
        ackedMs = Math.max(ackedMs, message.timeMs);
        onAck?.();
        onAck = null;
        break;
      case 'reset':
        sim.reset();
        break;
      case 'mount':
        try {
          // The Firmata simulator cannot swap units: it answers as a scenario without a population.
          post({ t: 'mounted', id: message.id, truth: 'mountSerial' in sim ? sim.mountSerial(message.serial) : null, timeMs: sim.timeMs });
        } catch (error) {
          post({ t: 'mounted', id: message.id, truth: null, error: error instanceof Error ? error.message : String(error), timeMs: sim.timeMs });
        }
        break;
      case 'after':
        timers.set(
          message.id,
          sim.after(message.ms, () => {
            timers.delete(message.id);
            post({ t: 'timer', id: message.id, timeMs: sim.timeMs });
          }),
        );
        break;
      case 'cancel':
        timers.get(message.id)?.cancel();
        timers.delete(message.id);
        break;
    }
  } catch (error) {
    post({ t: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
post({ t: 'tick', timeMs: sim.timeMs, runMs: 0, running: false });
