#include "safety.h"
#include <Arduino.h>
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include "config.h"
#include "current.h"
#include "heat.h"
#include "loadcell.h"
#include "protocol.h"
#include "relays.h"
#include "report.h"
#include "settings.h"
#include "stepper.h"
#include "system.h"
#include "thermo.h"

static uint16_t latched;
static uint32_t last_line_ms;

// The latched alarms in EEPROM, right after the settings block: magic, version, the mask, CRC-16
// of the mask. Written only when the mask changes (an alarm latches, RESET clears), so wear is
// bounded by the number of alarms, not by time.
#define LATCH_MAGIC 0xA1
#define LATCH_VERSION 1

struct LatchBlock {
  uint8_t magic;
  uint8_t version;
  uint16_t mask;
  uint16_t crc;
};

static uint16_t latch_checksum(uint16_t mask) {
  uint16_t crc = protocol_crc16_update(0xFFFF, (uint8_t)mask);
  return protocol_crc16_update(crc, (uint8_t)(mask >> 8));
}

static void* latch_address() { return (void*)(uintptr_t)settings_block_bytes(); }

static void latch_store() {
  LatchBlock block;
  block.magic = LATCH_MAGIC;
  block.version = LATCH_VERSION;
  block.mask = latched;
  block.crc = latch_checksum(latched);
  eeprom_update_block(&block, latch_address(), sizeof(block));
}

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

void safety_restore() {
  LatchBlock block;
  eeprom_read_block(&block, latch_address(), sizeof(block));
  if (block.magic != LATCH_MAGIC || block.version != LATCH_VERSION || block.crc != latch_checksum(block.mask)) return;
  latched = block.mask & ALARM_LATCHING_MASK;
  for (uint8_t code = 1; code <= 16; code++) {
    if (!((latched >> (code - 1)) & 1)) continue;
    report_alarm_begin(code);
    report_key(PSTR("restored"));
    report_char('1');
    report_end();
  }
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
  uint16_t before = latched;
  if (latching) {
    latched |= (uint16_t)(1u << (code - 1));
    safety_safe_state();
    // Stored before the ALARM line: a client that saw it knows a reset will not clear it. Up to 4
    // changed bytes of 3.4 ms each delay the line, never the safe state.
    if (latched != before) latch_store();
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
  if (safety_estop_pressed() || safety_guard_open()) return false;
  if (latched) {
    latched = 0;
    latch_store();
  }
  return true;
}

// Motion or current active: the states the watchdog and the guard protect.
static bool hazard_active() {
  return stepper_moving() || current_is_on() || system_long_op();
}

// The conditions safety_poll acts on, each defined once: the poll raises their alarms, and
// safety_next_check_ms tells the idle loop when the poll is next needed.
static bool estop_unlatched() { return safety_estop_pressed() && !(latched & (1u << (ALARM_ESTOP - 1))); }
static bool guard_trips() { return safety_guard_open() && hazard_active(); }
// Not during a short operation (VDROP, ISO, TARE, SPAN): it ends by itself, and the host waits
// silently for its reply (VDROP 1024 samples takes about 245 ms).
static bool watchdog_armed() { return hazard_active() && !system_short_op(); }
// Trips when the silence reaches watchdogMs, never after: millis() moves in 1.024 ms ticks (with
// a double step now and then), so two readings of it can differ from the time between them by up
// to 2 ms; tripping that much early keeps the rig's promise of "safe within watchdogMs".
static bool host_silent(uint32_t nowMs) { return (uint32_t)(nowMs - last_line_ms) + WATCHDOG_TICK_MARGIN_MS >= settings.watchdogMs; }
// The first millis() for which host_silent() holds (watchdogMs is never below the margin: SETTING_WATCHDOG_MS_MIN).
static uint32_t host_silent_from_ms() { return last_line_ms + settings.watchdogMs - WATCHDOG_TICK_MARGIN_MS; }
static bool overtemp() { return current_is_on() && thermo_temp_c() > settings.tempLimitC; }
static bool thermocouple_lost() { return heat_active() && thermo_fault(); }
static bool loadcell_stale() { return system_op() == OP_PULL && (uint32_t)(millis() - loadcell_last_ms()) > LOADCELL_TIMEOUT_MS; }
// The first millis() for which loadcell_stale() holds, while a PULL runs.
static uint32_t loadcell_stale_from_ms() { return loadcell_last_ms() + LOADCELL_TIMEOUT_MS + 1; }

void safety_poll() {
  if (estop_unlatched()) safety_raise(ALARM_ESTOP, 0, 0, 0);
  if (guard_trips()) safety_raise(ALARM_GUARD_OPENED, 0, 0, 0);
  if (watchdog_armed() && host_silent(millis())) safety_raise(ALARM_HOST_SILENCE, 0, 0, 0);
  if (overtemp()) safety_raise(ALARM_OVERTEMP, PSTR("tempC"), thermo_temp_c(), 2);
  if (thermocouple_lost()) safety_raise(ALARM_THERMOCOUPLE_FAULT, 0, 0, 0);
  if (loadcell_stale()) safety_raise(ALARM_LOADCELL_TIMEOUT, 0, 0, 0);
}

bool safety_next_check_ms(uint32_t* atMs) {
  if (estop_unlatched() || guard_trips() || overtemp() || thermocouple_lost() || loadcell_stale()) {
    *atMs = millis();
    return true;
  }
  bool any = false;
  if (watchdog_armed()) {
    *atMs = host_silent_from_ms();
    any = true;
  }
  if (system_op() == OP_PULL) {
    uint32_t staleMs = loadcell_stale_from_ms();
    if (!any || (int32_t)(staleMs - *atMs) < 0) *atMs = staleMs;
    any = true;
  }
  return any;
}

bool safety_guard_watched() { return hazard_active(); }

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
