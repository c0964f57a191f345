#include "measure.h"
#include <Arduino.h>
#include <math.h>
#include "adc.h"
#include "config.h"
#include "current.h"
#include "relays.h"
#include "report.h"
#include "safety.h"
#include "system.h"

#define PHASE_IDLE 0
#define PHASE_RELAY_SETTLE 1
#define PHASE_CURRENT_SETTLE 2
#define PHASE_SAMPLE 3

static uint8_t phase;
static uint8_t pole;
static float setpoint_a;
static uint16_t samples, taken;
static uint32_t sum_sense, sum_shunt;
// For the spread: sums of each conversion's distance from the channel's first one (shifted data, so the
// float variance below does not subtract two large, nearly equal numbers).
static uint16_t first_sense, first_shunt;
static int32_t dev_sense, dev_shunt;
static uint32_t dev2_sense, dev2_shunt;
static uint32_t phase_ms;
static bool on_shunt;

void measure_start(uint16_t id, uint8_t whichPole, float amps, uint16_t sampleCount) {
  system_begin_op(OP_MEASURE, id);
  pole = whichPole;
  setpoint_a = amps;
  samples = sampleCount;
  relays_select_pole(pole);
  phase_ms = millis();
  phase = PHASE_RELAY_SETTLE;
}

// Sample standard deviation in ADC counts from the shifted sums of `samples` conversions; 0 for one conversion.
static float spread_counts(int32_t dev, uint32_t dev2) {
  if (samples < 2) return 0.0f;
  float n = (float)samples;
  float variance = ((float)dev2 - (float)dev * (float)dev / n) / (n - 1.0f);
  return variance > 0.0f ? sqrtf(variance) : 0.0f;
}

// Add one conversion to a channel's sums.
static void accumulate(uint16_t code, uint32_t* sum, uint16_t* first, int32_t* dev, uint32_t* dev2) {
  if (taken == 0) *first = code;
  int16_t d = (int16_t)code - (int16_t)*first;
  *sum += code;
  *dev += d;
  *dev2 += (uint32_t)((int32_t)d * d);
}

static void finish() {
  current_off();
  phase = PHASE_IDLE;
  // The ADC truncates, so under dithering noise the mean code sits half an LSB below the input.
  float senseAdc = (float)sum_sense / samples + 0.5f;
  float shuntAdc = (float)sum_shunt / samples + 0.5f;
  float mv = current_mv_from_adc(senseAdc);
  float amps = current_amps_from_adc(shuntAdc);
  if (amps > (float)RIG_CURRENT_OVERCURRENT_RATIO * setpoint_a) {
    safety_raise(ALARM_OVERCURRENT, PSTR("currentA"), amps, 3);  // ends the op with error:10
    return;
  }
  uint16_t id = system_op_id();
  system_end_op();
  if (amps < (float)RIG_CURRENT_OPEN_CIRCUIT_RATIO * setpoint_a) {
    report_error(id, ERR_OPEN_CIRCUIT);
    return;
  }
  report_ok_begin(id);
  report_key(PSTR("pole"));
  report_u32(pole);
  report_key(PSTR("mv"));
  report_fixed(mv, 4);
  report_key(PSTR("mohm"));
  report_fixed(mv / amps, 4);
  report_key(PSTR("currentA"));
  report_fixed(amps, 3);
  // Both conversions are linear in the count with no offset, so a spread in counts scales like a reading.
  report_key(PSTR("mvSd"));
  report_fixed(current_mv_from_adc(spread_counts(dev_sense, dev2_sense)), 4);
  report_key(PSTR("aSd"));
  report_fixed(current_amps_from_adc(spread_counts(dev_shunt, dev2_shunt)), 4);
  report_end();
}

void measure_poll() {
  if (phase == PHASE_IDLE) return;
  uint32_t elapsed = millis() - phase_ms;
  switch (phase) {
    case PHASE_RELAY_SETTLE:
      if (elapsed < RIG_RELAYS_SETTLE_MS) return;
      current_on(setpoint_a);
      phase_ms = millis();
      phase = PHASE_CURRENT_SETTLE;
      return;
    case PHASE_CURRENT_SETTLE:
      if (elapsed < RIG_CURRENT_SETTLE_MS) return;
      sum_sense = sum_shunt = 0;
      dev_sense = dev_shunt = 0;
      dev2_sense = dev2_shunt = 0;
      taken = 0;
      on_shunt = false;
      adc_start(RIG_PINS_SENSE_ADC);
      phase = PHASE_SAMPLE;
      return;
    default:
      if (!adc_done()) return;
      if (on_shunt) {
        accumulate(adc_result(), &sum_shunt, &first_shunt, &dev_shunt, &dev2_shunt);
        if (++taken >= samples) { finish(); return; }
      } else {
        accumulate(adc_result(), &sum_sense, &first_sense, &dev_sense, &dev2_sense);
      }
      on_shunt = !on_shunt;
      adc_start(on_shunt ? RIG_PINS_SHUNT_ADC : RIG_PINS_SENSE_ADC);
      return;
  }
}

void measure_cancel(uint8_t alarmCode) {
  current_off();
  phase = PHASE_IDLE;
  report_error(system_op_id(), alarmCode ? ERR_ALARM_LOCKED : ERR_ABORTED);
}
