#include "system.h"
#include <avr/interrupt.h>
#include <avr/wdt.h>
#include "codes.h"
#include "current.h"
#include "heat.h"
#include "home.h"
#include "insulate.h"
#include "isolate.h"
#include "loadcell.h"
#include "measure.h"
#include "pull.h"
#include "relays.h"
#include "report.h"
#include "safety.h"
#include "stepper.h"
#include "tare.h"

static uint8_t running_op;
static uint16_t running_id;

void system_begin_op(uint8_t op, uint16_t id) {
  running_op = op;
  running_id = id;
}

void system_end_op() {
  running_op = OP_NONE;
  running_id = 0;
}

uint8_t system_op() { return running_op; }
uint16_t system_op_id() { return running_id; }
bool system_long_op() { return running_op == OP_PULL || running_op == OP_HOME; }
bool system_short_op() { return running_op != OP_NONE && !system_long_op(); }

uint8_t system_state() {
  if (safety_alarms() & ALARM_LATCHING_MASK) return STATE_ALARM;
  switch (running_op) {
    case OP_MEASURE: return STATE_MEASURE;
    case OP_ISOLATE:
    case OP_INSULATE: return STATE_ISOLATE;
    case OP_TARE: return STATE_TARE;
    case OP_PULL: return STATE_PULL;
    case OP_HOME: return STATE_HOME;
    default: break;
  }
  return heat_active() ? STATE_HEAT : STATE_IDLE;
}

void system_cancel_op(uint8_t alarmCode) {
  switch (running_op) {
    case OP_MEASURE: measure_cancel(alarmCode); break;
    case OP_ISOLATE: isolate_cancel(alarmCode); break;
    case OP_INSULATE: insulate_cancel(alarmCode); break;
    case OP_TARE: tare_cancel(alarmCode); break;
    case OP_PULL: pull_cancel(alarmCode); break;
    case OP_HOME: home_cancel(alarmCode); break;
    default: break;
  }
  system_end_op();
}

void system_abort() {
  stepper_disable();
  current_off();
  heat_off();
  bool wasRunning = running_op != OP_NONE;
  system_cancel_op(0);
  relays_open_all();
  if (!wasRunning) report_msg_P(PSTR("aborted"));
}

void system_reboot() {
  stepper_disable();
  current_kill();
  cli();
  wdt_enable(WDTO_15MS);
  for (;;) {
  }
}
