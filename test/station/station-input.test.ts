import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StationEvent, StationEventOf } from '../../host/station/station-events.js';
import { CLAMPBENCH_BIN } from '../support/clampbench-cli.js';

// Where serial numbers come from and what the station says back on request: a FIFO (a line
// controller's pipe), a serial scanned twice, and the shift summary on SIGUSR1.

const dir = mkdtempSync(join(tmpdir(), 'clampbench-station-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stationFile(name: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    ['station: input-test', 'plan: production-qc-electrical', 'dut: 831-1104/322-004', 'conductor: 10mm2-fine', `results: ${join(dir, name)}`, 'rigs:', '  - { name: A, port: sim }'].join('\n'),
  );
  return file;
}

/** The station as a child process; `feed` gets its stdin and the events seen so far; resolves with all events at exit. */
function station(args: string[], feed: (stdin: NodeJS.WritableStream, events: () => StationEvent[], child: ReturnType<typeof spawn>) => Promise<void>): Promise<{ code: number | null; events: StationEvent[] }> {
  const child = spawn(process.execPath, [CLAMPBENCH_BIN, 'station', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  const parse = (): StationEvent[] => stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as StationEvent);
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return feed(child.stdin, parse, child).then(async () => ({ code: await closed, events: parse() }));
}

const until = async (test: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 600; i++) {
    if (test()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const finished = (events: StationEvent[]): Array<StationEventOf<'unit-finished'>> => events.filter((e): e is StationEventOf<'unit-finished'> => e.event === 'unit-finished');

describe('clampbench station input', () => {
  it('reads serial numbers from a FIFO and finishes when the writer closes it', async () => {
    const fifo = join(dir, 'serials.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await station(['--config', stationFile('fifo'), '--fifo', fifo], async (stdin) => {
      stdin.end();
      const writer = await open(fifo, 'w');
      await writer.write('FIFO-1\nFIFO-2\n');
      await writer.close();
    });
    expect(result.code).toBe(0);
    expect(finished(result.events).map((e) => [e.serial, e.outcome])).toEqual([
      ['FIFO-1', 'PASS'],
      ['FIFO-2', 'PASS'],
    ]);
  });

  it('flags a serial that already passed when it is scanned again, and tests it again', async () => {
    const result = await station(['--config', stationFile('twice')], async (stdin, events) => {
      stdin.write('TWICE-1\n');
      await until(() => finished(events()).length === 1, 'the first unit');
      stdin.end('TWICE-1\n');
    });
    expect(finished(result.events).map((e) => [e.serial, e.attempt, e.firstAttempt, e.alreadyPassed])).toEqual([
      ['TWICE-1', 1, true, false],
      ['TWICE-1', 2, false, true],
    ]);
  });

  it('prints a shift summary on SIGUSR1 while it runs, and one at exit', async () => {
    const result = await station(['--config', stationFile('usr1')], async (stdin, events, child) => {
      stdin.write('SUM-1\n');
      await until(() => finished(events()).length === 1, 'the first unit');
      child.kill('SIGUSR1');
      await until(() => events().some((e) => e.event === 'shift-summary'), 'the summary');
      stdin.end();
    });
    const summaries = result.events.filter((e): e is StationEventOf<'shift-summary'> => e.event === 'shift-summary');
    expect(summaries).toHaveLength(2);
    expect(summaries[0]).toMatchObject({ units: 1, attempts: 1, pass: 1, firstPassYield: 1 });
    expect(result.events.at(-1)).toMatchObject({ event: 'station-stopped', cause: 'end of input' });
  });
});
