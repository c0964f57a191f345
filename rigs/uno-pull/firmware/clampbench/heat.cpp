#include "heat.h"
#include <Arduino.h>
#include "adc.h"
#include "config.h"
#include "current.h"
#include "report.h"
#include "safety.h"

static bool active;
static float setpoint_a;
static uint32_t check_ms;
static uint16_t sum;
static uint8_t count;
static bool converting;

void heat_on(float amps) {
  setpoint_a = amps;
  current_on(amps);
  active = true;
  check_ms = millis();
  converting = false;
  count = 0;
  sum = 0;
}

void heat_off() {
  if (!active) return;
  active = false;
  converting = false;
  current_off();
}

bool heat_active() { return active; }

bool heat_next_check_ms(uint32_t* atMs) {
  if (!active) return false;
  if (converting) {
    *atMs = millis();
    return true;
  }
  // heat_poll waits for both: its period since the last check, and the current's settling
  uint32_t periodMs = check_ms + HEAT_CHECK_PERIOD_MS;
  uint32_t settledMs = current_on_ms() + RIG_CURRENT_SETTLE_MS;
  *atMs = (int32_t)(settledMs - periodMs) > 0 ? settledMs : periodMs;
  return true;
}

void heat_poll() {
  if (!active) return;
  if (!converting) {
    if ((uint32_t)(millis() - check_ms) < HEAT_CHECK_PERIOD_MS) return;
    if ((uint32_t)(millis() - current_on_ms()) < RIG_CURRENT_SETTLE_MS) return;
    adc_start(RIG_PINS_SHUNT_ADC);
    converting = true;
    return;
  }
  if (!adc_done()) return;
  sum += adc_result();
  converting = false;
  if (++count < HEAT_CHECK_CONVERSIONS) return;
  float amps = current_amps_from_adc((float)sum / count);
  sum = 0;
  count = 0;
  check_ms = millis();
  if (amps > (float)RIG_CURRENT_OVERCURRENT_RATIO * setpoint_a) safety_raise(ALARM_OVERCURRENT, PSTR("currentA"), amps, 3);
}
