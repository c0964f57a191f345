// PULL: approach until the preload (or end with result=noload after the rig's maxSlackMm of travel
// without it: nothing in the grip), ramp the force setpoint under closed-loop control (one
// update per load-cell reading), hold, release, return to position 0; stream samples; detect
// slip and pull-out; report DONE:PULL.
#ifndef PULL_H
#define PULL_H
#include <stdint.h>
// Accept a PULL request (checks done): reply ok and start the approach.
void pull_start(uint16_t id, float targetN, float rateNps, uint32_t holdMs, float preloadN, float approachMmps);
// One control step on a new load-cell reading: sample, phase change, speed command.
void pull_on_reading();
// Watch for the step interrupt stopping by itself (travel limit, back at 0).
void pull_poll();
// While a PULL runs: true, with the millis() at which pull_poll next has work in *atMs (now while the
// motor stands, else the hold's end); false when it has none (the motor stopping wakes the loop).
bool pull_next_ms(uint32_t* atMs);
// End early with DONE:PULL result=aborted (0) or result=alarm.
void pull_cancel(uint8_t alarmCode);
#endif
