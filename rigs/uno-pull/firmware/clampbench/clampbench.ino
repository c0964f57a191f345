// clampbench firmware for the Arduino Uno pull-out + continuity rig.
// A main loop of small state machines; see firmware-protocol/PROTOCOL.md for the wire protocol.
#include <Arduino.h>
#include <avr/wdt.h>
#include "adc.h"
#include "config.h"
#include "current.h"
#include "heat.h"
#include "idle.h"
#include "home.h"
#include "insulate.h"
#include "isolate.h"
#include "loadcell.h"
#include "measure.h"
#include "protocol.h"
#include "pull.h"
#include "relays.h"
#include "report.h"
#include "safety.h"
#include "serial.h"
#include "settings.h"
#include "spi.h"
#include "stepper.h"
#include "system.h"
#include "tare.h"
#include "thermo.h"

void setup() {
  MCUSR = 0;  // a watchdog reset (Ctrl-X) leaves the watchdog running: stop it first
  wdt_disable();
  // Timer 2 is unused (the Arduino core starts it for PWM on pins 3 and 11): stopped, it neither
  // counts nor overflows, and a simulated board spends nothing on it.
  TCCR2B = 0;
  stepper_init();
  current_init();  // before SPI: enable pin low and DAC chip select high
  thermo_init();
  spi_init();
  relays_init();
  current_off();  // DAC code 0
  loadcell_init();
  adc_init();
  safety_init();
  serial_init();
  bool settingsOk = settings_load();
  report_banner();
  safety_restore();  // latched alarms survive every reset: "ALARM:N restored=1" for each
  if (!settingsOk) report_msg_P(PSTR("settings reset to defaults"));
}

void loop() {
  uint8_t realtime = serial_take_realtime();
  if (realtime & SERIAL_RT_RESET) system_reboot();
  if (realtime & SERIAL_RT_ABORT) system_abort();
  if (realtime & SERIAL_RT_STATUS) report_status_push();

  safety_poll();
  protocol_poll();
  if (loadcell_poll()) {
    safety_on_reading();
    pull_on_reading();
    tare_on_reading();
  }
  thermo_poll();
  measure_poll();
  isolate_poll();
  insulate_poll();
  pull_poll();
  home_poll();
  heat_poll();
  tare_poll();
  idle_until_interrupt();
}
