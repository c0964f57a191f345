#include "isolate.h"
#include <Arduino.h>
#include "adc.h"
#include "config.h"
#include "relays.h"
#include "report.h"
#include "system.h"

static bool running;
static uint8_t pole_count;
static uint8_t drive;        // driven pole index 0..n-1
static uint8_t node;         // 0..n-1 far terminals, n..2n-1 near ends
static uint32_t switched_ms;
static uint16_t settle_ms;
static uint8_t map_far[8];        // far terminal (1..n) reached by each pole, 0 = none
static uint8_t shorts[8];         // bit k of shorts[i]: near ends i and k connected (i < k)

// Mux channel of a node, or 0xFF for the driven pole's own near end (skipped).
static uint8_t node_channel(uint8_t n) {
  if (n < pole_count) return (uint8_t)(8 + n);
  uint8_t k = (uint8_t)(n - pole_count);
  return k == drive ? 0xFF : k;
}

// Switch to the current (drive, node), skipping the driven pole's own near end.
static void switch_node(bool newDrive) {
  while (node < 2 * pole_count && node_channel(node) == 0xFF) node++;
  if (node >= 2 * pole_count) return;
  relays_set(0, (uint8_t)(1u << drive), (uint8_t)(RELAYS_MUX_ENABLE | node_channel(node)));
  switched_ms = millis();
  settle_ms = newDrive ? RIG_RELAYS_SETTLE_MS : ISO_MUX_SETTLE_MS;
}

void isolate_start(uint16_t id, uint8_t poles) {
  system_begin_op(OP_ISOLATE, id);
  pole_count = poles;
  for (uint8_t i = 0; i < 8; i++) map_far[i] = shorts[i] = 0;
  drive = 0;
  node = 0;
  running = true;
  switch_node(true);
}

static void finish() {
  running = false;
  relays_open_all();
  uint16_t id = system_op_id();
  system_end_op();
  report_ok_begin(id);
  report_key(PSTR("map"));
  for (uint8_t i = 0; i < pole_count; i++) {
    if (i) report_char(',');
    report_u32(map_far[i]);
  }
  report_key(PSTR("shorts"));
  bool any = false;
  for (uint8_t i = 0; i < pole_count; i++) {
    for (uint8_t k = (uint8_t)(i + 1); k < pole_count; k++) {
      if (!(shorts[i] & (1u << k))) continue;
      if (any) report_char(',');
      report_u32(i + 1u);
      report_char('-');
      report_u32(k + 1u);
      any = true;
    }
  }
  if (!any) report_char('-');
  report_end();
}

void isolate_poll() {
  if (!running) return;
  if ((uint32_t)(millis() - switched_ms) < settle_ms) return;
  uint16_t sum = 0;
  uint8_t channel = node_channel(node);
  for (uint8_t i = 0; i < ISO_CONVERSIONS; i++) sum += adc_read_now(RIG_PINS_ISO_ADC);
  bool connected = sum > (uint16_t)(ISO_THRESHOLD_ADC * ISO_CONVERSIONS);
  if (connected) {
    if (channel >= 8) {
      // Through a short a pole reaches several terminals: report its own if it is among them
      // (the short is reported on its own), else the lowest.
      uint8_t far = (uint8_t)(channel - 8);
      if (!map_far[drive] || far == drive) map_far[drive] = (uint8_t)(far + 1);
    } else {
      uint8_t a = drive < channel ? drive : channel;
      uint8_t b = drive < channel ? channel : drive;
      shorts[a] |= (uint8_t)(1u << b);
    }
  }
  node++;
  bool newDrive = false;
  while (node < 2 * pole_count && node_channel(node) == 0xFF) node++;
  if (node >= 2 * pole_count) {
    node = 0;
    drive++;
    newDrive = true;
    if (drive >= pole_count) { finish(); return; }
  }
  switch_node(newDrive);
}

void isolate_cancel(uint8_t alarmCode) {
  running = false;
  relays_open_all();
  report_error(system_op_id(), alarmCode ? ERR_ALARM_LOCKED : ERR_ABORTED);
}
