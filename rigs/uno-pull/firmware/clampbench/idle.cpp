#include "idle.h"
#include <Arduino.h>
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include "adc.h"
#include "config.h"
#include "loadcell.h"
#include "serial.h"
#include "stepper.h"

// True while something waits for the main loop: received bytes or realtime flags, a polled ADC
// conversion, a load-cell conversion ready. Called with interrupts off.
static bool loop_wanted() { return serial_input_pending() || !adc_done() || loadcell_ready(); }

void idle_until_interrupt() {
  uint32_t ms = millis();
  bool moving = stepper_moving();
  bool estop = PIN_READ(RIG_PINS_ESTOP);
  set_sleep_mode(SLEEP_MODE_IDLE);
  for (;;) {
    cli();
    if (loop_wanted()) break;
    sleep_enable();
    // SEI then SLEEP: the AVR runs SLEEP before any interrupt pending since the check, which then
    // wakes it at once, so no byte waits a whole timer period.
    sei();
    sleep_cpu();
    sleep_disable();
    // A step pulse needs no loop pass: sleep on, unless time moved on (millis), the motor stopped,
    // or the E-stop changed (its interrupt already cut the motor and the current; the loop reports it).
    if (millis() != ms || stepper_moving() != moving || PIN_READ(RIG_PINS_ESTOP) != estop) return;
  }
  sei();
}
