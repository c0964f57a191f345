import {
  AVRADC,
  AVRClock,
  AVREEPROM,
  AVRIOPort,
  AVRSPI,
  AVRTimer,
  AVRUSART,
  AVRWatchdog,
  CPU,
  adcConfig,
  eepromConfig,
  portBConfig,
  portCConfig,
  portDConfig,
  spiConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  usart0Config,
  watchdogConfig,
  type ADCMuxInput,
  type EEPROMBackend,
} from 'avr8js';
import { reverseBits } from './models/spi-bus.js';
import type { Ports } from './pins.js';

/** ATmega328P figures (datasheet): 32 KB flash, 2 KB SRAM. */
export const ATMEGA328P_FLASH_BYTES = 32 * 1024;
const ATMEGA328P_SRAM_BYTES = 2048;

export interface MachineHooks {
  onTxByte: (byte: number) => void;
  onRxComplete: () => void;
  /** Raw 10-bit result of a conversion started now on `input` with reference `refV`. */
  adcRead: (input: ADCMuxInput, refV: number) => number;
  /** One SPI byte as it appears on the wire (MSB first); returns the MISO byte on the wire. */
  spiTransfer: (wireByte: number, spiMode: number) => number;
  /** The watchdog reset the CPU (it must be rebuilt before running on). */
  onWatchdogReset: () => void;
  onUsartConfig: (usart: AVRUSART) => void;
}

/**
 * One powered-up ATmega328P in avr8js with the peripherals the firmware uses. A reset builds a
 * new Machine: avr8js's cpu.reset() only rewinds PC/SP and leaves every I/O register as it was,
 * whereas a real reset returns them to their defaults. Only the EEPROM backend is shared.
 */
export class Machine {
  readonly cpu: CPU;
  readonly ports: Ports;
  readonly usart: AVRUSART;
  readonly spi: AVRSPI;
  readonly adc: AVRADC;
  readonly clock: AVRClock;
  /** Timers 0, 1 and 2 (the sleep skipper counts them over a skipped sleep). */
  readonly timers: readonly AVRTimer[];

  constructor(flash: Uint8Array, clockHz: number, eeprom: EEPROMBackend, hooks: MachineHooks) {
    // Copy: the CPU may be handed the same image again after a reset.
    const program = new Uint16Array(new Uint8Array(flash).buffer);
    const cpu = new CPU(program, ATMEGA328P_SRAM_BYTES);
    this.cpu = cpu;
    this.ports = { B: new AVRIOPort(cpu, portBConfig), C: new AVRIOPort(cpu, portCConfig), D: new AVRIOPort(cpu, portDConfig) };
    this.timers = [new AVRTimer(cpu, timer0Config), new AVRTimer(cpu, timer1Config), new AVRTimer(cpu, timer2Config)];
    this.clock = new AVRClock(cpu, clockHz);
    new AVREEPROM(cpu, eeprom, eepromConfig);
    new AVRWatchdog(cpu, watchdogConfig, this.clock);

    this.usart = new AVRUSART(cpu, usart0Config, clockHz);
    this.usart.onByteTransmit = hooks.onTxByte;
    this.usart.onRxComplete = hooks.onRxComplete;
    this.usart.onConfigurationChange = () => hooks.onUsartConfig(this.usart);

    const spi = new AVRSPI(cpu, spiConfig, clockHz);
    this.spi = spi;
    spi.onByte = (value) => {
      // The devices see the wire; an LSB-first master mirrors each byte on it.
      const lsbFirst = spi.dataOrder === 'lsbFirst';
      const wireIn = hooks.spiTransfer(lsbFirst ? reverseBits(value) : value, spi.spiMode);
      const valueIn = lsbFirst ? reverseBits(wireIn) : wireIn;
      cpu.addClockEvent(() => spi.completeTransfer(valueIn), spi.transferCycles);
    };

    const adc = new AVRADC(cpu, adcConfig);
    this.adc = adc;
    // Replace the default (which reads static channelValues) so every conversion gets a fresh,
    // noisy value of the world at the moment the sample is taken.
    adc.onADCRead = (input) => {
      const raw = hooks.adcRead(input, adc.referenceVoltage);
      cpu.addClockEvent(() => adc.completeADCRead(raw), adc.sampleCycles);
    };

    // avr8js calls cpu.reset() only from the watchdog (the constructor's call is already done).
    const rewind = cpu.reset.bind(cpu);
    cpu.reset = () => {
      rewind();
      hooks.onWatchdogReset();
    };
  }
}
