#include "relays.h"
#include <Arduino.h>
#include "config.h"
#include "spi.h"

static uint8_t shadow_kelvin, shadow_drive, shadow_mux;

void relays_init() {
  PIN_OUTPUT(RIG_PINS_RELAY_LATCH);
  PIN_HIGH(RIG_PINS_RELAY_LATCH);
  relays_open_all();
}

void relays_set(uint8_t kelvin, uint8_t isoDrive, uint8_t isoMux) {
  PIN_LOW(RIG_PINS_RELAY_LATCH);
  spi_transfer(isoMux);    // byte 2: farthest from the MCU, shifted first
  spi_transfer(isoDrive);  // byte 1
  spi_transfer(kelvin);    // byte 0
  PIN_HIGH(RIG_PINS_RELAY_LATCH);
  shadow_kelvin = kelvin;
  shadow_drive = isoDrive;
  shadow_mux = isoMux;
}

void relays_open_all() { relays_set(0, 0, 0); }

void relays_select_pole(uint8_t pole) {
  relays_set(pole ? (uint8_t)(1u << (pole - 1)) : 0, 0, 0);
}

uint8_t relays_selected_pole() {
  for (uint8_t i = 0; i < 8; i++) {
    if (shadow_kelvin == (uint8_t)(1u << i)) return (uint8_t)(i + 1);
  }
  return 0;
}

