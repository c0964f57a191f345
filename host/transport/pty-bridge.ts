import { spawn } from 'node:child_process';
import type { SimulatedBoard } from '../shared/simulated-board.js';

export interface PtyBridgeOptions {
  /** Where the PTY appears (a symlink to /dev/pts/N that socat makes and removes). */
  ptyPath: string;
  /** A realtime simulator; started here if it is not running, and then stopped by stop(). */
  sim: SimulatedBoard;
  /** How long socat may take to make the PTY; default 5000 ms. */
  readyTimeoutMs?: number;
  /** The socat binary; default `socat` on PATH. */
  socatPath?: string;
}

export interface PtyBridge {
  ptyPath: string;
  /** Kill socat (which removes its link) and detach from the simulator. */
  stop(): Promise<void>;
  /** Settles when the bridge ends: null after stop(), an Error when socat died on its own (the bridge is then detached). */
  ended: Promise<Error | null>;
}

/** socat -d -d prints this once the PTY and its link exist and bytes flow. */
const READY_NOTICE = 'starting data transfer loop';

/**
 * Expose a simulator as a PTY so any program (another clampbench, a terminal, minicom) can open
 * it like a serial port. socat holds the PTY's master and relays it over its stdio, which this
 * process joins to the simulator. Opening the PTY does not reset the board (a PTY has no DTR).
 */
export function startPtyBridge(options: PtyBridgeOptions): Promise<PtyBridge> {
  const { ptyPath, sim, readyTimeoutMs = 5000, socatPath = 'socat' } = options;
  if (sim.mode !== 'realtime') {
    return Promise.reject(new Error('startPtyBridge: the simulator must run in realtime mode (the program on the PTY keeps wall-clock time)'));
  }
  const socat = spawn(socatPath, ['-d', '-d', `PTY,link=${ptyPath},raw,echo=0`, 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const toPty = (chunk: Buffer): void => {
    socat.stdin.write(chunk);
  };
  const startedSim = !sim.isRunning;
  let stopped = false;
  let stderr = '';
  const ended = new Promise<Error | null>((resolve) =>
    socat.once('close', (code, signal) => {
      const unexpected = !stopped;
      detach();
      resolve(unexpected ? new Error(`socat exited (${signal ?? `status ${code}`}): ${stderr.trim()}`) : null);
    }),
  );
  const detach = (): void => {
    if (stopped) return;
    stopped = true;
    sim.off('data', toPty);
    if (startedSim) sim.stop();
  };

  const stop = async (): Promise<void> => {
    detach();
    if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
    await ended;
  };

  return new Promise<PtyBridge>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    const timer = setTimeout(() => fail(new Error(`socat made no PTY at ${ptyPath} within ${readyTimeoutMs} ms: ${stderr.trim()}`)), readyTimeoutMs);
    socat.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'ENOENT'
          ? new Error(`${socatPath} not found: the PTY bridge needs socat (Debian package socat: apt-get install socat)`)
          : new Error(`cannot run ${socatPath}: ${error.message}`),
      );
    });
    void ended.then((error) => {
      if (error) fail(new Error(`${error.message} (before the PTY was ready)`));
    });
    socat.stdin.on('error', () => undefined); // EPIPE after socat dies: 'close' reports it
    socat.stderr.setEncoding('utf8');
    socat.stderr.on('data', (text: string) => {
      if (stderr.length < 4096) stderr += text;
      if (settled || !stderr.includes(READY_NOTICE)) return;
      settled = true;
      clearTimeout(timer);
      socat.stdout.on('data', (chunk: Buffer) => sim.write(chunk));
      sim.on('data', toPty);
      if (startedSim) sim.start();
      resolve({ ptyPath, stop, ended });
    });
  });
}
