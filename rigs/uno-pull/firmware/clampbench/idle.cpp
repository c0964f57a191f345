#include "idle.h"
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include "adc.h"
#include "serial.h"

void idle_until_interrupt() {
  cli();
  if (serial_input_pending() || !adc_done()) {
    sei();
    return;
  }
  set_sleep_mode(SLEEP_MODE_IDLE);
  sleep_enable();
  // SEI then SLEEP: the AVR runs SLEEP before any interrupt pending since the check, which then
  // wakes it at once, so no byte waits a whole timer period.
  sei();
  sleep_cpu();
  sleep_disable();
}
