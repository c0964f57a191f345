#include "insulate.h"
#include <Arduino.h>
#include <math.h>
#include "adc.h"
#include "config.h"
#include "relays.h"
#include "report.h"
#include "system.h"

enum Phase : uint8_t { PHASE_IDLE, PHASE_DRIVE, PHASE_PAIR };

static Phase phase;
static uint8_t pole_a;
static uint8_t pole_b;
static uint8_t taken;
static bool converting;
static uint32_t sum;
// The spread from deviations from the first reading: small numbers, so float keeps them exact.
static uint16_t first_reading;
static int32_t deviation_sum;
static uint32_t deviation_squares;
static uint32_t drive_sum;
static float drive_sd;
static uint32_t switched_ms;

static void switch_relays(uint8_t kelvin, uint8_t drive, uint8_t mux) {
  relays_set(kelvin, drive, (uint8_t)(RELAYS_MUX_INSULATION | mux));
  switched_ms = millis();
  taken = 0;
  sum = 0;
  deviation_sum = 0;
  deviation_squares = 0;
  converting = false;
}

void insulate_start(uint16_t id, uint8_t a, uint8_t b) {
  system_begin_op(OP_INSULATE, id);
  pole_a = a;
  pole_b = b;
  phase = PHASE_DRIVE;
  switch_relays(0, 0, 0);
}

// Standard deviation of one conversion, in counts, from the sums of the readings taken.
static float spread_counts() {
  float mean = (float)deviation_sum / INSUL_CONVERSIONS;
  float variance = ((float)deviation_squares - mean * (float)deviation_sum) / (INSUL_CONVERSIONS - 1);
  return variance > 0 ? sqrtf(variance) : 0.0f;
}

// Reply: the resistance in ohms and whether it lies in the rig's range; beyond it, the bound it lies beyond.
static void finish() {
  phase = PHASE_IDLE;
  relays_open_all();
  // +0.5: the ADC truncates, so the mean of noisy conversions sits half a count low.
  float node = (float)sum / INSUL_CONVERSIONS + 0.5f;
  float drive = (float)drive_sum / INSUL_CONVERSIONS + 0.5f;
  float gap = drive - node;
  float ohm = gap > 0 ? INSUL_REFERENCE_OHM * node / gap : INSUL_RANGE_HIGH_OHM * 2.0f;
  const char* range = PSTR("in");
  if (ohm > INSUL_RANGE_HIGH_OHM) {
    ohm = INSUL_RANGE_HIGH_OHM;
    range = PSTR("above");
  } else if (ohm < INSUL_RANGE_LOW_OHM) {
    ohm = INSUL_RANGE_LOW_OHM;
    range = PSTR("below");
  }
  uint16_t id = system_op_id();
  system_end_op();
  report_ok_begin(id);
  report_key(PSTR("a"));
  report_u32(pole_a);
  report_key(PSTR("b"));
  report_u32(pole_b);
  report_key(PSTR("ohm"));
  report_u32((uint32_t)(ohm + 0.5f));
  report_key(PSTR("range"));
  report_str_P(range);
  report_key(PSTR("sdPair"));
  report_fixed(spread_counts(), 2);
  report_key(PSTR("sdDrive"));
  report_fixed(drive_sd, 2);
  report_end();
}

void insulate_poll() {
  if (phase == PHASE_IDLE) return;
  if ((uint32_t)(millis() - switched_ms) < RIG_RELAYS_SETTLE_MS) return;
  if (!converting) {
    adc_start(RIG_PINS_ISO_ADC);
    converting = true;
    return;
  }
  if (!adc_done()) return;
  uint16_t reading = adc_result();
  if (taken == 0) first_reading = reading;
  int16_t deviation = (int16_t)reading - (int16_t)first_reading;
  sum += reading;
  deviation_sum += deviation;
  deviation_squares += (uint32_t)((int32_t)deviation * deviation);
  converting = false;
  if (++taken < INSUL_CONVERSIONS) return;
  if (phase == PHASE_PAIR) {
    finish();
    return;
  }
  drive_sum = sum;
  drive_sd = spread_counts();
  phase = PHASE_PAIR;
  uint8_t guard = (uint8_t)(RIG_POLES_MASK & ~(1u << (pole_a - 1)) & ~(1u << (pole_b - 1)));
  switch_relays(guard, (uint8_t)(1u << (pole_a - 1)), (uint8_t)(RELAYS_MUX_ENABLE | (pole_b - 1)));
}

void insulate_cancel(uint8_t alarmCode) {
  phase = PHASE_IDLE;
  relays_open_all();
  report_error(system_op_id(), alarmCode ? ERR_ALARM_LOCKED : ERR_ABORTED);
}
