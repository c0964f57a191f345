// Generated from firmware-protocol/commands.yaml (npm run codegen). Do not edit.
// The tables command_check.cpp checks requests against, the HELP line, and the settings: the
// text checks, reporting, SET and SETTINGS.
#include "commands_table.h"
#include <string.h>
#include "codes.h"
#include "config.h"
#include "report.h"
#include "settings.h"

#if A_INTEGER != 0x01 || A_OR_ZERO != 0x02 || K_POOL != 1 || K_ARG != 2 || K_POOL_EXCLUSIVE != 3
#error command_check.h encodes ArgSpec flags otherwise than render-commands-c-common.ts
#endif

const int32_t COMMANDS_INT_POOL[] PROGMEM = {
  0,  // POLE pole min, PULL holdMs min, calCheck min
  RIG_POLES,  // POLE pole max, VDROP pole max, ISO poles max, INSUL a max, INSUL b max
  1,  // VDROP pole min, VDROP samples min, ISO poles min, INSUL a min, INSUL b min
  1024,  // VDROP samples max
  256,  // VDROP samples default
  600000UL,  // PULL holdMs max
  50,  // watchdogMs min
  5000,  // watchdogMs max
  -8388608L,  // tareCounts min
  8388607UL,  // tareCounts max
  19000101UL,  // calDate min
  99991231UL,  // calDate max
  65535UL,  // calCheck max
};
const float COMMANDS_FLOAT_POOL[] PROGMEM = {
  0.1f,  // VDROP currentA min, PULL rateNps min, PULL preloadN min, HEAT currentA min
  ((float)RIG_CURRENT_MAX_TEST_CURRENT_A),  // VDROP currentA max, HEAT currentA max
  1.0f,  // PULL targetN min, SPAN knownN min
  ((float)RIG_FORCE_CAP_N),  // PULL targetN max
  200.0f,  // PULL rateNps max
  2.0f,  // PULL preloadN default
  0.01f,  // PULL approachMmps min, slipLimitMm min
  ((float)RIG_MOTION_MAX_SPEED_MMPS),  // PULL approachMmps max
  ((float)RIG_MOTION_APPROACH_SPEED_MMPS),  // PULL approachMmps default
  ((float)RIG_LOADCELL_CAPACITY_N),  // SPAN knownN max
  10.0f,  // slipLimitMm max
  0.0f,  // tempLimitC min, countsPerN > min
  ((float)RIG_THERMO_TEMP_LIMIT_C),  // tempLimitC max
};

const ArgSpec COMMANDS_ARG_SPECS[] PROGMEM = {
  {0x15, 0, 1, 0},  // 0 POLE pole: integer 0..RIG_POLES
  {0x15, 2, 1, 0},  // 1 VDROP pole: integer 1..RIG_POLES
  {0x14, 0, 1, 0},  // 2 VDROP currentA: decimal 0.1..RIG_CURRENT_MAX_TEST_CURRENT_A
  {0x55, 2, 3, 4},  // 3 VDROP samples: integer 1..1024, default 256
  {0x15, 2, 1, 0},  // 4 ISO poles: integer 1..RIG_POLES
  {0x14, 2, 3, 0},  // 5 PULL targetN: decimal 1..RIG_FORCE_CAP_N
  {0x14, 0, 4, 0},  // 6 PULL rateNps: decimal 0.1..200
  {0x15, 0, 5, 0},  // 7 PULL holdMs: integer 0..600000
  {0x64, 0, 0, 5},  // 8 PULL preloadN: decimal 0.1..arg targetN, default 2
  {0x54, 6, 7, 8},  // 9 PULL approachMmps: decimal 0.01..RIG_MOTION_MAX_SPEED_MMPS, default RIG_MOTION_APPROACH_SPEED_MMPS
  {0x16, 0, 1, 0},  // 10 HEAT currentA: decimal 0.1..RIG_CURRENT_MAX_TEST_CURRENT_A or 0
  {0x14, 2, 9, 0},  // 11 SPAN knownN: decimal 1..RIG_LOADCELL_CAPACITY_N
  {0x15, 2, 1, 0},  // 12 INSUL a: integer 1..RIG_POLES
  {0x15, 2, 1, 0},  // 13 INSUL b: integer 1..RIG_POLES
  {0x00, 0, 0, 0},  // 14 rigId: text (checked by commands_text_setting_valid)
  {0x15, 6, 7, 0},  // 15 watchdogMs: integer 50..5000
  {0x14, 6, 10, 0},  // 16 slipLimitMm: decimal 0.01..10
  {0x14, 11, 12, 0},  // 17 tempLimitC: decimal 0..RIG_THERMO_TEMP_LIMIT_C
  {0x15, 8, 9, 0},  // 18 tareCounts: integer -8388608..8388607
  {0x0C, 11, 0, 0},  // 19 countsPerN: decimal >0..
  {0x17, 10, 11, 0},  // 20 calDate: integer 19000101..99991231 or 0
  {0x15, 0, 12, 0},  // 21 calCheck: integer 0..65535
};
#define SETTING_SPECS_FIRST 14

const uint8_t COMMANDS_GATES[] PROGMEM = {
  0x07,  // INFO: busyShort
  0x07,  // LIMITS: busyShort
  0x01,  // POLE: alarm
  0x03,  // POLE: current
  0x06,  // POLE: busy
  0x01,  // VDROP: alarm
  0x03,  // VDROP: current
  0x04,  // VDROP: moving
  0x05,  // VDROP: guard
  0x06,  // VDROP: busy
  0x01,  // ISO: alarm
  0x03,  // ISO: current
  0x06,  // ISO: busy
  0x01,  // PULL: alarm
  0x03,  // PULL: current
  0x05,  // PULL: guard
  0x06,  // PULL: busy
  0x08,  // PULL: loadCell
  0x09,  // PULL: uncalibrated
  0x0A,  // PULL: notHomed
  0x01,  // HOME: alarm
  0x03,  // HOME: current
  0x05,  // HOME: guard
  0x06,  // HOME: busy
  0x11,  // HEAT: alarm unless currentA is 0
  0x12,  // HEAT: noPole unless currentA is 0
  0x04,  // HEAT: moving
  0x15,  // HEAT: guard unless currentA is 0
  0x06,  // HEAT: busy
  0x07,  // TEMP: busyShort
  0x06,  // TARE: busy
  0x06,  // SPAN: busy
  0x06,  // SET: busy
  0x07,  // SETTINGS: busyShort
  0x00,  // RESET: estop
  0x05,  // RESET: guard
  0x06,  // RESET: busy
  0x06,  // HELP: busy
  0x01,  // INSUL: alarm
  0x03,  // INSUL: current
  0x06,  // INSUL: busy
};

const Interlock COMMANDS_INTERLOCKS[] PROGMEM = {
  {safety_estop_pressed, ERR_ESTOP_ACTIVE},  // estop
  {safety_locked, ERR_ALARM_LOCKED},  // alarm
  {commands_no_pole, ERR_NO_POLE_SELECTED},  // noPole
  {current_is_on, ERR_CURRENT_ON},  // current
  {commands_moving, ERR_MOVING},  // moving
  {safety_guard_open, ERR_GUARD_OPEN},  // guard
  {commands_busy, ERR_BUSY},  // busy
  {system_short_op, ERR_BUSY},  // busyShort
  {commands_loadcell_stale, ERR_LOADCELL_NOT_READY},  // loadCell
  {commands_uncalibrated, ERR_NOT_CALIBRATED},  // uncalibrated
  {stepper_position_unknown, ERR_NOT_HOMED},  // notHomed
};

static uint8_t settings_reply(uint16_t id, uint8_t argc, const ArgValue* v);

const CommandDef COMMANDS_DEFS[] PROGMEM = {
  {0x00, 0, 0, 0, cmd_ping},  // PING
  {0x00, 0, 0, 1, cmd_info},  // INFO
  {0x00, 0, 1, 2, cmd_limits},  // LIMITS
  {0x00, 0, 2, 2, cmd_status},  // STATUS
  {0x00, 0, 2, 2, cmd_result},  // RESULT
  {0x11, 0, 2, 5, cmd_pole},  // POLE
  {0x23, 1, 5, 10, cmd_vdrop},  // VDROP
  {0x11, 4, 10, 13, cmd_iso},  // ISO
  {0x35, 5, 13, 20, cmd_pull},  // PULL
  {0x00, 10, 20, 24, cmd_home},  // HOME
  {0x11, 10, 24, 29, cmd_heat},  // HEAT
  {0x00, 11, 29, 30, cmd_temp},  // TEMP
  {0x00, 11, 30, 31, cmd_tare},  // TARE
  {0x11, 11, 31, 32, cmd_span},  // SPAN
  {0x22, 0, 32, 33, 0},  // SET
  {0x00, 12, 33, 34, settings_reply},  // SETTINGS
  {0x00, 12, 34, 37, cmd_reset},  // RESET
  {0x00, 12, 37, 38, cmd_help},  // HELP
  {0x22, 12, 38, 41, cmd_insul},  // INSUL
};

const char COMMANDS_HELP_TEXT[] PROGMEM = "PING INFO LIMITS STATUS RESULT POLE VDROP ISO PULL HOME HEAT TEMP TARE SPAN SET SETTINGS RESET HELP INSUL";
static const char SETTING_NAMES[] PROGMEM = "rigId watchdogMs slipLimitMm tempLimitC tareCounts countsPerN calDate calCheck";

bool commands_text_setting_valid(uint8_t index, const char* text) {
  if (index == SET_RIG_ID) {
    uint8_t n = 0;
    for (char c; (c = text[n]) != 0; n++) {
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
      if (n == SETTING_RIG_ID_MAX_CHARS) return false;
    }
    return n >= SETTING_RIG_ID_MIN_CHARS;
  }
  return false;
}

void commands_report_setting(uint8_t index) {
  report_char(' ');
  command_check_report_word(SETTING_NAMES, index);
  report_char('=');
  switch (index) {
    case SET_RIG_ID: report_str(settings.rigId); break;
    case SET_WATCHDOG_MS: report_u32(settings.watchdogMs); break;
    case SET_SLIP_LIMIT_MM: report_fixed(settings.slipLimitMm, 3); break;
    case SET_TEMP_LIMIT_C: report_fixed(settings.tempLimitC, 2); break;
    case SET_TARE_COUNTS: report_i32(settings.tareCounts); break;
    case SET_COUNTS_PER_N: report_fixed(settings.countsPerN, 3); break;
    case SET_CAL_DATE: report_u32(settings.calDate); break;
    default: report_u32(settings.calCheck); break;
  }
}

static uint8_t settings_reply(uint16_t id, uint8_t, const ArgValue*) {
  report_ok_begin(id);
  for (uint8_t i = 0; i < SETTING_COUNT; i++) commands_report_setting(i);
  report_end();
  return 0;
}

// SET <setting> <value>: the setting by name (any case), then its value checked like an argument.
uint8_t commands_check_setting(char** argv, ArgValue* v) {
  int8_t index = command_check_word_index(argv[0], SETTING_NAMES);
  if (index < 0) return ERR_UNKNOWN_SETTING;
  v[0].i = index;
  v[0].f = index;
  if (index == SET_RIG_ID) return commands_text_setting_valid((uint8_t)index, argv[1]) ? 0 : ERR_OUT_OF_RANGE;
  return command_check_args(SETTING_SPECS_FIRST + (uint8_t)index, 1, 1, argv + 1, v + 1);
}

// Store the checked value, then answer ok <name>=<value>.
uint8_t commands_store_setting(uint16_t id, uint8_t index, const ArgValue* value, const char* text) {
  switch (index) {
    case SET_RIG_ID: strcpy(settings.rigId, text); break;
    case SET_WATCHDOG_MS: settings.watchdogMs = value->i; break;
    case SET_SLIP_LIMIT_MM: settings.slipLimitMm = value->f; break;
    case SET_TEMP_LIMIT_C: settings.tempLimitC = value->f; break;
    case SET_TARE_COUNTS: settings.tareCounts = value->i; break;
    case SET_COUNTS_PER_N: settings.countsPerN = value->f; break;
    case SET_CAL_DATE: settings.calDate = value->i; break;
    default: settings.calCheck = value->i; break;
  }
  if (!settings_store()) return ERR_EEPROM_FAILED;
  report_ok_begin(id);
  commands_report_setting(index);
  report_end();
  return 0;
}
