import { LineClient } from '../../host/link/line-client.js';
import { simClock } from '../../host/shared/sim-clock.js';
import { readFileSync } from 'node:fs';
import { defaultHexFile, UnoPullSimulator, type SimulatorOptions } from '../../rigs/uno-pull/sim/simulator.js';
import { decodeDeviceLine } from '../../firmware-protocol/codec/device-line.js';
import { isReply } from '../../firmware-protocol/codec/device-message.js';
import type { BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';

/** The real firmware booted in the simulator, with a host line client on it; times are simulated ms. */
export interface FirmwareSession {
  sim: UnoPullSimulator;
  client: LineClient;
  banner: BannerMessage;
  /** Every raw line the device sent, in order. */
  lines: string[];
  /** Send PING every `everyMs` of simulated time (feeds the host-silence watchdog); returns a stop function. */
  keepAlive(everyMs?: number): () => void;
  /** Send one raw line (plus `\n`) as a terminal would and resolve with the next reply line (ok/error) exactly as sent. */
  exchange(rawLine: string, timeoutMs?: number): Promise<string>;
  /** Resolve after `ms` of simulated time. */
  sleep(ms: number): Promise<void>;
  /** HOME and wait for its DONE (PULL is refused NOT_HOMED until then, after every boot and every motor-off stop). */
  home(): Promise<void>;
  close(): void;
}

/** Simulated ms after the banner within which the load cell has given its first reading. */
const FIRST_READING_WAIT_MS = 200;

export interface FirmwareSessionOptions extends SimulatorOptions {
  /** The whole EEPROM at power-on (another simulator's readEeprom(): a power cycle of the same board). */
  eeprom?: Uint8Array;
  /** HOME once after boot, as every host does before its first pull (default true; false keeps the rig unhomed). */
  homeAtStart?: boolean;
}

export async function openFirmwareSession(options: FirmwareSessionOptions = {}): Promise<FirmwareSession> {
  const { eeprom, homeAtStart = true, ...simOptions } = options;
  const sim = new UnoPullSimulator({ mode: 'fast', ...simOptions, ...(eeprom ? { hexPath: null } : {}) });
  if (eeprom) {
    sim.programEeprom(eeprom);
    sim.load(readFileSync(simOptions.hexPath ?? defaultHexFile, 'utf8'));
  }
  const client = new LineClient(sim, { clock: simClock(sim), requestTimeoutMs: 1000 });
  const lines: string[] = [];
  client.on('line', (line: string) => lines.push(line));
  const bannerArrives = client.waitFor('banner', () => true, 3000);
  sim.start();
  const banner = await bannerArrives;
  // The banner comes a few ms after power-on, before the load cell's first reading: give the converter
  // time to deliver one, or a PULL sent at once is refused with LOADCELL_NOT_READY (PROTOCOL.md 2.3, PULL).
  await new Promise<void>((resolve) => sim.after(FIRST_READING_WAIT_MS, resolve));
  const home = async (): Promise<void> => {
    const done = client.waitFor('done', (m) => m.operation === 'HOME', 20_000);
    done.catch(() => undefined);
    const stopKeepAlive = client.startKeepAlive(100);
    try {
      await client.request('HOME');
      const end = await done;
      if (end.operation !== 'HOME' || end.result !== 'ok') throw new Error(`HOME ended ${end.result}`);
    } finally {
      stopKeepAlive();
    }
  };
  // Only a rig without a latched alarm can home; a test that starts with one homes after its RESET.
  if (homeAtStart && !lines.some((line) => line.startsWith('ALARM:'))) await home();
  return {
    home,
    sim,
    client,
    banner,
    lines,
    keepAlive: (everyMs = 100) => client.startKeepAlive(everyMs),
    exchange: (rawLine, timeoutMs = 1000) =>
      new Promise<string>((resolve, reject) => {
        const onLine = (line: string): void => {
          const decoded = decodeDeviceLine(line, { requireCrc: true });
          if (!decoded.ok || !isReply(decoded.message)) return;
          client.off('line', onLine);
          timer.cancel();
          resolve(line);
        };
        const timer = sim.after(timeoutMs, () => {
          client.off('line', onLine);
          reject(new Error(`no reply to ${JSON.stringify(rawLine)} within ${timeoutMs} ms`));
        });
        client.on('line', onLine);
        client.sendRaw(`${rawLine}\n`);
      }),
    sleep: (ms) => new Promise((resolve) => sim.after(ms, () => resolve())),
    close() {
      client.close();
      sim.stop();
    },
  };
}
