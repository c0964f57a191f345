import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { StationEvent, StationEventOf } from '../../host/station/station-events.js';
import { CLAMPBENCH_BIN } from '../support/clampbench-cli.js';

// Where serial numbers come from and what the station says back on request: a FIFO (a line
// controller's pipe), a serial scanned twice, and the shift summary on SIGUSR1.

const dir = mkdtempSync(join(tmpdir(), 'clampbench-station-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stationFile(name: string, rigs = ['  - { name: A, port: sim }'], plan = 'production-qc-electrical'): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, ['station: input-test', `plan: ${plan}`, 'dut: 831-1104/322-004', 'conductor: 10mm2-fine', `results: ${join(dir, name)}`, 'rigs:', ...rigs].join('\n'));
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

  it('an E-stop on one rig ends its unit ABORTED and takes only that rig out until `!reset <rig>`; the other rig goes on', async () => {
    const estop = fileURLToPath(new URL('../fixtures/scenarios/estop-station-rig.yaml', import.meta.url));
    const file = stationFile('estop', ['  - { name: A, port: sim }', `  - { name: B, port: "sim:${estop}" }`]);
    const result = await station(['--config', file], async (stdin, events) => {
      stdin.write(`${Array.from({ length: 12 }, (_, i) => `ES-${i + 1}`).join('\n')}\n`);
      await until(() => events().some((e) => e.event === 'rig-fault'), 'the E-stop fault');
      // Rig A goes on while B is out: a unit of A finishes before anyone resets B.
      await until(() => {
        const all = events();
        const faultAt = all.findIndex((e) => e.event === 'rig-fault');
        return all.slice(faultAt).some((e) => e.event === 'unit-finished' && e.rig === 'A');
      }, 'a unit on rig A after the fault');
      stdin.write('!reset C\n');
      // The E-stop is released 1 s of the rig's time after it was pressed; until then a reset is refused.
      await until(() => {
        if (events().some((e) => e.event === 'rig-recovered')) return true;
        stdin.write('!reset B\n');
        return false;
      }, 'rig B back after a reset');
      stdin.end('ES-13\n');
    });
    expect(result.code).toBe(0);
    const fault = result.events.find((e): e is StationEventOf<'rig-fault'> => e.event === 'rig-fault')!;
    expect(fault.rig).toBe('B');
    const cut = finished(result.events).find((e) => e.serial === fault.serial)!;
    // The rig's fault names the latched E-stop: as the alarm the rig reports after a unit, or, when
    // the next unit was refused at its start, as that refusal.
    if (cut.outcome === 'ERROR') expect(fault.cause).toContain('ALARM:1 ESTOP (E-stop pressed) latched');
    else expect(fault.cause).toContain('alarm latched (codes 1)');
    // Pressed during a unit: that unit ends ABORTED (not retested: a person stopped it). Pressed
    // between two units (the rig's time runs on its own): the next unit is refused before anything
    // moves, ERROR naming the latched alarm (not retested: this station file allows one attempt).
    // Pressed after the unit's last measurement: the unit PASSes and the rig goes out after it.
    if (cut.outcome === 'ABORTED') expect(cut).toMatchObject({ rig: 'B', cause: expect.stringContaining('E-stop pressed (ALARM:1 ESTOP)'), retest: false });
    else if (cut.outcome === 'ERROR') expect(cut).toMatchObject({ rig: 'B', cause: expect.stringContaining('ALARM:1 ESTOP'), retest: false });
    else expect(cut).toMatchObject({ rig: 'B', outcome: 'PASS', retest: false });
    expect(cut.cause ?? '').not.toContain('!reset');
    const faultAt = result.events.indexOf(fault);
    const backAt = result.events.findIndex((e) => e.event === 'rig-recovered' && e.rig === 'B');
    expect(backAt).toBeGreaterThan(faultAt);
    expect(result.events.slice(faultAt, backAt).some((e) => e.event === 'unit-finished' && e.rig === 'A')).toBe(true);
    const refused = result.events.find((e): e is StationEventOf<'unit-refused'> => e.event === 'unit-refused')!;
    expect(refused.cause).toBe('!reset: value "C" is not a rig of this station (A, B)');
    // Only the unit the E-stop cut did not PASS (and none when the E-stop came after its last measurement).
    expect(finished(result.events).filter((x) => x.outcome !== 'PASS').map((e) => e.serial)).toEqual(cut.outcome === 'PASS' ? [] : [fault.serial]);
  });

  it('Ctrl-C (SIGINT) ends the running unit ABORTED, drops the queue with unit-refused, and exits after a summary', async () => {
    // production-qc: its pulls make a unit last seconds, so the signal lands in the middle of one.
    const result = await station(['--config', stationFile('sigint', undefined, 'production-qc')], async (stdin, events, child) => {
      stdin.write('INT-1\nINT-2\nINT-3\n');
      await until(() => events().some((e) => e.event === 'unit-started'), 'a unit to start');
      child.kill('SIGINT');
    });
    expect(result.code).toBe(0);
    const done = finished(result.events);
    expect(done.map((e) => e.outcome)).toEqual(['ABORTED']);
    expect(result.events.filter((e) => e.event === 'unit-refused').map((e) => (e as StationEventOf<'unit-refused'>).cause)).toEqual([
      'not tested: SIGINT: stopped by the operator',
      'not tested: SIGINT: stopped by the operator',
    ]);
    expect(result.events.at(-1)).toMatchObject({ event: 'station-stopped', cause: 'SIGINT: stopped by the operator' });
  });
});
