#include "tare.h"
#include <Arduino.h>
#include "config.h"
#include "loadcell.h"
#include "report.h"
#include "settings.h"
#include "system.h"

static bool running;
static float known_n;
static int32_t sum;
static uint8_t count;
static uint32_t start_ms;

void tare_start(uint16_t id, float knownN) {
  system_begin_op(OP_TARE, id);
  known_n = knownN;
  sum = 0;
  count = 0;
  start_ms = millis();
  running = true;
}

static void finish() {
  running = false;
  uint16_t id = system_op_id();
  system_end_op();
  int32_t avg = (sum + (sum >= 0 ? TARE_READINGS / 2 : -(TARE_READINGS / 2))) / TARE_READINGS;
  if (known_n == 0) {
    settings.tareCounts = avg;
    if (!settings_store()) { report_error(id, ERR_EEPROM_FAILED); return; }
    report_ok_begin(id);
    report_key(PSTR("tareCounts"));
    report_i32(avg);
  } else {
    float countsPerN = (float)(avg - settings.tareCounts) / known_n;
    // A span far from the cell's nominal sensitivity means no (or the wrong) weight is on the cell.
    const float nominal = RIG_LOADCELL_DEFAULT_COUNTS_PER_N;
    if (!(countsPerN >= nominal / LIMIT_SPAN_PLAUSIBLE_RATIO && countsPerN <= nominal * LIMIT_SPAN_PLAUSIBLE_RATIO)) {
      report_error(id, ERR_OUT_OF_RANGE);
      return;
    }
    settings.countsPerN = countsPerN;
    if (!settings_store()) { report_error(id, ERR_EEPROM_FAILED); return; }
    report_ok_begin(id);
    report_key(PSTR("countsPerN"));
    report_fixed(countsPerN, 3);
  }
  report_end();
}

void tare_on_reading() {
  if (!running) return;
  sum += loadcell_counts();
  if (++count >= TARE_READINGS) finish();
}

void tare_poll() {
  if (!running) return;
  if ((uint32_t)(millis() - start_ms) > TARE_TIMEOUT_MS) {
    running = false;
    uint16_t id = system_op_id();
    system_end_op();
    report_error(id, ERR_LOADCELL_NOT_READY);
  }
}

void tare_cancel(uint8_t alarmCode) {
  running = false;
  report_error(system_op_id(), alarmCode ? ERR_ALARM_LOCKED : ERR_ABORTED);
}
