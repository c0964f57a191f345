// Generated from firmware-protocol/commands.yaml (npm run codegen). Do not edit.
// The command table: argument indices, constant bounds and defaults, settings, the interlock
// predicates and command handlers the firmware implements, and the HELP line.
#ifndef CLAMPBENCH_COMMANDS_TABLE_H
#define CLAMPBENCH_COMMANDS_TABLE_H

#include <stdint.h>
#include <avr/pgmspace.h>
#include "command_check.h"
#include "config.h"

// Commands in table order (the order of the HELP line).
#define CMD_PING 0
#define CMD_INFO 1
#define CMD_LIMITS 2
#define CMD_STATUS 3
#define CMD_RESULT 4
#define CMD_POLE 5
#define CMD_VDROP 6
#define CMD_ISO 7
#define CMD_PULL 8
#define CMD_HOME 9
#define CMD_HEAT 10
#define CMD_TEMP 11
#define CMD_TARE 12
#define CMD_SPAN 13
#define CMD_SET 14
#define CMD_SETTINGS 15
#define CMD_RESET 16
#define CMD_HELP 17
#define CMD_INSUL 18
#define COMMAND_COUNT 19
// Bit CMD_x set for each command that changes state: only those are answered from the id memory
// (PROTOCOL.md 1.2); a read runs again under any id.
#define COMMANDS_CHANGE_STATE_MASK 0x17720UL
// Most arguments any command takes.
#define COMMAND_ARGS_MAX 5
// The command that takes <setting> <value>: command_check.cpp checks and runs it with
// commands_check_setting and commands_store_setting instead of descriptors and a handler (-1: none).
#define COMMAND_SETTER CMD_SET

// PING
// INFO
// LIMITS
// STATUS
// RESULT
// POLE <pole>
#define ARG_POLE_POLE 0
#define ARG_POLE_POLE_MIN 0
#define ARG_POLE_POLE_MAX RIG_POLES
// VDROP <pole> <currentA> [samples]
#define ARG_VDROP_POLE 0
#define ARG_VDROP_POLE_MIN 1
#define ARG_VDROP_POLE_MAX RIG_POLES
#define ARG_VDROP_CURRENT_A 1
#define ARG_VDROP_CURRENT_A_MIN 0.1f
#define ARG_VDROP_CURRENT_A_MAX ((float)RIG_CURRENT_MAX_TEST_CURRENT_A)
#define ARG_VDROP_SAMPLES 2
#define ARG_VDROP_SAMPLES_MIN 1
#define ARG_VDROP_SAMPLES_MAX 1024
#define ARG_VDROP_SAMPLES_DEFAULT 256
// ISO <poles>
#define ARG_ISO_POLES 0
#define ARG_ISO_POLES_MIN 1
#define ARG_ISO_POLES_MAX RIG_POLES
// PULL <targetN> <rateNps> <holdMs> [preloadN] [approachMmps]
#define ARG_PULL_TARGET_N 0
#define ARG_PULL_TARGET_N_MIN 1.0f
#define ARG_PULL_TARGET_N_MAX ((float)RIG_FORCE_CAP_N)
#define ARG_PULL_RATE_NPS 1
#define ARG_PULL_RATE_NPS_MIN 0.1f
#define ARG_PULL_RATE_NPS_MAX 200.0f
#define ARG_PULL_HOLD_MS 2
#define ARG_PULL_HOLD_MS_MIN 0
#define ARG_PULL_HOLD_MS_MAX 600000UL
#define ARG_PULL_PRELOAD_N 3
#define ARG_PULL_PRELOAD_N_MIN 0.1f
#define ARG_PULL_PRELOAD_N_DEFAULT 2.0f
#define ARG_PULL_APPROACH_MMPS 4
#define ARG_PULL_APPROACH_MMPS_MIN 0.01f
#define ARG_PULL_APPROACH_MMPS_MAX ((float)RIG_MOTION_MAX_SPEED_MMPS)
#define ARG_PULL_APPROACH_MMPS_DEFAULT ((float)RIG_MOTION_APPROACH_SPEED_MMPS)
// HOME
// HEAT <currentA>
#define ARG_HEAT_CURRENT_A 0
#define ARG_HEAT_CURRENT_A_MIN 0.1f
#define ARG_HEAT_CURRENT_A_MAX ((float)RIG_CURRENT_MAX_TEST_CURRENT_A)
// TEMP
// TARE
// SPAN <knownN>
#define ARG_SPAN_KNOWN_N 0
#define ARG_SPAN_KNOWN_N_MIN 1.0f
#define ARG_SPAN_KNOWN_N_MAX ((float)RIG_LOADCELL_CAPACITY_N)
// SET <name> <value>
#define ARG_SET_NAME 0
#define ARG_SET_VALUE 1
// SETTINGS
// RESET
// HELP
// INSUL <a> <b>
#define ARG_INSUL_A 0
#define ARG_INSUL_A_MIN 1
#define ARG_INSUL_A_MAX RIG_POLES
#define ARG_INSUL_B 1
#define ARG_INSUL_B_MIN 1
#define ARG_INSUL_B_MAX RIG_POLES

// Settings, in the order SETTINGS lists them; the Settings struct (settings.h) has a field of each name.
#define SET_RIG_ID 0
#define SET_WATCHDOG_MS 1
#define SET_SLIP_LIMIT_MM 2
#define SET_TEMP_LIMIT_C 3
#define SET_TARE_COUNTS 4
#define SET_COUNTS_PER_N 5
#define SET_CAL_DATE 6
#define SET_CAL_CHECK 7
#define SETTING_COUNT 8
// rigId: rig id in the banner and INFO
#define SETTING_RIG_ID_MIN_CHARS 1
#define SETTING_RIG_ID_MAX_CHARS 15
#define SETTING_RIG_ID_DEFAULT RIG_RIG_ID
// watchdogMs: host-silence watchdog while motion or current is on
#define SETTING_WATCHDOG_MS_MIN 50
#define SETTING_WATCHDOG_MS_MAX 5000
#define SETTING_WATCHDOG_MS_DEFAULT 250
// slipLimitMm: displacement during a hold above which PULL ends with slip
#define SETTING_SLIP_LIMIT_MM_MIN 0.01f
#define SETTING_SLIP_LIMIT_MM_MAX 10.0f
#define SETTING_SLIP_LIMIT_MM_DEFAULT 0.5f
// tempLimitC: OVERTEMP alarm above this while the current is on
#define SETTING_TEMP_LIMIT_C_MIN 0.0f
#define SETTING_TEMP_LIMIT_C_MAX ((float)RIG_THERMO_TEMP_LIMIT_C)
#define SETTING_TEMP_LIMIT_C_DEFAULT ((float)RIG_THERMO_TEMP_LIMIT_C)
// tareCounts: raw 24-bit HX711 counts at zero force
#define SETTING_TARE_COUNTS_MIN -8388608L
#define SETTING_TARE_COUNTS_MAX 8388607UL
#define SETTING_TARE_COUNTS_DEFAULT RIG_LOADCELL_DEFAULT_TARE_COUNTS
// countsPerN: raw counts per newton
#define SETTING_COUNTS_PER_N_MIN_EXCLUSIVE 0.0f
#define SETTING_COUNTS_PER_N_DEFAULT ((float)RIG_LOADCELL_DEFAULT_COUNTS_PER_N)
// calDate: date of the last calibration YYYYMMDD, 0 = never; PULL is refused while it is 0
#define SETTING_CAL_DATE_MIN 19000101UL
#define SETTING_CAL_DATE_MAX 99991231UL
#define SETTING_CAL_DATE_DEFAULT 0
// calCheck: calibration checksum (protocol 2.2): CRC-16 the host computes over countsPerN (3 decimals) and calDate when it calibrates; a SPAN or SET of either without a new calCheck shows as a mismatch. tareCounts is left out: a TARE is routine at shift start
#define SETTING_CAL_CHECK_MIN 0
#define SETTING_CAL_CHECK_MAX 65535UL
#define SETTING_CAL_CHECK_DEFAULT 0

// Interlocks: each is true while its condition holds; a command lists the ones that refuse it.
bool safety_estop_pressed();  // estop -> ESTOP_ACTIVE: the E-stop is pressed
bool safety_locked();  // alarm -> ALARM_LOCKED: an alarm is latched
bool commands_no_pole();  // noPole -> NO_POLE_SELECTED: no pole is selected
bool current_is_on();  // current -> CURRENT_ON: the test current is on
bool commands_moving();  // moving -> MOVING: the puller moves or a PULL or HOME runs
bool safety_guard_open();  // guard -> GUARD_OPEN: the guard is open
bool commands_busy();  // busy -> BUSY: a short or a long operation runs
bool system_short_op();  // busyShort -> BUSY: a short operation runs (reads are allowed during a long one)
bool commands_loadcell_stale();  // loadCell -> LOADCELL_NOT_READY: the load cell gave no reading in the last 200 ms
bool commands_uncalibrated();  // uncalibrated -> NOT_CALIBRATED: the rig was never calibrated (calDate is 0)
bool stepper_position_unknown();  // notHomed -> NOT_HOMED: the position is unknown: no HOME since boot, or the motor was switched off since

// Handlers (hand-written): argc arguments were given; v holds every argument, defaults filled in,
// all checked. Return an error code, or 0 when the handler replied or started an operation.
uint8_t cmd_ping(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_info(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_limits(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_status(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_result(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_pole(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_vdrop(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_iso(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_pull(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_home(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_heat(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_temp(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_tare(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_span(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_reset(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_help(uint16_t id, uint8_t argc, const ArgValue* v);
uint8_t cmd_insul(uint16_t id, uint8_t argc, const ArgValue* v);

// The tables command_check.cpp reads (flash): bound values, argument descriptors, gates, interlocks
// and commands in table order.
extern const int32_t COMMANDS_INT_POOL[] PROGMEM;
extern const float COMMANDS_FLOAT_POOL[] PROGMEM;
extern const ArgSpec COMMANDS_ARG_SPECS[] PROGMEM;
extern const uint8_t COMMANDS_GATES[] PROGMEM;
extern const Interlock COMMANDS_INTERLOCKS[] PROGMEM;
extern const CommandDef COMMANDS_DEFS[] PROGMEM;
// The HELP line: the command names, space-separated, in table order (flash).
extern const char COMMANDS_HELP_TEXT[] PROGMEM;

// Append " <name>=<value>" of one setting to the line being sent.
void commands_report_setting(uint8_t index);
// True when text is a valid value of the text setting `index` (length and characters).
bool commands_text_setting_valid(uint8_t index, const char* text);
// SET's arguments: argv[0] a setting name (any case), argv[1] its value, checked like an
// argument. Sets v[0] (i and f) to the setting index and v[1] to the value; 0 or the error code.
uint8_t commands_check_setting(char** argv, ArgValue* v);
// SET once checked and its gates passed: store value (text for a text setting) in setting
// index, save the settings and reply ok <name>=<value>; 0 or ERR_EEPROM_FAILED.
uint8_t commands_store_setting(uint16_t id, uint8_t index, const ArgValue* value, const char* text);

#endif  // CLAMPBENCH_COMMANDS_TABLE_H
