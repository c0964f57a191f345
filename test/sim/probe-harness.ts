import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

/** Compile fixtures/probe.c into a .hex in a temp dir and return its path. */
export function buildProbeHex(): string {
  const source = fileURLToPath(new URL('./fixtures/probe.c', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-probe-'));
  const elf = join(dir, 'probe.elf');
  const hex = join(dir, 'probe.hex');
  execFileSync('avr-gcc', ['-mmcu=atmega328p', '-DF_CPU=16000000UL', '-Os', '-o', elf, source]);
  execFileSync('avr-objcopy', ['-O', 'ihex', elf, hex]);
  return hex;
}

/** Collects device output and answers one request line at a time in simulated time. */
export class LineClient {
  text = '';

  constructor(private readonly sim: UnoPullSimulator) {
    sim.on('data', (chunk) => {
      this.text += chunk.toString('latin1');
    });
  }

  /** Run until a complete line arrives (or timeoutMs of sim time); returns it without the newline. */
  async nextLine(timeoutMs = 200): Promise<string> {
    const end = this.sim.timeMs + timeoutMs;
    while (!this.text.includes('\n')) {
      if (this.sim.timeMs >= end) throw new Error(`no line within ${timeoutMs} ms of sim time (have ${JSON.stringify(this.text)})`);
      await this.sim.runFor(0.5);
    }
    const index = this.text.indexOf('\n');
    const line = this.text.slice(0, index);
    this.text = this.text.slice(index + 1);
    return line;
  }

  async request(line: string, timeoutMs = 200): Promise<string> {
    this.sim.write(`${line}\n`);
    return this.nextLine(timeoutMs);
  }
}
