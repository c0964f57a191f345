// VDROP: select the pole's Kelvin relays, settle, switch the current on, settle, oversample the
// sense (A0) and shunt (A1) amplifiers interleaved, switch off, reply.
#ifndef MEASURE_H
#define MEASURE_H
#include <stdint.h>
// Start a voltage-drop measurement (arguments already checked); replies when done.
void measure_start(uint16_t id, uint8_t pole, float amps, uint16_t samples);
// Advance the measurement (one ADC conversion at most per call).
void measure_poll();
// End early: abort (0) answers error:22, an alarm answers error:10.
void measure_cancel(uint8_t alarmCode);
#endif
