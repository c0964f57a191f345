import { EventEmitter } from 'node:events';
import { LineClient, type ByteLink } from '../../host/link/line-client.js';
import { UnoPullDriver } from '../../host/rig/uno-pull-driver.js';
import { simClock } from '../../host/shared/sim-clock.js';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

/**
 * The simulator's line to the host, which damages every `DONE:<operation>` line (one bit flipped in its
 * middle, so its CRC fails) and says when the rig sent it. Everything else passes untouched.
 */
export class DoneDamagingLink implements ByteLink {
  readonly damaged: { line: string; atMs: number }[] = [];
  private readonly events = new EventEmitter<{ data: [chunk: Buffer] }>();
  private pending = '';

  constructor(
    private readonly sim: UnoPullSimulator,
    private readonly operation: 'PULL' | 'HOME',
  ) {
    sim.on('data', (chunk: Buffer) => this.fromRig(chunk));
  }

  private fromRig(chunk: Buffer): void {
    this.pending += chunk.toString('latin1');
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      let line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      if (line.startsWith(`DONE:${this.operation} `)) {
        this.damaged.push({ line, atMs: this.sim.timeMs });
        const at = Math.floor(line.length / 2);
        line = line.slice(0, at) + String.fromCharCode(line.charCodeAt(at) ^ 0x04) + line.slice(at + 1);
      }
      this.events.emit('data', Buffer.from(`${line}\n`, 'latin1'));
      newline = this.pending.indexOf('\n');
    }
  }

  write(data: Buffer | string): void {
    this.sim.write(data);
  }

  on(event: 'data', listener: (chunk: Buffer) => void): void {
    this.events.on(event, listener);
  }

  off(event: 'data', listener: (chunk: Buffer) => void): void {
    this.events.off(event, listener);
  }
}

/** The Uno driver on a freshly booted simulated rig (fast mode) behind a DoneDamagingLink. */
export async function driverBehindDoneDamage(operation: 'PULL' | 'HOME'): Promise<{ sim: UnoPullSimulator; link: DoneDamagingLink; driver: UnoPullDriver; client: LineClient }> {
  const sim = new UnoPullSimulator({ mode: 'fast' });
  const link = new DoneDamagingLink(sim, operation);
  const client = new LineClient(link, { clock: simClock(sim) });
  sim.start();
  const identity = await client.connect({ bannerWaitMs: 2500, where: 'the simulator' });
  const driver = await UnoPullDriver.create(client, identity, 'the simulator', async () => {
    client.close();
    sim.stop();
  });
  return { sim, link, driver, client };
}
