#include "thermo.h"
#include <Arduino.h>
#include "config.h"
#include "spi.h"

static float temp_c;
static bool fault;
static uint32_t last_ms;
static bool read_once;

void thermo_init() {
  PIN_HIGH(RIG_PINS_THERMO_CS);
  PIN_OUTPUT(RIG_PINS_THERMO_CS);
}

bool thermo_poll() {
  uint32_t now = millis();
  if (read_once && (uint32_t)(now - last_ms) < THERMO_PERIOD_MS) return false;
  read_once = true;
  last_ms = now;
  PIN_LOW(RIG_PINS_THERMO_CS);
  uint32_t frame = 0;
  for (uint8_t i = 0; i < 4; i++) frame = (frame << 8) | spi_transfer(0);
  PIN_HIGH(RIG_PINS_THERMO_CS);
  fault = (frame & 0x00010007UL) != 0;
  if (!fault) {
    int16_t raw = (int16_t)(frame >> 16) >> 2;  // signed 14 bits, 0.25 degC
    temp_c = raw * 0.25f;
  }
  return true;
}

uint32_t thermo_next_read_ms() { return read_once ? last_ms + THERMO_PERIOD_MS : millis(); }

float thermo_temp_c() { return temp_c; }
bool thermo_fault() { return fault; }
