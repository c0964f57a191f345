#include "commands.h"
#include <Arduino.h>
#include "config.h"
#include "current.h"
#include "heat.h"
#include "home.h"
#include "protocol.h"
#include "insulate.h"
#include "isolate.h"
#include "loadcell.h"
#include "measure.h"
#include "pull.h"
#include "relays.h"
#include "report.h"
#include "safety.h"
#include "settings.h"
#include "stepper.h"
#include "system.h"
#include "tare.h"
#include "thermo.h"

// The table of arguments, ranges, defaults, the interlock order, SET and SETTINGS is generated from
// firmware-protocol/commands.yaml (commands_table.cpp); command_check.cpp dispatches and checks by it.
// Here: the interlock predicates the firmware has nowhere else, and the handlers, which run once
// every check has passed.

// ---------------- interlocks ----------------

bool commands_no_pole() { return !relays_selected_pole(); }
bool commands_moving() { return stepper_moving() || system_long_op(); }
bool commands_busy() { return system_op() != OP_NONE; }
bool commands_loadcell_stale() {
  return !loadcell_has_reading() || (uint32_t)(millis() - loadcell_last_ms()) > LOADCELL_TIMEOUT_MS;
}
bool commands_uncalibrated() { return settings.calDate == 0; }

// ---------------- immediate commands ----------------

uint8_t cmd_ping(uint16_t id, uint8_t, const ArgValue*) {
  report_ok(id);
  return 0;
}

uint8_t cmd_info(uint16_t id, uint8_t, const ArgValue*) {
  uint16_t lastId = protocol_newest_id();  // before this request's own id is remembered
  report_ok_begin(id);
  report_key(PSTR("fw"));
  report_str_P(PSTR(FW_VERSION));
  report_key(PSTR("proto"));
  report_u32(PROTOCOL_MAJOR);
  report_char('.');
  report_u32(PROTOCOL_MINOR);
  report_key(PSTR("rig"));
  report_str(settings.rigId);
  report_key(PSTR("board"));
  report_str_P(PSTR(RIG_BOARD_NAME));
  report_key(PSTR("poles"));
  report_u32(RIG_POLES);
  report_key(PSTR("caps"));
  report_str_P(PSTR("vdrop,iso,insul,pull,home,heat,temp"));
  report_key(PSTR("calDate"));
  report_u32(settings.calDate);
  report_key(PSTR("settings"));
  report_u32(SETTINGS_VERSION);
  report_key(PSTR("lastId"));
  report_u32(lastId);
  report_end();
  return 0;
}

uint8_t cmd_limits(uint16_t id, uint8_t, const ArgValue*) {
  report_ok_begin(id);
  report_key(PSTR("forceCapN"));
  report_compact(FORCE_CAP_N);
  report_key(PSTR("capacityN"));
  report_compact(CAPACITY_N);
  report_key(PSTR("maxCurrentA"));
  report_compact(MAX_TEST_CURRENT_A);
  report_key(PSTR("maxSpeedMmps"));
  report_compact((float)RIG_MOTION_MAX_SPEED_MMPS);
  report_key(PSTR("approachMmps"));
  report_compact((float)RIG_MOTION_APPROACH_SPEED_MMPS);
  report_key(PSTR("travelMm"));
  report_compact((float)RIG_MOTION_TRAVEL_MM);
  report_key(PSTR("maxTempC"));
  report_compact((float)RIG_THERMO_TEMP_LIMIT_C);
  report_key(PSTR("sampleHz"));
  report_compact((float)RIG_LOADCELL_RATE_HZ);
  report_key(PSTR("maxSlackMm"));
  report_compact((float)RIG_MOTION_MAX_SLACK_MM);
  report_end();
  return 0;
}

uint8_t cmd_result(uint16_t id, uint8_t, const ArgValue*) {
  report_ok_begin(id);
  report_last_done();
  report_end();
  return 0;
}

uint8_t cmd_status(uint16_t id, uint8_t, const ArgValue*) {
  report_ok_begin(id);
  report_status_fields(true);
  report_end();
  return 0;
}

uint8_t cmd_pole(uint16_t id, uint8_t, const ArgValue* v) {
  uint8_t pole = (uint8_t)v[ARG_POLE_POLE].i;
  relays_select_pole(pole);
  report_ok_begin(id);
  report_key(PSTR("pole"));
  report_u32(pole);
  report_end();
  return 0;
}

uint8_t cmd_heat(uint16_t id, uint8_t, const ArgValue* v) {
  float amps = v[ARG_HEAT_CURRENT_A].f;
  if (amps == 0) heat_off();
  else heat_on(amps);
  report_ok_begin(id);
  report_key(PSTR("currentA"));
  report_fixed(amps, 3);
  report_end();
  return 0;
}

uint8_t cmd_temp(uint16_t id, uint8_t, const ArgValue*) {
  report_ok_begin(id);
  report_key(PSTR("tempC"));
  report_fixed(thermo_temp_c(), 2);
  report_end();
  return 0;
}

uint8_t cmd_reset(uint16_t id, uint8_t, const ArgValue*) {
  safety_reset();
  report_ok(id);
  return 0;
}

uint8_t cmd_help(uint16_t id, uint8_t, const ArgValue*) {
  report_msg_P(COMMANDS_HELP_TEXT);
  report_ok(id);
  return 0;
}

// ---------------- operations ----------------

uint8_t cmd_vdrop(uint16_t id, uint8_t, const ArgValue* v) {
  measure_start(id, (uint8_t)v[ARG_VDROP_POLE].i, v[ARG_VDROP_CURRENT_A].f, (uint16_t)v[ARG_VDROP_SAMPLES].i);
  return 0;
}

uint8_t cmd_iso(uint16_t id, uint8_t, const ArgValue* v) {
  isolate_start(id, (uint8_t)v[ARG_ISO_POLES].i);
  return 0;
}

uint8_t cmd_insul(uint16_t id, uint8_t, const ArgValue* v) {
  uint8_t a = (uint8_t)v[ARG_INSUL_A].i;
  uint8_t b = (uint8_t)v[ARG_INSUL_B].i;
  if (a == b) return ERR_OUT_OF_RANGE;
  insulate_start(id, a, b);
  return 0;
}

uint8_t cmd_pull(uint16_t id, uint8_t, const ArgValue* v) {
  pull_start(id, v[ARG_PULL_TARGET_N].f, v[ARG_PULL_RATE_NPS].f, (uint32_t)v[ARG_PULL_HOLD_MS].i, v[ARG_PULL_PRELOAD_N].f,
             v[ARG_PULL_APPROACH_MMPS].f);
  return 0;
}

uint8_t cmd_home(uint16_t id, uint8_t, const ArgValue*) {
  home_start(id);
  return 0;
}

uint8_t cmd_tare(uint16_t id, uint8_t, const ArgValue*) {
  tare_start(id, 0);
  return 0;
}

uint8_t cmd_span(uint16_t id, uint8_t, const ArgValue* v) {
  tare_start(id, v[ARG_SPAN_KNOWN_N].f);
  return 0;
}
