import type { OpenedRig } from '../rig/opened-rig.js';

/** How often the port is tried while waiting for a rig to come back, in wall-clock ms. */
const RECONNECT_POLL_MS = 500;

export interface WaitForRigOptions {
  /** Give up after this long (wall clock). */
  waitMs: number;
  signal?: AbortSignal;
  /** One line per notable try (first failure reason, the port found again). */
  log: (line: string) => void;
}

/**
 * Try to open `rig` again until it answers a handshake, every RECONNECT_POLL_MS
 * of wall time: a replugged cable, or a board that rebooted. Null when `waitMs` passes or the signal
 * fires first. Wall time, because a simulated rig's clock stops while its port is closed.
 */
export async function waitForRig(rig: OpenedRig, options: WaitForRigOptions): Promise<OpenedRig | null> {
  const deadline = Date.now() + options.waitMs;
  let lastReason = '';
  for (;;) {
    if (options.signal?.aborted) return null;
    try {
      return await rig.reopen();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (reason !== lastReason) options.log(`  not back yet: ${reason}`);
      lastReason = reason;
    }
    if (Date.now() + RECONNECT_POLL_MS > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_POLL_MS));
  }
}
