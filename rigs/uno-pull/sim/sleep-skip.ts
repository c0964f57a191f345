import type { AVRTimer, CPU } from 'avr8js';

// avr8js executes SLEEP as a no-op, so a sleeping firmware would be simulated instruction by
// instruction anyway (a busy loop), and its timers schedule a clock event every prescaler period.
// This layer lets the simulator skip a sleep: it jumps the CPU's cycle counter straight to the next
// moment anything can happen, and lets each timer count all the ticks in between at once. Every
// timing stays exact: the jump never passes a clock event of another peripheral (USART, ADC, SPI,
// watchdog), a world event (the caller's limit), or a timer's next compare match or overflow.

/** The AVR `SLEEP` instruction word. */
export const SLEEP_OPCODE = 0x9588;
/** The AVR `SEI` instruction word (BSET 7). */
export const SEI_OPCODE = 0x9478;
/** SMCR (sleep mode control) in data space; bit 0 is SE (sleep enable), bits 3:1 the mode. */
const SMCR = 0x53;
const SMCR_SE = 0x01;
const SMCR_MODE_MASK = 0x0e;
/** SM2:0 = 000: idle, the only mode in which every timer and the USART keep running. */
const SLEEP_MODE_IDLE = 0x00;

/** avr8js TimerMode values (peripherals/timer.js). */
const TIMER_MODE_PHASE_CORRECT = 1;
const TIMER_MODE_PHASE_FREQUENCY_CORRECT = 4;

/** The parts of avr8js's AVRTimer this layer reads (private in its typings, stable in 0.21). */
interface TimerState {
  readonly tcnt: number;
  readonly divider: number;
  readonly lastCycle: number;
  readonly ocrA: number;
  readonly ocrB: number;
  readonly ocrC: number;
  readonly hasOCRC: boolean;
  readonly tcntUpdated: boolean;
  readonly updateDivider: boolean;
  readonly timerMode: number;
  readonly countingUp: boolean;
  readonly TOP: number;
  readonly count: (...args: never[]) => void;
}

/** Clock-event entries as avr8js keeps them: a list sorted by cycle. */
interface ClockEvent {
  readonly cycles: number;
  readonly callback: unknown;
  readonly next: ClockEvent | null;
}

export type SleepState = 'awake' | 'idle' | 'unsupported-mode';

/**
 * Whether the instruction at the CPU's PC is a SLEEP that will sleep (SE set). `unsupported-mode`:
 * a sleep mode other than idle, which stops timers this layer would keep counting: run it as avr8js
 * does (a no-op) and let the caller say so.
 */
export function sleepAt(cpu: CPU): SleepState {
  if (cpu.progMem[cpu.pc] !== SLEEP_OPCODE) return 'awake';
  const smcr = cpu.data[SMCR] ?? 0;
  if ((smcr & SMCR_SE) === 0) return 'awake';
  return (smcr & SMCR_MODE_MASK) === SLEEP_MODE_IDLE ? 'idle' : 'unsupported-mode';
}

/**
 * The cycle of a timer's next count that does more than add one: a compare match or an overflow
 * (or, after a TCNT write, simply its next tick; after a prescaler change, its next clock event,
 * whose time only avr8js's event list knows). Infinity for a stopped timer.
 */
export function nextTimerEventCycles(timer: AVRTimer): number | 'next-clock-event' {
  const t = timer as unknown as TimerState;
  // A prescaler change takes effect at the timer's next clock event, whenever that is scheduled.
  if (t.updateDivider) return 'next-clock-event';
  if (!t.divider) return Infinity;
  const nextTick = t.lastCycle + t.divider;
  if (t.tcntUpdated) return nextTick;
  const top = t.TOP;
  const tcnt = t.tcnt;
  if (tcnt > top) return nextTick; // TCNT beyond TOP (TOP lowered under it): one tick at a time
  let ticks: number;
  if (t.timerMode === TIMER_MODE_PHASE_CORRECT || t.timerMode === TIMER_MODE_PHASE_FREQUENCY_CORRECT) {
    // Up to TOP (turn, OCR update), down to BOTTOM (overflow); a compare matches on the way either direction.
    const up = t.countingUp;
    ticks = up ? top - tcnt : tcnt;
    ticks = ticksToCompare(ticks, t.ocrA, tcnt, top, up);
    ticks = ticksToCompare(ticks, t.ocrB, tcnt, top, up);
    if (t.hasOCRC) ticks = ticksToCompare(ticks, t.ocrC, tcnt, top, up);
  } else {
    ticks = top + 1 - tcnt; // to the wrap (overflow, or TOP in CTC mode)
    ticks = ticksToCompare(ticks, t.ocrA, tcnt, top, true);
    ticks = ticksToCompare(ticks, t.ocrB, tcnt, top, true);
    if (t.hasOCRC) ticks = ticksToCompare(ticks, t.ocrC, tcnt, top, true);
  }
  return t.lastCycle + Math.max(1, ticks) * t.divider;
}

/** `ticks`, or fewer when a compare register within TOP matches sooner counting up (or down) from tcnt. */
function ticksToCompare(ticks: number, ocr: number, tcnt: number, top: number, up: boolean): number {
  const toCompare = up ? ocr - tcnt : tcnt - ocr;
  return toCompare > 0 && ocr <= top ? Math.min(ticks, toCompare) : ticks;
}

/** The cycle of the next clock event of any kind. */
function nextClockEvent(cpu: CPU): number {
  return (cpu as unknown as { nextClockEvent: ClockEvent | null }).nextClockEvent?.cycles ?? Infinity;
}

/** The cycle of the next clock event that is not one of the timers' own counting. */
function nextOtherClockEvent(cpu: CPU, timerCounts: ReadonlySet<unknown>): number {
  let event = (cpu as unknown as { nextClockEvent: ClockEvent | null }).nextClockEvent;
  while (event) {
    if (!timerCounts.has(event.callback)) return event.cycles;
    event = event.next;
  }
  return Infinity;
}

/** Fire every clock event due at the CPU's cycle; returns true once an interrupt was taken (the CPU woke). */
function fireDueEvents(cpu: CPU, sleepPc: number): boolean {
  // No closure here: this runs on every wake-up, and tsx's keep-names wraps each new function.
  const events = cpu as unknown as { nextClockEvent: ClockEvent | null };
  for (;;) {
    const event = events.nextClockEvent;
    const due = event !== null && event.cycles <= cpu.cycles;
    const interrupt = cpu.interruptsEnabled && cpu.nextInterrupt >= 0;
    if (!due && !interrupt) return false;
    cpu.tick(); // one due event, then a pending interrupt if enabled: as the run loop does after an instruction
    if (cpu.pc !== sleepPc) return true;
  }
}

export interface SleepSkipper {
  /**
   * The CPU has just executed an idle-mode SLEEP (its PC is the next instruction): skip simulated
   * time, not instructions, until an interrupt wakes it or `limitCycles` (a world event, the run
   * slice's end) is reached. Returns the cycles skipped.
   */
  sleepUntil(limitCycles: number): number;
}

/**
 * How a sleeping CPU is simulated: `skip` jumps to the next event that matters (another peripheral's
 * clock event, a timer's compare match or overflow); `tick` advances from clock event to clock event,
 * every prescaler tick of every timer (slow, the reference the skip is checked against).
 */
export type SleepSimulation = 'skip' | 'tick';

/** A skipper for one CPU and the timers wired to it. */
export function sleepSkipper(cpu: CPU, timers: readonly AVRTimer[], how: SleepSimulation = 'skip'): SleepSkipper {
  const timerCounts = new Set<unknown>(how === 'skip' ? timers.map((timer) => (timer as unknown as TimerState).count) : []);
  return {
    sleepUntil(limitCycles: number): number {
      const start = cpu.cycles;
      const sleepPc = cpu.pc;
      // With interrupts off a SLEEP never wakes on a real chip either; skip to the limit all the same.
      while (cpu.cycles < limitCycles) {
        if (fireDueEvents(cpu, sleepPc)) break;
        let wake = Math.min(limitCycles, nextOtherClockEvent(cpu, timerCounts));
        if (how === 'skip') {
          for (const timer of timers) {
            const next = nextTimerEventCycles(timer);
            wake = Math.min(wake, next === 'next-clock-event' ? nextClockEvent(cpu) : next);
          }
        }
        // A clock event always lies ahead of the CPU (avr8js schedules at least one cycle on); never move backwards.
        cpu.cycles = Math.max(cpu.cycles + 1, Math.min(wake, limitCycles));
      }
      return cpu.cycles - start;
    },
  };
}
