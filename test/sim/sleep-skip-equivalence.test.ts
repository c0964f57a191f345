import { beforeAll, describe, expect, it } from 'vitest';
import { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';

// Issue 20 item 1: the firmware sleeps when idle and the simulator skips the sleep instead of
// simulating it clock event by clock event. The same scripted session (host lines at fixed simulated
// times) runs on the same firmware three ways: `skip` (jump to the next event that matters), `tick`
// (the sleeping CPU advanced through every clock event, each prescaler tick of each timer: the
// reference) and `execute` (SLEEP a no-op as in avr8js alone, the main loop spinning through every
// cycle). Skip and tick must agree to the cycle; the spinning loop polls instead of waking, so it
// sees each input up to one loop pass later, and a few motor steps land a sample period apart.

/** Host lines and when they are sent (simulated ms after power-on). */
const SCRIPT: ReadonlyArray<readonly [number, string]> = [
  [100, 'PING'],
  [150, 'INFO'],
  [200, 'VDROP 1 5.7 16'],
  [600, 'HOME'],
  [3000, 'POLE 2'],
  [3100, 'PULL 45 100 1000'],
];
/** Keep-alives through the pull (the host-silence watchdog is 250 ms). */
const KEEP_ALIVE_MS = 100;
const END_MS = 7000;
/** How far the spinning loop's world events may be from the sleeping one's: a loop pass is ~25 µs, a millis tick 1.024 ms. */
const SPIN_TIME_TOLERANCE_MS = 1.1;

interface Run {
  lines: { tMs: number; text: string }[];
  events: { timeMs: number; kind: string; detail: string }[];
  sleptFraction: number;
}

async function scripted(sleep: 'skip' | 'tick' | 'execute'): Promise<Run> {
  const sim = new UnoPullSimulator({ mode: 'fast', sleep });
  const lines: Run['lines'] = [];
  let partial = '';
  sim.on('data', (chunk: Buffer) => {
    for (const char of chunk.toString('latin1')) {
      if (char === '\n') {
        lines.push({ tMs: sim.timeMs, text: partial });
        partial = '';
      } else partial += char;
    }
  });
  for (const [atMs, line] of SCRIPT) sim.at(atMs, () => sim.write(Buffer.from(`${line}\n`)));
  for (let t = 3000; t < END_MS; t += KEEP_ALIVE_MS) sim.at(t + 50, () => sim.write(Buffer.from('PING\n')));
  await sim.runFor(END_MS);
  return { lines, events: sim.events.map((e) => ({ ...e })), sleptFraction: sim.stats.sleptCycles / (END_MS * 16_000) };
}

describe('the firmware asleep, simulated by skipping', () => {
  let skipped: Run;
  let ticked: Run;
  let spun: Run;
  beforeAll(async () => {
    [skipped, ticked, spun] = await Promise.all([scripted('skip'), scripted('tick'), scripted('execute')]);
  }, 180_000);

  it('agrees to the cycle with the sleep simulated clock event by clock event, and sleeps most of the time', () => {
    expect(skipped.sleptFraction).toBeGreaterThan(0.5);
    expect(ticked.sleptFraction).toBeCloseTo(skipped.sleptFraction, 9);
    expect(skipped.lines.map((l) => l.text)).toEqual(ticked.lines.map((l) => l.text));
    expect(skipped.lines.some((l) => /^DONE:PULL .*result=held/.test(l.text))).toBe(true);
    expect(skipped.events.length).toBeGreaterThan(10); // relays, DAC, current, motor: the session's actions
    expect(skipped.events).toEqual(ticked.events);
  });

  it('does what the spinning loop of avr8js alone does: the same actions within a millis tick, the same replies', () => {
    expect(spun.sleptFraction).toBe(0);
    const replies = (run: Run): string[] => run.lines.map((l) => l.text).filter((text) => !text.startsWith('S '));
    expect(replies(skipped)).toEqual(replies(spun));
    expect(skipped.events.map((e) => `${e.kind} ${e.detail}`)).toEqual(spun.events.map((e) => `${e.kind} ${e.detail}`));
    expect(skipped.events.length).toBeGreaterThan(10); // relays, DAC, current, motor: the session's actions
    for (const [i, event] of skipped.events.entries()) {
      expect(Math.abs(event.timeMs - (spun.events[i]?.timeMs ?? NaN)), `${event.kind} ${event.detail}`).toBeLessThanOrEqual(SPIN_TIME_TOLERANCE_MS);
    }
  });
});
