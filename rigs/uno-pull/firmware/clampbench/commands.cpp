#include "commands.h"
#include <Arduino.h>
#include <string.h>
#include "config.h"
#include "current.h"
#include "heat.h"
#include "home.h"
#include "isolate.h"
#include "loadcell.h"
#include "measure.h"
#include "protocol.h"
#include "pull.h"
#include "relays.h"
#include "report.h"
#include "safety.h"
#include "settings.h"
#include "stepper.h"
#include "system.h"
#include "tare.h"
#include "thermo.h"

// Error code, or 0 when the handler sent its reply / started an operation that will.
typedef uint8_t (*Handler)(uint16_t id, uint8_t argc, char** argv);

struct Command {
  char name[9];
  uint8_t minArgs;
  uint8_t maxArgs;
  Handler handler;
};

// ---------------- shared checks ----------------

static bool moving() { return stepper_moving() || system_long_op(); }

// Busy rule of PROTOCOL 2.1: a short op admits PING/STATUS only; a long op also INFO, TEMP, SETTINGS.
static uint8_t busy(bool readOnlyDuringLong) {
  if (system_short_op()) return ERR_BUSY;
  if (system_long_op() && !readOnlyDuringLong) return ERR_BUSY;
  return 0;
}

// Parse every argument as a number (BAD_NUMBER before any range check).
static uint8_t parse_all(uint8_t argc, char** argv, float* values) {
  for (uint8_t i = 0; i < argc; i++) {
    uint8_t err = protocol_parse_number(argv[i], &values[i]);
    if (err) return err;
  }
  return 0;
}

static bool in_range(float v, float lo, float hi) { return v >= lo && v <= hi; }

// A whole number as written: `1.0` is, `99999999.9` is not (although its float rounds to one).
static bool is_whole(const char* text) {
  int32_t v;
  return protocol_parse_integer(text, &v) == 0;
}

// ---------------- immediate commands ----------------

static uint8_t cmd_ping(uint16_t id, uint8_t, char**) {
  report_ok(id);
  return 0;
}

static uint8_t cmd_info(uint16_t id, uint8_t, char**) {
  if (uint8_t e = busy(true)) return e;
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
  report_str_P(PSTR("vdrop,iso,pull,home,heat,temp"));
  report_key(PSTR("forceCapN"));
  report_compact(FORCE_CAP_N);
  report_key(PSTR("capacityN"));
  report_compact(CAPACITY_N);
  report_key(PSTR("maxCurrentA"));
  report_compact(MAX_TEST_CURRENT_A);
  report_key(PSTR("maxSpeedMmps"));
  report_compact((float)RIG_MOTION_MAX_SPEED_MMPS);
  report_key(PSTR("travelMm"));
  report_compact((float)RIG_MOTION_TRAVEL_MM);
  report_key(PSTR("calDate"));
  report_u32(settings.calDate);
  report_key(PSTR("settings"));
  report_u32(SETTINGS_VERSION);
  report_end();
  return 0;
}

static uint8_t cmd_status(uint16_t id, uint8_t, char**) {
  report_ok_begin(id);
  report_status_fields(true);
  report_end();
  return 0;
}

static uint8_t cmd_pole(uint16_t id, uint8_t, char** argv) {
  int32_t pole;
  if (uint8_t e = protocol_parse_integer(argv[0], &pole)) return e;
  if (pole < 0 || pole > RIG_POLES) return ERR_OUT_OF_RANGE;
  if (safety_locked()) return ERR_ALARM_LOCKED;
  if (current_is_on()) return ERR_CURRENT_ON;
  if (uint8_t e = busy(false)) return e;
  relays_select_pole((uint8_t)pole);
  report_ok_begin(id);
  report_key(PSTR("pole"));
  report_u32((uint32_t)pole);
  report_end();
  return 0;
}

static uint8_t cmd_heat(uint16_t id, uint8_t argc, char** argv) {
  float amps;
  if (uint8_t e = parse_all(argc, argv, &amps)) return e;
  if (amps != 0 && !in_range(amps, 0.1f, MAX_TEST_CURRENT_A)) return ERR_OUT_OF_RANGE;
  if (amps != 0) {
    if (safety_locked()) return ERR_ALARM_LOCKED;
    if (!relays_selected_pole()) return ERR_NO_POLE_SELECTED;
    if (moving()) return ERR_MOVING;
    if (safety_guard_open()) return ERR_GUARD_OPEN;
  } else if (moving()) {
    return ERR_MOVING;
  }
  if (uint8_t e = busy(false)) return e;
  if (amps == 0) heat_off();
  else heat_on(amps);
  report_ok_begin(id);
  report_key(PSTR("currentA"));
  report_fixed(amps, 3);
  report_end();
  return 0;
}

static uint8_t cmd_temp(uint16_t id, uint8_t, char**) {
  if (uint8_t e = busy(true)) return e;
  report_ok_begin(id);
  report_key(PSTR("tempC"));
  report_fixed(thermo_temp_c(), 2);
  report_end();
  return 0;
}

// ---------------- settings ----------------

#define SET_RIG_ID 0
#define SET_WATCHDOG_MS 1
#define SET_SLIP_LIMIT_MM 2
#define SET_TEMP_LIMIT_C 3
#define SET_TARE_COUNTS 4
#define SET_COUNTS_PER_N 5
#define SET_CAL_DATE 6
#define SET_COUNT 7

static const char SETNAME_0[] PROGMEM = "rigId";
static const char SETNAME_1[] PROGMEM = "watchdogMs";
static const char SETNAME_2[] PROGMEM = "slipLimitMm";
static const char SETNAME_3[] PROGMEM = "tempLimitC";
static const char SETNAME_4[] PROGMEM = "tareCounts";
static const char SETNAME_5[] PROGMEM = "countsPerN";
static const char SETNAME_6[] PROGMEM = "calDate";
static const char* const SETTING_NAMES[SET_COUNT] PROGMEM = {SETNAME_0, SETNAME_1, SETNAME_2, SETNAME_3,
                                                             SETNAME_4, SETNAME_5, SETNAME_6};

static void report_setting(uint8_t index) {
  report_key((const char*)pgm_read_word(&SETTING_NAMES[index]));
  switch (index) {
    case SET_RIG_ID: report_str(settings.rigId); break;
    case SET_WATCHDOG_MS: report_u32(settings.watchdogMs); break;
    case SET_SLIP_LIMIT_MM: report_fixed(settings.slipLimitMm, 3); break;
    case SET_TEMP_LIMIT_C: report_fixed(settings.tempLimitC, 2); break;
    case SET_TARE_COUNTS: report_i32(settings.tareCounts); break;
    case SET_COUNTS_PER_N: report_fixed(settings.countsPerN, 3); break;
    default: report_u32(settings.calDate); break;
  }
}

static uint8_t cmd_settings(uint16_t id, uint8_t, char**) {
  if (uint8_t e = busy(true)) return e;
  report_ok_begin(id);
  for (uint8_t i = 0; i < SET_COUNT; i++) report_setting(i);
  report_end();
  return 0;
}

static uint8_t cmd_set(uint16_t id, uint8_t, char** argv) {
  uint8_t index = 0;
  while (index < SET_COUNT && strcasecmp_P(argv[0], (const char*)pgm_read_word(&SETTING_NAMES[index])) != 0) index++;
  if (index == SET_COUNT) return ERR_UNKNOWN_SETTING;
  Settings next = settings;
  const char* text = argv[1];
  if (index == SET_RIG_ID) {
    if (!settings_valid_rig_id(text)) return ERR_OUT_OF_RANGE;
    strcpy(next.rigId, text);
  } else if (index == SET_TARE_COUNTS || index == SET_WATCHDOG_MS || index == SET_CAL_DATE) {
    int32_t v;
    if (uint8_t e = protocol_parse_integer(text, &v)) return e;
    if (index == SET_TARE_COUNTS) {
      if (v < -8388608L || v > 8388607L) return ERR_OUT_OF_RANGE;
      next.tareCounts = v;
    } else if (index == SET_WATCHDOG_MS) {
      if (v < LIMIT_WATCHDOG_MS_MIN || v > LIMIT_WATCHDOG_MS_MAX) return ERR_OUT_OF_RANGE;
      next.watchdogMs = (uint16_t)v;
    } else {
      if (v != 0 && (v < 19000101L || v > 99991231L)) return ERR_OUT_OF_RANGE;
      next.calDate = (uint32_t)v;
    }
  } else {
    float v;
    if (uint8_t e = protocol_parse_number(text, &v)) return e;
    if (index == SET_SLIP_LIMIT_MM) {
      if (!in_range(v, 0.01f, 10.0f)) return ERR_OUT_OF_RANGE;
      next.slipLimitMm = v;
    } else if (index == SET_TEMP_LIMIT_C) {
      if (!in_range(v, 0.0f, (float)RIG_THERMO_TEMP_LIMIT_C)) return ERR_OUT_OF_RANGE;
      next.tempLimitC = v;
    } else {
      if (!(v > 0)) return ERR_OUT_OF_RANGE;
      next.countsPerN = v;
    }
  }
  if (uint8_t e = busy(false)) return e;
  settings = next;
  if (!settings_store()) return ERR_EEPROM_FAILED;
  report_ok_begin(id);
  report_setting(index);
  report_end();
  return 0;
}

// ---------------- operations ----------------

static uint8_t cmd_vdrop(uint16_t id, uint8_t argc, char** argv) {
  float v[3];
  if (uint8_t e = parse_all(argc, argv, v)) return e;
  if (!is_whole(argv[0]) || (argc > 2 && !is_whole(argv[2]))) return ERR_BAD_NUMBER;
  if (!in_range(v[0], 1, RIG_POLES)) return ERR_OUT_OF_RANGE;
  if (!in_range(v[1], 0.1f, MAX_TEST_CURRENT_A)) return ERR_OUT_OF_RANGE;
  uint16_t samples = LIMIT_VDROP_SAMPLES_DEFAULT;
  if (argc > 2) {
    if (!in_range(v[2], 1, LIMIT_VDROP_SAMPLES_MAX)) return ERR_OUT_OF_RANGE;
    samples = (uint16_t)v[2];
  }
  if (safety_locked()) return ERR_ALARM_LOCKED;
  if (current_is_on()) return ERR_CURRENT_ON;
  if (moving()) return ERR_MOVING;
  if (safety_guard_open()) return ERR_GUARD_OPEN;
  if (uint8_t e = busy(false)) return e;
  measure_start(id, (uint8_t)v[0], v[1], samples);
  return 0;
}

static uint8_t cmd_iso(uint16_t id, uint8_t argc, char** argv) {
  int32_t poles;
  if (uint8_t e = protocol_parse_integer(argv[0], &poles)) return e;
  if (poles < 1 || poles > RIG_POLES) return ERR_OUT_OF_RANGE;
  if (safety_locked()) return ERR_ALARM_LOCKED;
  if (current_is_on()) return ERR_CURRENT_ON;
  if (uint8_t e = busy(false)) return e;
  isolate_start(id, (uint8_t)poles);
  return 0;
}

static uint8_t cmd_pull(uint16_t id, uint8_t argc, char** argv) {
  float v[5];
  if (uint8_t e = parse_all(argc, argv, v)) return e;
  if (!is_whole(argv[2])) return ERR_BAD_NUMBER;
  float target = v[0], rate = v[1], hold = v[2];
  float preload = argc > 3 ? v[3] : ((float)LIMIT_PRELOAD_N_DEFAULT < target ? (float)LIMIT_PRELOAD_N_DEFAULT : target);
  float approach = argc > 4 ? v[4] : (float)RIG_MOTION_APPROACH_SPEED_MMPS;
  if (!in_range(target, 1, FORCE_CAP_N)) return ERR_OUT_OF_RANGE;
  if (!in_range(rate, (float)LIMIT_PULL_RATE_NPS_MIN, (float)LIMIT_PULL_RATE_NPS_MAX)) return ERR_OUT_OF_RANGE;
  if (!in_range(hold, 0, (float)LIMIT_PULL_HOLD_MS_MAX)) return ERR_OUT_OF_RANGE;
  if (!in_range(preload, 0.1f, target)) return ERR_OUT_OF_RANGE;
  if (!in_range(approach, 0.01f, (float)RIG_MOTION_MAX_SPEED_MMPS)) return ERR_OUT_OF_RANGE;
  if (safety_locked()) return ERR_ALARM_LOCKED;
  if (current_is_on()) return ERR_CURRENT_ON;
  if (safety_guard_open()) return ERR_GUARD_OPEN;
  if (uint8_t e = busy(false)) return e;
  if (!loadcell_has_reading() || (uint32_t)(millis() - loadcell_last_ms()) > LOADCELL_TIMEOUT_MS) return ERR_LOADCELL_NOT_READY;
  pull_start(id, target, rate, (uint32_t)hold, preload, approach);
  return 0;
}

static uint8_t cmd_home(uint16_t id, uint8_t, char**) {
  if (safety_locked()) return ERR_ALARM_LOCKED;
  if (current_is_on()) return ERR_CURRENT_ON;
  if (safety_guard_open()) return ERR_GUARD_OPEN;
  if (uint8_t e = busy(false)) return e;
  home_start(id);
  return 0;
}

static uint8_t cmd_tare(uint16_t id, uint8_t, char**) {
  if (uint8_t e = busy(false)) return e;
  tare_start(id, 0);
  return 0;
}

static uint8_t cmd_span(uint16_t id, uint8_t argc, char** argv) {
  float known;
  if (uint8_t e = parse_all(argc, argv, &known)) return e;
  if (!in_range(known, 1, CAPACITY_N)) return ERR_OUT_OF_RANGE;
  if (uint8_t e = busy(false)) return e;
  tare_start(id, known);
  return 0;
}

static uint8_t cmd_reset(uint16_t id, uint8_t, char**) {
  if (safety_estop_pressed()) return ERR_ESTOP_ACTIVE;
  if (uint8_t e = busy(false)) return e;
  safety_reset();
  report_ok(id);
  return 0;
}

static uint8_t cmd_help(uint16_t id, uint8_t, char**) {
  if (uint8_t e = busy(false)) return e;
  report_msg_P(PSTR("PING INFO STATUS POLE VDROP ISO PULL HOME HEAT TEMP TARE SPAN SET SETTINGS RESET HELP"));
  report_ok(id);
  return 0;
}

static const Command COMMANDS[] PROGMEM = {
    {"PING", 0, 0, cmd_ping},     {"INFO", 0, 0, cmd_info},     {"STATUS", 0, 0, cmd_status},
    {"POLE", 1, 1, cmd_pole},     {"VDROP", 2, 3, cmd_vdrop},   {"ISO", 1, 1, cmd_iso},
    {"PULL", 3, 5, cmd_pull},     {"HOME", 0, 0, cmd_home},     {"HEAT", 1, 1, cmd_heat},
    {"TEMP", 0, 0, cmd_temp},     {"TARE", 0, 0, cmd_tare},     {"SPAN", 1, 1, cmd_span},
    {"SET", 2, 2, cmd_set},       {"SETTINGS", 0, 0, cmd_settings}, {"RESET", 0, 0, cmd_reset},
    {"HELP", 0, 0, cmd_help},
};

void commands_execute(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany) {
  for (uint8_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++) {
    if (strcmp_P(name, COMMANDS[i].name) != 0) continue;
    uint8_t minArgs = pgm_read_byte(&COMMANDS[i].minArgs);
    uint8_t maxArgs = pgm_read_byte(&COMMANDS[i].maxArgs);
    uint8_t err;
    if (argc < minArgs) err = ERR_MISSING_ARGUMENT;
    else if (tooMany || argc > maxArgs) err = ERR_TOO_MANY_ARGUMENTS;
    else err = ((Handler)pgm_read_word(&COMMANDS[i].handler))(id, argc, argv);
    if (err) report_error(id, err);
    return;
  }
  report_error(id, ERR_UNKNOWN_COMMAND);
}
