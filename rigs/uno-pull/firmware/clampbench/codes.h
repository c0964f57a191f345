// Generated from firmware-protocol/codes.yaml (npm run codegen). Do not edit.
#ifndef CLAMPBENCH_CODES_H
#define CLAMPBENCH_CODES_H

#include <avr/pgmspace.h>

// Protocol version and link speed.
#define PROTOCOL_MAJOR 2
#define PROTOCOL_MINOR 2
#define PROTOCOL_BAUD 115200UL

// Limits of the wire format.
#define LIMIT_LINE_MAX_CHARS 64
#define LIMIT_DEVICE_LINE_MAX_CHARS 255
#define LIMIT_REQUEST_ID_MAX 65535UL
#define LIMIT_RECENT_IDS 8
#define LIMIT_PULLOUT_COLLAPSE_RATIO 0.5f
#define LIMIT_SPAN_PLAUSIBLE_RATIO 4

// Reply errors (error:N).
#define ERR_UNKNOWN_COMMAND 1
#define ERR_BAD_NUMBER 2
#define ERR_OUT_OF_RANGE 3
#define ERR_MISSING_ARGUMENT 4
#define ERR_TOO_MANY_ARGUMENTS 5
#define ERR_LINE_TOO_LONG 6
#define ERR_BAD_CHECKSUM 7
#define ERR_BAD_REQUEST_ID 8
#define ERR_BUSY 9
#define ERR_ALARM_LOCKED 10
#define ERR_CURRENT_ON 11
#define ERR_MOVING 12
#define ERR_NO_POLE_SELECTED 13
#define ERR_OPEN_CIRCUIT 14
#define ERR_ESTOP_ACTIVE 15
#define ERR_GUARD_OPEN 16
#define ERR_UNKNOWN_SETTING 17
#define ERR_LOADCELL_NOT_READY 18
#define ERR_RX_OVERFLOW 19
#define ERR_EEPROM_FAILED 20
#define ERR_NOT_CALIBRATED 21
#define ERR_ABORTED 22
#define ERR_FORBIDDEN_BYTE 23
#define ERR_NOT_HOMED 24

// Alarms (ALARM:N).
#define ALARM_ESTOP 1
#define ALARM_GUARD_OPENED 2
#define ALARM_HOST_SILENCE 3
#define ALARM_FORCE_CAP 4
#define ALARM_LOADCELL_SATURATED 5
#define ALARM_LOADCELL_TIMEOUT 6
#define ALARM_PULLOUT 7
#define ALARM_OVERCURRENT 8
#define ALARM_OVERTEMP 9
#define ALARM_THERMOCOUPLE_FAULT 10
#define ALARM_TRAVEL_LIMIT 11
#define ALARM_HOMING_FAILED 12
// Bit (code-1) is set for each alarm that latches until RESET.
#define ALARM_LATCHING_MASK 0x00000FBFUL

// States, numbered in table order; STATE_NAMES[state] is the name sent in status reports.
#define STATE_IDLE 0
#define STATE_MEASURE 1
#define STATE_ISOLATE 2
#define STATE_PULL 3
#define STATE_HOME 4
#define STATE_HEAT 5
#define STATE_TARE 6
#define STATE_ALARM 7
#define STATE_COUNT 8

static const char STATE_NAME_IDLE[] PROGMEM = "IDLE";
static const char STATE_NAME_MEASURE[] PROGMEM = "MEASURE";
static const char STATE_NAME_ISOLATE[] PROGMEM = "ISOLATE";
static const char STATE_NAME_PULL[] PROGMEM = "PULL";
static const char STATE_NAME_HOME[] PROGMEM = "HOME";
static const char STATE_NAME_HEAT[] PROGMEM = "HEAT";
static const char STATE_NAME_TARE[] PROGMEM = "TARE";
static const char STATE_NAME_ALARM[] PROGMEM = "ALARM";
static const char* const STATE_NAMES[] PROGMEM = {
  STATE_NAME_IDLE,
  STATE_NAME_MEASURE,
  STATE_NAME_ISOLATE,
  STATE_NAME_PULL,
  STATE_NAME_HOME,
  STATE_NAME_HEAT,
  STATE_NAME_TARE,
  STATE_NAME_ALARM,
};

#endif  // CLAMPBENCH_CODES_H
