import type { FirmwareSession } from './firmware-session.js';

/** Resolve once `holds()` is true, checked every simulated ms (a force reached, the carriage out so far). */
export function simUntil(session: FirmwareSession, holds: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => {
      if (holds()) resolve();
      else session.sim.after(1, poll);
    };
    poll();
  });
}
