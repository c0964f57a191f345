// E-stop, guard, home input, host-silence watchdog, force cap, temperature and the latched
// alarms. A latching alarm puts the rig in its safe state and ends the running operation. The set of
// latched alarms is kept in EEPROM (its own block after the settings block), so it survives every
// reset; only RESET clears it.
#ifndef SAFETY_H
#define SAFETY_H
#include <stdint.h>
#include <avr/pgmspace.h>

// Inputs with pull-ups; the E-stop pin-change interrupt cuts motor and current at once.
void safety_init();
// At boot, after the banner: take the latched alarms stored in EEPROM (a bad block: none) and send
// "ALARM:N restored=1" for each.
void safety_restore();
// Periodic checks: E-stop, guard, watchdog, temperature, thermocouple, load-cell timeout.
void safety_poll();
// For the idle loop between passes: true, with the millis() at which safety_poll next has something
// to act on in *atMs (now when a condition already holds, else the first of the host-silence
// deadline while it is armed and the load-cell timeout during a PULL); false when nothing is
// pending. The guard is not included: it can open at any moment (safety_guard_watched).
bool safety_next_check_ms(uint32_t* atMs);
// True while an open guard raises an alarm (motion or current on): read the guard on every tick.
bool safety_guard_watched();
// Checks on every new load-cell reading: force cap, saturation.
void safety_on_reading();
// Send ALARM:code (with one optional key=value), latch it if latching, safe state, end the op.
void safety_raise(uint8_t code, const char* keyP, float value, uint8_t decimals);
// Motor off, step interrupt off, current off with DAC 0, relays open.
void safety_safe_state();
// Bit (code-1) set for each latched alarm.
uint16_t safety_alarms();
// True when any latching alarm is latched.
bool safety_locked();
// Clear the latched alarms (in EEPROM too); false (nothing cleared) while the E-stop is pressed or
// the guard is open.
bool safety_reset();
// A complete host line arrived: feed the host-silence watchdog.
void safety_feed_watchdog();
// True when the E-stop input is HIGH (pressed or wire broken).
bool safety_estop_pressed();
// True when the guard input is HIGH (open).
bool safety_guard_open();
// 1 when the home switch input is LOW (at home).
uint8_t safety_at_home();
#endif
