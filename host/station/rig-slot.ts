import type { RigSimulators } from '../rig/rig-simulators.js';
import type { OpenedRig } from '../rig/opened-rig.js';
import { RigResetRefusedError } from '../rig/rig-errors.js';
import { openRigOfKind, type OpenRigOfKindOptions, type RigChoice } from '../rig/rig-kind.js';

/** How often a faulted rig is tried again, in wall-clock ms. */
const RETRY_EVERY_MS = 500;

export type SlotState = 'free' | 'busy' | 'down' | 'given-up';

export interface RigSlotOptions {
  name: string;
  port: string;
  choice: RigChoice;
  realtime: boolean;
  /** Simulated rigs each in a worker thread (station config `simulators: threads`). */
  simulatorInWorker: boolean;
  /** The simulators behind `sim` ports; absent: real ports only. */
  simulators?: RigSimulators;
  /** How long a faulted rig is tried again before it is given up for the shift. */
  reconnectWaitMs: number;
}

/**
 * One rig of a station: its port, its open driver, and its state. A fault on it (a pulled cable, a
 * reboot, a latched alarm) takes only this slot down; it then tries again in the background until
 * the rig answers without an alarm latched, or gives up after `reconnectWaitMs`.
 */
export class RigSlot {
  state: SlotState = 'down';
  rig: OpenedRig | null = null;
  /** Attempts this rig ran in the shift, and its busy time, for units per hour. */
  attempts = 0;
  busyMs = 0;
  /** An operator asked to clear this rig's latched alarm (`!reset <rig>`): done once, at the next try. */
  resetRequested = false;
  /** When this rig last passed its shift-start check (plan step check-standard), wall ms; null: not since it was opened. */
  checkStandardPassedMs: number | null = null;
  private downSinceMs = Date.now();
  private stopped = false;

  constructor(readonly options: RigSlotOptions) {}

  private openOptions(): OpenRigOfKindOptions {
    const { realtime, simulatorInWorker, simulators } = this.options;
    return { realtime, simulatorInWorker, ...(simulators ? { simulators } : {}) };
  }

  get name(): string {
    return this.options.name;
  }

  /** Open the rig now; throws what the opening said (no rig, wrong firmware, bad rig file). */
  async open(): Promise<void> {
    this.rig = await openRigOfKind(this.options.choice, this.options.port, this.openOptions());
    // A rig opened again (after a fault, a pulled cable) is checked again before it judges units.
    this.checkStandardPassedMs = null;
    this.state = 'free';
  }

  /**
   * The rig faulted: try it again every RETRY_EVERY_MS until it answers with no alarm latched
   * (resolves true, state free), or the wait runs out or the station stops (false, given-up). A rig
   * whose link is gone is reopened on the same port (a replugged cable, a rebooted board; for a
   * simulated rig the same simulator); one that still answers is only asked again, so a person can
   * reset its alarm.
   */
  async recover(onTry: (reason: string) => void): Promise<boolean> {
    this.state = 'down';
    this.downSinceMs = Date.now();
    let rig: OpenedRig | null = this.rig;
    let base = rig;
    this.rig = null;
    const deadline = Date.now() + this.options.reconnectWaitMs;
    let lastReason = '';
    while (!this.stopped) {
      let reason: string;
      try {
        if (rig === null) {
          // Never opened (it was not there at start): open it as at start; else the same port again.
          rig = base ? await base.reopen() : await openRigOfKind(this.options.choice, this.options.port, this.openOptions());
          base = rig;
        }
        let safety = await rig.driver.readSafetyState();
        if (safety.latchedAlarms.length > 0 && this.resetRequested) {
          this.resetRequested = false;
          await rig.driver.resetAlarms(); // refused (and said why) while the E-stop is still pressed
          safety = await rig.driver.readSafetyState();
        }
        if (safety.latchedAlarms.length === 0) {
          this.rig = rig;
          this.state = 'free';
          return true;
        }
        reason = `alarm latched (codes ${safety.latchedAlarms.join(', ')}): release the E-stop, then type !reset ${this.name}`;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
        // The rig answered but refused the reset (E-stop still pressed): keep it. No answer: let go
        // of the port and open it afresh next time.
        if (!(error instanceof RigResetRefusedError)) {
          await rig?.driver.close().catch(() => undefined);
          rig = null;
        }
      }
      if (reason !== lastReason) onTry(reason);
      lastReason = reason;
      if (Date.now() + RETRY_EVERY_MS > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
    }
    await rig?.driver.close().catch(() => undefined);
    this.state = 'given-up';
    return false;
  }

  /** How long the slot has been down, in ms. */
  get downMs(): number {
    return Date.now() - this.downSinceMs;
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.closeQuietly();
  }

  private async closeQuietly(): Promise<void> {
    const board = this.rig?.transport.sim as { dispose?: () => Promise<void> } | undefined;
    await this.rig?.driver.close().catch(() => undefined);
    // A simulated board in a worker thread ends with the station (the shift is over).
    await board?.dispose?.().catch(() => undefined);
    this.rig = null;
  }
}
