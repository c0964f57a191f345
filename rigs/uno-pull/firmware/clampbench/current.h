// Test current source: MCP4921 DAC setpoint over SPI, output enable pin, shunt reading.
#ifndef CURRENT_H
#define CURRENT_H
#include <stdint.h>
// Enable pin low, DAC chip select high (call current_off() once SPI runs to zero the DAC).
void current_init();
// Write the setpoint (A) to the DAC and switch the output on; returns the DAC code used.
uint16_t current_on(float amps);
// Switch the output off and write zero to the DAC (safe to call from an interrupt).
void current_off();
// Switch the enable pin off only (interrupt-safe, no SPI).
void current_kill();
// True while the source output is enabled.
bool current_is_on();
// Setpoint (A) while on, else 0.
float current_setpoint_a();
// Time (millis) when the source was last switched on.
uint32_t current_on_ms();
// Shunt ADC code (0..1023, average) -> amps.
float current_amps_from_adc(float adcCode);
// Sense ADC code (average) -> millivolts across the pole.
float current_mv_from_adc(float adcCode);
#endif
