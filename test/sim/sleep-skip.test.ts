import { AVRTimer, CPU, timer0Config, timer1Config } from 'avr8js';
import { describe, expect, it } from 'vitest';
import { nextTimerEventCycles, SEI_OPCODE, SLEEP_OPCODE, sleepAt, sleepSkipper } from '../../rigs/uno-pull/sim/sleep-skip.js';

// The sleep skipper's arithmetic on avr8js timers set up through their registers, as firmware would.
// Register addresses: ATmega328P data space.
const TCCR0A = 0x44;
const TCCR0B = 0x45;
const TCNT0 = 0x46;
const OCR0A = 0x47;
const TIMSK0 = 0x6e;
const TCCR1B = 0x81;
const OCR1AL = 0x88;
const OCR1AH = 0x89;
const SMCR = 0x53;

function cpuWith(program: number[]): CPU {
  const words = new Uint16Array(0x4000);
  words.set(program);
  return new CPU(words);
}

/** Let the CPU reach `cycles` the way the run loop does, one clock event at a time. */
function runTo(cpu: CPU, cycles: number): void {
  while (cpu.cycles < cycles) {
    cpu.cycles++;
    cpu.tick();
  }
}

describe('nextTimerEventCycles', () => {
  it('finds a normal-mode timer 0 overflow 256 - TCNT ticks ahead, at its prescaler', () => {
    const cpu = cpuWith([]);
    const timer = new AVRTimer(cpu, timer0Config);
    cpu.writeData(TCCR0A, 0);
    cpu.writeData(TCCR0B, 0x03); // clk/64
    runTo(cpu, 10);
    cpu.writeData(TCNT0, 200);
    runTo(cpu, 200);
    const tcnt = cpu.readData(TCNT0);
    const next = nextTimerEventCycles(timer) as number;
    // The overflow is (256 - TCNT) ticks of 64 cycles from the timer's last tick.
    expect(next - cpu.cycles).toBeGreaterThan(0);
    expect(next - cpu.cycles).toBeLessThanOrEqual((256 - tcnt) * 64);
    expect(next - cpu.cycles).toBeGreaterThan((255 - tcnt) * 64);
  });

  it('stops at a compare match before the overflow', () => {
    const cpu = cpuWith([]);
    const timer = new AVRTimer(cpu, timer0Config);
    cpu.writeData(OCR0A, 100);
    cpu.writeData(TCCR0B, 0x03);
    runTo(cpu, 64 * 10 + 5);
    const tcnt = cpu.readData(TCNT0);
    expect(tcnt).toBeLessThan(100);
    const next = nextTimerEventCycles(timer) as number;
    expect(next - cpu.cycles).toBeLessThanOrEqual((100 - tcnt) * 64);
    expect(next - cpu.cycles).toBeGreaterThan((99 - tcnt) * 64);
  });

  it('finds a CTC timer 1 wrap at OCR1A, and nothing for a stopped timer', () => {
    const cpu = cpuWith([]);
    const timer = new AVRTimer(cpu, timer1Config);
    expect(nextTimerEventCycles(timer)).toBe(Infinity);
    cpu.writeData(OCR1AH, 0);
    cpu.writeData(OCR1AL, 16);
    cpu.writeData(TCCR1B, 0x0c); // CTC on OCR1A, clk/256
    runTo(cpu, 300);
    const next = nextTimerEventCycles(timer) as number;
    expect(next - cpu.cycles).toBeGreaterThan(0);
    expect(next - cpu.cycles).toBeLessThanOrEqual(17 * 256);
  });
});

describe('sleepSkipper', () => {
  it('wakes on the timer 0 overflow interrupt at exactly the cycle the tick-by-tick run does', () => {
    // Program: at 0 the reset vector jumps to 0x40; the overflow vector (word 0x20) returns at once.
    const program: number[] = [];
    const build = (): CPU => {
      const cpu = cpuWith(program);
      return cpu;
    };
    program[0x20] = 0x9518; // RETI
    program[0x40] = SEI_OPCODE;
    program[0x41] = SLEEP_OPCODE;
    const wakes: number[] = [];
    for (const how of ['skip', 'tick'] as const) {
      const cpu = build();
      const timer = new AVRTimer(cpu, timer0Config);
      cpu.writeData(TCCR0B, 0x03);
      cpu.writeData(TIMSK0, 0x01); // overflow interrupt
      cpu.writeData(SMCR, 0x01); // idle, SE
      cpu.pc = 0x41;
      cpu.data[95] = 0x80; // I flag
      expect(sleepAt(cpu)).toBe('idle');
      cpu.pc = 0x42; // just after the SLEEP
      const skipped = sleepSkipper(cpu, [timer], how).sleepUntil(1_000_000);
      expect(cpu.pc).toBe(0x20); // in the overflow handler
      wakes.push(cpu.cycles);
      expect(skipped).toBeGreaterThan(256 * 64 - 100);
    }
    expect(wakes[0]).toBe(wakes[1]);
  });

  it('counts from a prescaler set just before the sleep (the change takes effect at the timer\'s next clock event)', () => {
    const words = new Uint16Array(0x4000);
    words[0x20] = 0x9518; // RETI at the timer 0 overflow vector
    const cycles: number[] = [];
    for (const how of ['skip', 'tick'] as const) {
      const cpu = new CPU(words);
      const timer = new AVRTimer(cpu, timer0Config);
      cpu.writeData(TCCR0B, 0x03);
      expect(nextTimerEventCycles(timer)).toBe('next-clock-event');
      cpu.writeData(TIMSK0, 0x01);
      cpu.writeData(SMCR, 0x01);
      cpu.data[95] = 0x80;
      cpu.pc = 0x42;
      sleepSkipper(cpu, [timer], how).sleepUntil(100_000);
      expect(cpu.pc).toBe(0x20);
      cycles.push(cpu.cycles);
    }
    expect(cycles[0]).toBe(cycles[1]);
    expect(cycles[0]).toBeLessThan(256 * 64 + 10);
  });

  it('is not asleep without SE, and names a mode other than idle', () => {
    const cpu = cpuWith([SLEEP_OPCODE]);
    expect(sleepAt(cpu)).toBe('awake');
    cpu.writeData(SMCR, 0x05); // power-down, SE
    expect(sleepAt(cpu)).toBe('unsupported-mode');
  });
});
