#include "safety.h"
#include <Arduino.h>
#include <avr/interrupt.h>
#include "config.h"
#include "current.h"
#include "heat.h"
#include "loadcell.h"
#include "relays.h"
#include "report.h"
#include "settings.h"
#include "stepper.h"
#include "system.h"
#include "thermo.h"

static uint16_t latched;
static uint32_t last_line_ms;

// Pin-change interrupt of whichever port the E-stop is on.
#if RIG_PINS_ESTOP < 8
#define ESTOP_PCINT_VECT PCINT2_vect
#define ESTOP_PCIE PCIE2
#define ESTOP_PCMSK PCMSK2
#elif RIG_PINS_ESTOP < 14
#define ESTOP_PCINT_VECT PCINT0_vect
#define ESTOP_PCIE PCIE0
#define ESTOP_PCMSK PCMSK0
#else
#define ESTOP_PCINT_VECT PCINT1_vect
#define ESTOP_PCIE PCIE1
#define ESTOP_PCMSK PCMSK1
#endif

ISR(ESTOP_PCINT_VECT) {
  if (PIN_READ(RIG_PINS_ESTOP)) {
    stepper_disable();
    current_kill();
  }
}

void safety_init() {
  PIN_INPUT_PULLUP(RIG_PINS_ESTOP);
  PIN_INPUT_PULLUP(RIG_PINS_GUARD);
  PIN_INPUT_PULLUP(RIG_PINS_HOME);
  ESTOP_PCMSK |= PIN_MASK(RIG_PINS_ESTOP);
  PCICR |= (1 << ESTOP_PCIE);
  last_line_ms = millis();
}

bool safety_estop_pressed() { return PIN_READ(RIG_PINS_ESTOP); }
bool safety_guard_open() { return PIN_READ(RIG_PINS_GUARD); }
uint8_t safety_at_home() { return PIN_READ(RIG_PINS_HOME) ? 0 : 1; }
uint16_t safety_alarms() { return latched; }
bool safety_locked() { return (latched & ALARM_LATCHING_MASK) != 0; }
void safety_feed_watchdog() { last_line_ms = millis(); }

void safety_safe_state() {
  stepper_disable();
  current_off();
  heat_off();
  relays_open_all();
}

void safety_raise(uint8_t code, const char* keyP, float value, uint8_t decimals) {
  bool latching = (ALARM_LATCHING_MASK >> (code - 1)) & 1;
  // Safe first: the ALARM line can wait up to a full transmit buffer (about 6 ms at 115200 baud
  // behind streaming samples); the motor and the current must not.
  if (latching) {
    latched |= (uint16_t)(1u << (code - 1));
    safety_safe_state();
  }
  report_alarm_begin(code);
  if (keyP) {
    report_key(keyP);
    report_fixed(value, decimals);
  }
  report_end();
  if (latching) system_cancel_op(code);
}

bool safety_reset() {
  if (safety_estop_pressed()) return false;
  latched = 0;
  return true;
}

// Motion or current active: the states the watchdog and the guard protect.
static bool hazard_active() {
  return stepper_moving() || current_is_on() || system_long_op();
}

void safety_poll() {
  if (safety_estop_pressed() && !(latched & (1u << (ALARM_ESTOP - 1)))) safety_raise(ALARM_ESTOP, 0, 0, 0);
  if (safety_guard_open() && hazard_active()) safety_raise(ALARM_GUARD_OPENED, 0, 0, 0);
  // Trips when the silence reaches watchdogMs, never after: millis() moves in 1.024 ms ticks (with
  // a double step now and then), so two readings of it can differ from the time between them by up
  // to 2 ms; tripping that much early keeps the rig's promise of "safe within watchdogMs".
  // Not during a short operation (VDROP, ISO, TARE, SPAN): it ends by itself, and the host waits
  // silently for its reply (VDROP 1024 samples takes about 245 ms).
  if (hazard_active() && !system_short_op() && (uint32_t)(millis() - last_line_ms) + WATCHDOG_TICK_MARGIN_MS >= settings.watchdogMs) {
    safety_raise(ALARM_HOST_SILENCE, 0, 0, 0);
  }
  if (current_is_on() && thermo_temp_c() > settings.tempLimitC) {
    safety_raise(ALARM_OVERTEMP, PSTR("tempC"), thermo_temp_c(), 2);
  }
  if (heat_active() && thermo_fault()) safety_raise(ALARM_THERMOCOUPLE_FAULT, 0, 0, 0);
  if (system_op() == OP_PULL && (uint32_t)(millis() - loadcell_last_ms()) > LOADCELL_TIMEOUT_MS) {
    safety_raise(ALARM_LOADCELL_TIMEOUT, 0, 0, 0);
  }
}

void safety_on_reading() {
  if (!(stepper_moving() || system_long_op())) return;
  int32_t c = loadcell_counts();
  if (c >= LOADCELL_SATURATION_COUNTS || c <= -LOADCELL_SATURATION_COUNTS) {
    safety_raise(ALARM_LOADCELL_SATURATED, PSTR("counts"), (float)c, 0);
    return;
  }
  float f = loadcell_force_n();
  if (f >= FORCE_CAP_N) safety_raise(ALARM_FORCE_CAP, PSTR("forceN"), f, 2);
}
