import type { CPU } from 'avr8js';
import { unoPinToPort } from '../../uno-pull/sim/pins.js';

/** Data-space addresses of the ATmega328P registers behind one PWM pin (datasheet, register summary). */
interface PwmOutput {
  /** TCCRnA, which holds the compare output mode bits. */
  controlRegister: number;
  /** COMnx1: set = the timer drives the pin (non-inverting PWM), clear = the pin is plain GPIO. */
  compareOutputBit: number;
  /** OCRnx low byte (the core's 8-bit PWM never writes the high byte). */
  compareRegister: number;
}

/** The Uno's PWM pins, wired to the timers as the Arduino core sets them up. */
const PWM_OUTPUTS: Readonly<Record<number, PwmOutput>> = {
  6: { controlRegister: 0x44, compareOutputBit: 1 << 7, compareRegister: 0x47 }, // OC0A
  5: { controlRegister: 0x44, compareOutputBit: 1 << 5, compareRegister: 0x48 }, // OC0B
  9: { controlRegister: 0x80, compareOutputBit: 1 << 7, compareRegister: 0x88 }, // OC1A
  10: { controlRegister: 0x80, compareOutputBit: 1 << 5, compareRegister: 0x8a }, // OC1B
  11: { controlRegister: 0xb0, compareOutputBit: 1 << 7, compareRegister: 0xb3 }, // OC2A
  3: { controlRegister: 0xb0, compareOutputBit: 1 << 5, compareRegister: 0xb4 }, // OC2B
};

/** DDRx and PORTx addresses, per port. */
const GPIO = { B: { ddr: 0x24, port: 0x25 }, C: { ddr: 0x27, port: 0x28 }, D: { ddr: 0x2a, port: 0x2b } } as const;

/**
 * Duty (0..1) an RC filter on `pin` sees, read from the registers at this instant, so the filter
 * needs no model of each PWM edge. analogWrite(1..254) sets COMnx1 and OCRnx: duty = OCR/255
 * (exact for the core's 8-bit phase-correct timers 1 and 2; timer 0's fast PWM is (OCR+1)/256,
 * within 1/256). analogWrite(0) and (255) clear COMnx1 and do a digitalWrite instead, so then the
 * pin's own level counts. A pin that is not an output floats, and the filter's pull-down makes it 0.
 */
export function pwmDuty(cpu: CPU, pin: number): number {
  const output = PWM_OUTPUTS[pin];
  if (!output) throw new Error(`pin ${pin} has no PWM output on the Uno`);
  const { port, bit } = unoPinToPort(pin);
  const mask = 1 << bit;
  const data = cpu.data;
  if (!((data[GPIO[port].ddr] ?? 0) & mask)) return 0;
  if ((data[output.controlRegister] ?? 0) & output.compareOutputBit) return (data[output.compareRegister] ?? 0) / 255;
  return (data[GPIO[port].port] ?? 0) & mask ? 1 : 0;
}
