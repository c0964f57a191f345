// HEAT: the test current on the selected pole, continuously, with a periodic shunt check.
#ifndef HEAT_H
#define HEAT_H
#include <stdint.h>
// Switch the current on (or change it) at this setpoint (A).
void heat_on(float amps);
// Switch the heating current off (no-op when it is not on).
void heat_off();
// True while HEAT holds the current on.
bool heat_active();
// Check the actual current now and then (one ADC conversion per call); OVERCURRENT alarm.
void heat_poll();
// While HEAT is on: true, and the millis() at which heat_poll next has work in *atMs (now while a
// conversion runs). False when HEAT is off.
bool heat_next_check_ms(uint32_t* atMs);
#endif
