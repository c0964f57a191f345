// Generated from firmware-protocol/codes.yaml (npm run codegen). Do not edit.

/** Protocol version and link speed; a host refuses a device whose major differs. */
export const PROTOCOL = { major: 2, minor: 2, baud: 115200 } as const;

/** Limits of the wire format itself. */
export const LIMITS = {
  lineMaxChars: 64,
  deviceLineMaxChars: 255,
  requestIdMax: 65535,
  recentIds: 8,
  pulloutCollapseRatio: 0.5,
  spanPlausibleRatio: 4,
} as const;

/** Firmware states in table order; the firmware numbers them from 0 in this order. */
export const STATES = [
  { name: "IDLE", text: "Idle, ready for a command" },
  { name: "MEASURE", text: "Measuring a 4-wire voltage drop" },
  { name: "ISOLATE", text: "Checking isolation and the wiring map" },
  { name: "PULL", text: "Running a pull profile" },
  { name: "HOME", text: "Returning to the home position" },
  { name: "HEAT", text: "Test current on for a temperature-rise test" },
  { name: "TARE", text: "Taring or spanning the load cell" },
  { name: "ALARM", text: "An alarm is latched; everything is stopped until RESET" },
] as const;

export type StateName = "IDLE" | "MEASURE" | "ISOLATE" | "PULL" | "HOME" | "HEAT" | "TARE" | "ALARM";

/** Reply errors (`error:N`). */
export const ERRORS = [
  { code: 1, name: "UNKNOWN_COMMAND", text: "Unknown command" },
  { code: 2, name: "BAD_NUMBER", text: "An argument is not a valid number" },
  { code: 3, name: "OUT_OF_RANGE", text: "An argument is outside its allowed range" },
  { code: 4, name: "MISSING_ARGUMENT", text: "A required argument is missing" },
  { code: 5, name: "TOO_MANY_ARGUMENTS", text: "More arguments than the command takes" },
  { code: 6, name: "LINE_TOO_LONG", text: "Line longer than the receive buffer; it was discarded" },
  { code: 7, name: "BAD_CHECKSUM", text: "Line checksum does not match; the line was not executed" },
  { code: 8, name: "BAD_REQUEST_ID", text: "Malformed request id" },
  { code: 9, name: "BUSY", text: "Another operation is running" },
  { code: 10, name: "ALARM_LOCKED", text: "An alarm is latched; send RESET first" },
  { code: 11, name: "CURRENT_ON", text: "Refused while the test current is on (motion or relay switching)" },
  { code: 12, name: "MOVING", text: "Refused while the puller is moving (test current)" },
  { code: 13, name: "NO_POLE_SELECTED", text: "No pole is selected" },
  { code: 14, name: "OPEN_CIRCUIT", text: "Test current not reached; the circuit is open" },
  { code: 15, name: "ESTOP_ACTIVE", text: "E-stop is pressed; release it before RESET" },
  { code: 16, name: "GUARD_OPEN", text: "Refused while the guard is open" },
  { code: 17, name: "UNKNOWN_SETTING", text: "Unknown setting name" },
  { code: 18, name: "LOADCELL_NOT_READY", text: "No load-cell reading available" },
  { code: 19, name: "RX_OVERFLOW", text: "Receive buffer overflow; the line was lost" },
  { code: 20, name: "EEPROM_FAILED", text: "Settings could not be stored" },
  { code: 21, name: "NOT_CALIBRATED", text: "The rig was never calibrated (calDate is 0): no force is measured" },
  { code: 22, name: "ABORTED", text: "The operation was ended by the abort byte" },
  { code: 23, name: "FORBIDDEN_BYTE", text: "The line held a byte that is not allowed in a line; it was discarded" },
  { code: 24, name: "NOT_HOMED", text: "Position unknown: HOME first (after a reboot, or a stop that switched the motor off)" },
] as const;

/** Alarms (`ALARM:N`); a latching alarm stops the rig until RESET. */
export const ALARMS = [
  { code: 1, name: "ESTOP", latching: true, text: "E-stop pressed" },
  { code: 2, name: "GUARD_OPENED", latching: true, text: "Guard opened during motion or test current" },
  { code: 3, name: "HOST_SILENCE", latching: true, text: "No line from the host within the watchdog time while motion or current was active" },
  { code: 4, name: "FORCE_CAP", latching: true, text: "Force reached the rig's force cap" },
  { code: 5, name: "LOADCELL_SATURATED", latching: true, text: "Load-cell reading at the end of its range" },
  { code: 6, name: "LOADCELL_TIMEOUT", latching: true, text: "No reading from the load-cell converter" },
  { code: 7, name: "PULLOUT", latching: false, text: "Conductor pulled out of the clamp (force collapsed)" },
  { code: 8, name: "OVERCURRENT", latching: true, text: "Measured current above the setpoint tolerance or the rig maximum" },
  { code: 9, name: "OVERTEMP", latching: true, text: "Temperature above the set limit" },
  { code: 10, name: "THERMOCOUPLE_FAULT", latching: true, text: "Thermocouple open or shorted" },
  { code: 11, name: "TRAVEL_LIMIT", latching: true, text: "Puller reached the end of its travel" },
  { code: 12, name: "HOMING_FAILED", latching: true, text: "Home switch not found within the travel" },
] as const;

/** Error code by name: `ErrorCode.BUSY === 9`. */
export const ErrorCode = {
  UNKNOWN_COMMAND: 1,
  BAD_NUMBER: 2,
  OUT_OF_RANGE: 3,
  MISSING_ARGUMENT: 4,
  TOO_MANY_ARGUMENTS: 5,
  LINE_TOO_LONG: 6,
  BAD_CHECKSUM: 7,
  BAD_REQUEST_ID: 8,
  BUSY: 9,
  ALARM_LOCKED: 10,
  CURRENT_ON: 11,
  MOVING: 12,
  NO_POLE_SELECTED: 13,
  OPEN_CIRCUIT: 14,
  ESTOP_ACTIVE: 15,
  GUARD_OPEN: 16,
  UNKNOWN_SETTING: 17,
  LOADCELL_NOT_READY: 18,
  RX_OVERFLOW: 19,
  EEPROM_FAILED: 20,
  NOT_CALIBRATED: 21,
  ABORTED: 22,
  FORBIDDEN_BYTE: 23,
  NOT_HOMED: 24,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Alarm code by name: `AlarmCode.ESTOP === 1`. */
export const AlarmCode = {
  ESTOP: 1,
  GUARD_OPENED: 2,
  HOST_SILENCE: 3,
  FORCE_CAP: 4,
  LOADCELL_SATURATED: 5,
  LOADCELL_TIMEOUT: 6,
  PULLOUT: 7,
  OVERCURRENT: 8,
  OVERTEMP: 9,
  THERMOCOUPLE_FAULT: 10,
  TRAVEL_LIMIT: 11,
  HOMING_FAILED: 12,
} as const;
export type AlarmCode = (typeof AlarmCode)[keyof typeof AlarmCode];

// Lookups take any number: a newer firmware (same major, higher minor) may send codes this host does not know.
const errorByCode = new Map<number, (typeof ERRORS)[number]>(ERRORS.map((e) => [e.code, e]));
const alarmByCode = new Map<number, (typeof ALARMS)[number]>(ALARMS.map((a) => [a.code, a]));

/** Human text of an error code, or `unknown error 99`. */
export function errorText(code: number): string {
  return errorByCode.get(code)?.text ?? `unknown error ${code}`;
}

/** Name of an error code (`BUSY`), or `unknown error 99`. */
export function errorName(code: number): string {
  return errorByCode.get(code)?.name ?? `unknown error ${code}`;
}

/** Human text of an alarm code, or `unknown alarm 99`. */
export function alarmText(code: number): string {
  return alarmByCode.get(code)?.text ?? `unknown alarm ${code}`;
}

/** Name of an alarm code (`ESTOP`), or `unknown alarm 99`. */
export function alarmName(code: number): string {
  return alarmByCode.get(code)?.name ?? `unknown alarm ${code}`;
}

/** Whether an alarm latches; an unknown alarm is treated as latching, the safe assumption. */
export function isLatchingAlarm(code: number): boolean {
  return alarmByCode.get(code)?.latching ?? true;
}
