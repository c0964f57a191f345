// Stepper driver: STEP pulses from the timer1 compare interrupt at a variable interval, DIR,
// active-low ENABLE, and a position counter in steps (positive = away from the DUT).
// The interrupt itself stops on the E-stop input, on the travel limits and, while homing, on
// the home switch, so none of them depends on the main loop.
#ifndef STEPPER_H
#define STEPPER_H
#include <stdint.h>

#define STEPPER_STOP_NONE 0
#define STEPPER_STOP_ESTOP 1
#define STEPPER_STOP_LIMIT 2
#define STEPPER_STOP_HOME 3

// Pins, timer1 in CTC mode at 250 kHz (not yet running), motor disabled.
void stepper_init();
// Enable the driver and run at a signed speed (steps/s); 0 (or very slow) stands still.
void stepper_set_speed(float stepsPerS);
// Stop pulses at once (driver stays enabled so the axis holds).
void stepper_stop();
// Stop pulses and disable the driver (safe state; interrupt-safe).
void stepper_disable();
// Current position in steps.
int32_t stepper_position();
// Overwrite the position counter (homing): the position is known from now on.
void stepper_set_position(int32_t steps);
// True until the first stepper_set_position after boot, and again after every stepper_disable.
bool stepper_position_unknown();
// Position limits (steps) the interrupt stops at.
void stepper_set_limits(int32_t minSteps, int32_t maxSteps);
// Also stop when the home switch closes (homing).
void stepper_stop_at_home(bool enable);
// True while step pulses are being generated.
bool stepper_moving();
// Why the interrupt last stopped by itself (STEPPER_STOP_*), cleared by reading.
uint8_t stepper_take_stop_reason();
// Position in mm.
float stepper_position_mm();
#endif
