// MAX31855 thermocouple converter over SPI, read at most every THERMO_PERIOD_MS.
#ifndef THERMO_H
#define THERMO_H
#include <stdint.h>
// Chip select high.
void thermo_init();
// Read the converter when its period has passed; returns true when a new frame was read.
bool thermo_poll();
// The millis() at which thermo_poll next reads the converter (now, before the first read).
uint32_t thermo_next_read_ms();
// Last valid thermocouple temperature (degC).
float thermo_temp_c();
// True when the last frame flagged a fault (open, short to GND or VCC).
bool thermo_fault();
#endif
