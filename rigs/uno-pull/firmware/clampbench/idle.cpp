#include "idle.h"
#include <Arduino.h>
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include "adc.h"
#include "config.h"
#include "heat.h"
#include "home.h"
#include "loadcell.h"
#include "pull.h"
#include "safety.h"
#include "serial.h"
#include "stepper.h"
#include "system.h"
#include "thermo.h"

// The Arduino core's millis counter (wiring.c), which millis() copies with interrupts off. Its low
// byte alone, read in one instruction, tells whether a tick has passed since the last wake-up: a
// transmit-complete or step interrupt wakes the loop far more often than the clock ticks.
extern volatile unsigned long timer0_millis;
static uint8_t millis_low_byte() { return *(volatile uint8_t*)&timer0_millis; }

// True while something waits for the main loop: a received line or realtime flags, a load-cell
// conversion ready. Called with interrupts off.
static bool loop_wanted() { return serial_input_pending() || loadcell_ready(); }

// Between passes the loop's timed work comes now and then only: the thermocouple read, HEAT's shunt
// check, the host-silence and load-cell deadlines, the end of a PULL's hold, an operation's stopped
// motor. The first millis() of any of them (the thermocouple always has one).
static uint32_t next_timed_work_ms() {
  uint32_t atMs = thermo_next_read_ms();
  uint32_t ms;
  if (heat_next_check_ms(&ms) && (int32_t)(ms - atMs) < 0) atMs = ms;
  if (safety_next_check_ms(&ms) && (int32_t)(ms - atMs) < 0) atMs = ms;
  if (pull_next_ms(&ms) && (int32_t)(ms - atMs) < 0) atMs = ms;
  if (home_next_ms(&ms) && (int32_t)(ms - atMs) < 0) atMs = ms;
  return atMs;
}

// The short operations (VDROP, ISO, INSUL, TARE, SPAN) time their phases themselves: a pass on
// every tick while one runs.
static bool pass_every_tick() {
  uint8_t op = system_op();
  return op != OP_NONE && op != OP_PULL && op != OP_HOME;
}

void idle_until_interrupt() {
  uint8_t tick = millis_low_byte();
  uint32_t ms = millis();
  bool moving = stepper_moving();
  bool estop = PIN_READ(RIG_PINS_ESTOP);
  // Sleep through the millis ticks until the first timed work (a pass per tick was most of the awake
  // cycles: 90 % while heating), still reading the guard on every tick while it matters, as
  // safety_poll would; a short operation gets a pass on every tick.
  bool everyTick = pass_every_tick();
  uint32_t workMs = everyTick ? ms : next_timed_work_ms();
  bool guardWatched = !everyTick && safety_guard_watched();
  // A polled ADC conversion running: its end wakes the sleep (ADC interrupt) and needs a pass.
  bool converting = !adc_done();
  set_sleep_mode(SLEEP_MODE_IDLE);
  for (;;) {
    cli();
    if (loop_wanted() || (converting && adc_done())) break;
    sleep_enable();
    // SEI then SLEEP: the AVR runs SLEEP before any interrupt pending since the check, which then
    // wakes it at once, so no byte waits a whole timer period.
    sei();
    sleep_cpu();
    sleep_disable();
    // A step pulse needs no loop pass: sleep on, unless the motor stopped or the E-stop changed (its
    // interrupt already cut the motor and the current; the loop reports it), or a tick brings work.
    if (stepper_moving() != moving || PIN_READ(RIG_PINS_ESTOP) != estop) return;
    uint8_t tickNow = millis_low_byte();
    if (tickNow == tick) continue;
    tick = tickNow;
    uint32_t now = millis();
    if (everyTick || (int32_t)(now - workMs) >= 0 || (guardWatched && safety_guard_open())) return;
  }
  sei();
}
