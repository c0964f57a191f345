#include "current.h"
#include <Arduino.h>
#include "config.h"
#include "spi.h"

static float setpoint_a;
static volatile bool enabled;
static uint32_t on_ms;

static void dac_write(uint16_t code) {
  uint16_t word = 0x3000u | (code & 0x0FFFu);  // unbuffered, gain 1x, active
  PIN_LOW(RIG_PINS_DAC_CS);
  spi_transfer((uint8_t)(word >> 8));
  spi_transfer((uint8_t)word);
  PIN_HIGH(RIG_PINS_DAC_CS);
}

void current_init() {
  PIN_LOW(RIG_PINS_CURRENT_ENABLE);
  PIN_OUTPUT(RIG_PINS_CURRENT_ENABLE);
  PIN_HIGH(RIG_PINS_DAC_CS);
  PIN_OUTPUT(RIG_PINS_DAC_CS);
}

uint16_t current_on(float amps) {
  float c = amps / DAC_FULL_SCALE_A * (float)DAC_MAX_CODE + 0.5f;
  uint16_t code = c <= 0 ? 0 : (c >= DAC_MAX_CODE ? DAC_MAX_CODE : (uint16_t)c);
  dac_write(code);
  setpoint_a = amps;
  PIN_HIGH(RIG_PINS_CURRENT_ENABLE);
  if (!enabled) on_ms = millis();
  enabled = true;
  return code;
}

void current_kill() {
  PIN_LOW(RIG_PINS_CURRENT_ENABLE);
  enabled = false;
}

void current_off() {
  current_kill();
  setpoint_a = 0;
  dac_write(0);
}

bool current_is_on() { return enabled; }
float current_setpoint_a() { return enabled ? setpoint_a : 0.0f; }
uint32_t current_on_ms() { return on_ms; }

float current_amps_from_adc(float adcCode) { return adcCode * ADC_VOLTS_PER_COUNT * SHUNT_A_PER_ADC_VOLT; }
float current_mv_from_adc(float adcCode) { return adcCode * ADC_VOLTS_PER_COUNT * SENSE_MV_PER_ADC_VOLT; }
